#!/usr/bin/env bash
# A local cluster of the session service behind WildFly's own load balancer (mod_cluster):
#
#   scripts/cluster.sh up [N]      build if needed; start the balancer on :8080 and N nodes
#                                  (default 2) node1..nodeN on :8180, :8280, ...; returns when
#                                  every node serves the application and the cluster has N members
#   scripts/cluster.sh kill NODE   SIGKILL a node (a crash)
#   scripts/cluster.sh stop NODE   stop a node gracefully
#   scripts/cluster.sh start NODE  start a node again; returns when it has rejoined the cluster
#   scripts/cluster.sh status      nodes, pids, ports and the cluster view
#   scripts/cluster.sh db stop|start  stop or start the shared H2 server (an outage drill; nodes
#                                  reconnect by themselves)
#   scripts/cluster.sh down        stop everything this script started, free every port
#
# All nodes share one database: an H2 server started here (run/cluster/h2, port 9092), or
# PostgreSQL with ERP_DB=postgresql and ERP_DB_URL/ERP_DB_USER/ERP_DB_PASSWORD. Every ERP_*
# setting (API.md §10) passes through to every node. Node i uses port offset 100*i: HTTP
# 8080+100i, management 9990+100i, JGroups 7600+100i. A graceful stop first tells the balancer to
# send the node no more requests, lets those under way finish, then stops it with SIGTERM.
# JGroups is authenticated and encrypted with the key in ERP_CLUSTER_KEYSTORE (with
# ERP_CLUSTER_KEYSTORE_PASSWORD and ERP_CLUSTER_AUTH_SECRET); without it, a key of this machine's
# own is made once in run/cluster/key (scripts/cluster-key.sh). The balancer's registration port
# (MCMP, 8090) listens on ERP_BALANCER_HOST only and takes commands from ERP_BALANCER_NODE_ADDRESSES.
# Sessions are kept in the shared database: they survive a node's crash, down then up, and a
# SIGKILL of every node (what was acknowledged 2 s before); README, "What survives what".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

state="$root/run/cluster"
h2_port=9092
# The demo users (admin/admin, ...) are this script's; the product starts with none.
export ERP_DEMO_DATA="${ERP_DEMO_DATA:-true}"
start_timeout=180

usage() {
  sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit 2
}

die() {
  echo "cluster.sh: $*" >&2
  exit 1
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
size() { cat "$state/size" 2>/dev/null || echo 0; }
node_index() { [[ "$1" =~ ^node([1-9][0-9]?)$ ]] || die "no such node: $1"; echo "${BASH_REMATCH[1]}"; }
http_port() { echo $((8080 + 100 * $1)); }
mgmt_port() { echo $((9990 + 100 * $1)); }

member_list() {
  local n=$1 hosts="" i
  for i in $(seq 1 "$n"); do hosts="${hosts:+$hosts,}127.0.0.1[$((7600 + 100 * i))]"; done
  echo "$hosts"
}

start_database() {
  if [ "${ERP_DB:-h2}" = "postgresql" ] || alive "$state/h2.pid"; then return; fi
  mkdir -p "$state/h2"
  local jar
  jar=$(ls "$home"/modules/system/layers/base/com/h2database/h2/main/h2-*.jar | head -1)
  # Loopback only: H2 refuses other hosts anyway, but need not listen where they can reach it.
  nohup java -Djava.net.preferIPv4Stack=true -Dh2.bindAddress=127.0.0.1 -cp "$jar" org.h2.tools.Server -tcp -tcpPort "$h2_port" -baseDir "$state/h2" \
    -ifNotExists > "$state/h2.log" 2>&1 &
  echo $! > "$state/h2.pid"
  for _ in $(seq 50); do port_busy "$h2_port" && return; sleep 0.2; done
  die "the H2 database server did not start (see $state/h2.log)"
}

start_balancer() {
  local base="$state/balancer"
  prepare_base "$base"
  JBOSS_PIDFILE="$state/balancer.pid" LAUNCH_JBOSS_IN_BACKGROUND=1 nohup "$home/bin/standalone.sh" \
    -c standalone-load-balancer.xml -Djboss.server.base.dir="$base" -Djboss.node.name=balancer \
    -Djava.net.preferIPv4Stack=true -b 127.0.0.1 -bmanagement 127.0.0.1 -bprivate "${ERP_BALANCER_HOST:-127.0.0.1}" \
    > "$base/log/console.log" 2>&1 &
  await_pid_file "$state/balancer.pid"
  wait_begin
  for _ in $(seq 120); do
    port_busy 8090 && port_busy 8080 && return
    wait_note "the load balancer to listen on :8080 and :8090"
    sleep 0.5
  done
  die "the load balancer did not start (see $base/log/console.log)"
}

launch_node() { # index
  local i=$1 base="$state/node$1"
  prepare_base "$base" deploy
  load_cluster_key "$state/key"
  local db_url="${ERP_DB_URL:-jdbc:h2:tcp://127.0.0.1:$h2_port/erp}"
  [ "${ERP_DB:-h2}" = "postgresql" ] && db_url="${ERP_DB_URL:-jdbc:postgresql://127.0.0.1:5432/erp}"
  ERP_DB_URL="$db_url" ERP_DB_USER="${ERP_DB_USER:-$([ "${ERP_DB:-h2}" = postgresql ] && echo postgres || echo sa)}" \
  JBOSS_PIDFILE="$state/node$i.pid" LAUNCH_JBOSS_IN_BACKGROUND=1 nohup "$home/bin/standalone.sh" \
    -c standalone-ha-node.xml -Djboss.server.base.dir="$base" -Djboss.node.name="node$i" \
    -Djboss.socket.binding.port-offset=$((100 * i)) -Djava.net.preferIPv4Stack=true \
    -Dorg.wildfly.sigterm.suspend.timeout=20 \
    -Derp.cluster.hosts="$(member_list "$(size)")" \
    -b 127.0.0.1 -bmanagement 127.0.0.1 -bprivate 127.0.0.1 \
    > "$base/log/console.log" 2>&1 &
  await_pid_file "$state/node$i.pid"
}

await_pid_file() { # standalone.sh writes the JVM's pid once it has launched it
  for _ in $(seq 100); do [ -s "$1" ] && return; sleep 0.1; done
  die "no pid in $1: the server did not launch"
}

cluster_view() { # index; the management CLI may need a few tries on a busy machine
  local view="" attempt
  for attempt in 1 2 3; do
    view=$("$home/bin/jboss-cli.sh" -c --controller="127.0.0.1:$(mgmt_port "$1")" --timeout=15000 \
      --command='/subsystem=jgroups/channel=ee:read-attribute(name=view)' 2>/dev/null \
      | sed -n 's/.*"result" => "\(.*\)".*/\1/p')
    [ -n "$view" ] && break
    sleep 1
  done
  echo "$view"
}

await_node() { # index: serving the application, and a member of a full cluster
  local i=$1 deadline=$((SECONDS + start_timeout)) view members expected
  wait_begin
  while [ $SECONDS -lt $deadline ]; do
    alive "$state/node$i.pid" || die "node$i died while starting (see $state/node$i/log/console.log)"
    # -m 5: a booting WildFly holds requests until it has started, which would hold the loop too.
    if curl -sf -m 5 -o /dev/null "http://127.0.0.1:$(http_port "$i")/api/health"; then
      view=$(cluster_view "$i")
      members=$(echo "$view" | sed -n 's/.*(\([0-9]*\)).*/\1/p')
      expected=$(running_nodes | wc -w)
      if [ "$members" = "$expected" ]; then
        echo "node$i is up: http://127.0.0.1:$(http_port "$i") $view"
        return
      fi
      wait_note "node$i to join the cluster: ${members:-0} of $expected members in its view"
    else
      wait_note "node$i to start and serve the application on :$(http_port "$i")"
    fi
    sleep 1
  done
  die "node$i did not join the cluster within ${start_timeout}s (see $state/node$i/log/server.log)"
}

running_nodes() {
  local i
  for i in $(seq 1 "$(size)"); do alive "$state/node$i.pid" && echo -n "node$i "; done
  echo
}

stop_pid() { # pid-file [signal]
  local file=$1 signal=${2:-TERM} pid
  alive "$file" || { rm -f "$file"; return; }
  pid=$(cat "$file")
  kill -"$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  rm -f "$file"
}

await_balancer_route() {
  wait_begin
  for _ in $(seq 60); do
    curl -sf -m 5 -o /dev/null http://127.0.0.1:8080/api/health && return
    wait_note "the load balancer to route requests to the nodes"
    sleep 1
  done
  die "the load balancer does not route to the nodes yet (see $state/balancer/log/server.log)"
}

cmd_up() {
  local n=${1:-2} i
  [[ "$n" =~ ^[1-9]$ ]] || die "N must be 1 to 9"
  [ "$(running_nodes | wc -w)" = 0 ] && ! alive "$state/balancer.pid" || die "already up: scripts/cluster.sh down first"
  for port in 8080 8090 9990 $h2_port $(for i in $(seq 1 "$n"); do echo "$(http_port "$i") $(mgmt_port "$i") $((7600 + 100 * i))"; done); do
    if port_busy "$port" && ! { [ "$port" = "$h2_port" ] && alive "$state/h2.pid"; }; then
      die "port $port is in use by another process"
    fi
  done
  build_if_needed
  mkdir -p "$state"
  echo "$n" > "$state/size"
  trap 'echo "cluster.sh: start failed, stopping what was started" >&2; cmd_down >/dev/null' EXIT
  local began=$SECONDS
  echo "Starting the balancer and $n nodes (a few minutes; progress every 10 s)"
  start_database
  start_balancer
  # The first node alone until it serves: on an empty database, nodes starting together race to
  # create the session store's tables (Infinispan's CREATE INDEX has no IF NOT EXISTS), and the
  # loser's deployment fails (seen in CI: "Index ... already exists", node1 never served).
  launch_node 1
  await_node 1
  for i in $(seq 2 "$n"); do launch_node "$i"; done
  for i in $(seq 2 "$n"); do await_node "$i"; done
  await_balancer_route
  trap - EXIT
  echo "Cluster of $n up behind http://127.0.0.1:8080 (in $((SECONDS - began)) s)"
}

cmd_kill() {
  local i; i=$(node_index "$1")
  alive "$state/node$i.pid" || die "node$i is not running"
  stop_pid "$state/node$i.pid" KILL
  echo "node$i killed (SIGKILL)"
}

# Tells the balancer to stop sending the node requests (mod_cluster STOP-APP), waits for those under
# way, then gives requests the balancer dispatched a moment before a second to arrive. SIGTERM's own
# suspend sends STOP-APP too, but suspends the node in the same instant, so a request the balancer
# had already routed there would get a 503.
drain_node() { # index
  "$home/bin/jboss-cli.sh" -c --controller="127.0.0.1:$(mgmt_port "$1")" --timeout=15000 \
    --command='/subsystem=modcluster/proxy=default:stop(waittime=20)' > /dev/null 2>&1 \
    || echo "cluster.sh: node$1 did not answer the drain request; stopping it anyway" >&2
  sleep 1
}

cmd_stop() {
  local i; i=$(node_index "$1")
  alive "$state/node$i.pid" || die "node$i is not running"
  drain_node "$i"
  stop_pid "$state/node$i.pid" TERM
  echo "node$i stopped"
}

cmd_start() {
  local i; i=$(node_index "$1")
  [ "$i" -le "$(size)" ] || die "node$i is not part of this cluster (size $(size))"
  alive "$state/node$i.pid" && die "node$i is already running"
  launch_node "$i"
  await_node "$i"
}

cmd_status() {
  local i pid
  echo "balancer  $(alive "$state/balancer.pid" && echo "pid $(cat "$state/balancer.pid")" || echo down)  http://127.0.0.1:8080"
  for i in $(seq 1 "$(size)"); do
    pid=$(alive "$state/node$i.pid" && echo "pid $(cat "$state/node$i.pid")" || echo down)
    echo "node$i     $pid  http://127.0.0.1:$(http_port "$i")  management $(mgmt_port "$i")"
  done
  echo "database  $( [ "${ERP_DB:-h2}" = postgresql ] && echo PostgreSQL || (alive "$state/h2.pid" && echo "H2 pid $(cat "$state/h2.pid") port $h2_port" || echo down))"
  for i in $(seq 1 "$(size)"); do
    if alive "$state/node$i.pid"; then echo "view      $(cluster_view "$i")"; break; fi
  done
}

cmd_down() {
  local i
  for i in $(seq 1 "$(size)"); do stop_pid "$state/node$i.pid" TERM; done
  stop_pid "$state/balancer.pid" TERM
  stop_pid "$state/h2.pid" TERM
  echo "Cluster down"
}

cmd_db() {
  [ "${ERP_DB:-h2}" = "h2" ] || die "the database is not this script's (ERP_DB=${ERP_DB})"
  case "$1" in
    stop) stop_pid "$state/h2.pid" TERM; echo "H2 server stopped" ;;
    start) alive "$state/h2.pid" && die "the H2 server is already running"; start_database; echo "H2 server started" ;;
    *) usage ;;
  esac
}

case "${1:-}" in
  up) shift; cmd_up "$@" ;;
  db) [ $# -eq 2 ] || usage; cmd_db "$2" ;;
  kill | stop | start) [ $# -eq 2 ] || usage; "cmd_$1" "$2" ;;
  status) cmd_status ;;
  down) cmd_down ;;
  *) usage ;;
esac
