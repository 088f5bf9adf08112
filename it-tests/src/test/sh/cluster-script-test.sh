#!/usr/bin/env bash
# Drives scripts/cluster.sh as an operator would: up 2, a session through the load balancer,
# sticky routing, the ports each process listens on (no AJP, MCMP private and for the nodes only),
# a server with another JGroups key kept out of the cluster and its sessions, SIGKILL of a node,
# the session still served with its data, the node back, a rolling restart under traffic, the
# whole cluster down and up again, both nodes SIGKILLed at once and started again (sessions and
# values kept), down with every port free. Prints "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && cd .. && pwd)
source "$root/scripts/harness.sh" # prepare_base, sign_in_jar, login_status
cluster="$root/scripts/cluster.sh"
lb=http://127.0.0.1:8080
jar=$(mktemp)


outsider_dir=""
cleanup() {
  [ -n "$outsider_dir" ] && stop_outsider
  "$cluster" down > /dev/null 2>&1; rm -f "$jar"
}
trap cleanup EXIT

check_on "cluster.sh up 2 returns with a cluster of two" "$cluster" up 2
check_on "status shows both nodes in the view" bash -c "'$cluster' status | grep -q 'view .* (2) \[node[12].*node[12]'"

token=$(sign_in_jar "$lb" demo demo "$jar")
check_on "login through the load balancer" test -n "$token"
check_on "custom data written through the load balancer" \
  curl -sf -b "$jar" -X PUT -H 'Content-Type: application/json' -H "X-CSRF-Token: $token" \
  -d '{"value":{"step":2}}' "$lb/api/session/data/wizard"

route=$(grep session_id "$jar" | awk '{print $7}' | sed 's/.*\.//')
check_on "the session id carries the route of its node ($route)" bash -c "[[ '$route' =~ ^node[12]$ ]]"
# Sticky: the balancer reads the route from the session_id cookie (not JSESSIONID), so every
# request of a session is served by the node in its route.
admin_jar=$(mktemp)
login_status "$lb" admin admin "$admin_jar" > /dev/null
admin_route=$(grep session_id "$admin_jar" | awk '{print $7}' | sed 's/.*\.//')
served_by=$(for _ in $(seq 10); do curl -sf -b "$admin_jar" "$lb/api/admin/cluster" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["node"])'; done | sort -u | tr '\n' ' ')
rm -f "$admin_jar"
check_on "10 requests of a session through the balancer all reach its node ($admin_route: $served_by)" \
  test "$served_by" = "$admin_route "
check_on "the device list through the balancer shows the client address" bash -c \
  "curl -sf -b '$jar' '$lb/api/session/devices' | grep -q '\"ip_address\":\"127.0.0.1\"'"

# Ports: every listening socket of the balancer and the nodes, by the pids cluster.sh started.
state="$root/run/cluster"
listening() { # process name (balancer, node1...): "address:port" per line
  ss -Hltnp | grep "pid=$(cat "$state/$1.pid")," | awk '{print $4}' | sort -u
}
for process in balancer node1 node2; do echo "     $process listens on: $(listening "$process" | tr '\n' ' ')"; done
no_ajp() { ! { listening node1; listening node2; } | grep -qE ':(8009|8109|8209)$'; }
check_on "no node listens on an AJP port (8009 + offset)" no_ajp
mcmp_sockets() { ss -Hltnp 'sport = :8090' | awk '{print $4}' | tr '\n' ' '; }
h2_sockets() { ss -Hltn 'sport = :9092' | awk '{print $4}' | tr '\n' ' '; }
check_on "the local cluster's H2 server (9092) listens on 127.0.0.1 only ($(h2_sockets))" \
  bash -c "[ '$(h2_sockets)' = '127.0.0.1:9092 ' ]"
check_on "MCMP (8090) is bound to 127.0.0.1 only ($(mcmp_sockets)), by the balancer" \
  bash -c "[ '$(mcmp_sockets)' = '127.0.0.1:8090 ' ] && [ '$(listening balancer | grep -c ':8090$')' = 1 ]"
# A process on another address (127.0.0.2 is loopback too) must not register as a node. WildFly
# hands a refused MCMP command on to the proxy, so the test looks for MCMP's own answer: INFO
# lists the registered nodes ("Node: [1],Name: node1,...").
mcmp() { # source-address method [body]
  curl -s -m 10 --interface "$1" -X "$2" --data "${3:-}" http://127.0.0.1:8090/
}
check_on "MCMP answers INFO from a node's address (127.0.0.1)" bash -c "grep -q 'Name: node' <<< '$(mcmp 127.0.0.1 INFO)'"
check_on "MCMP does not answer INFO from an unknown address (127.0.0.2)" bash -c "! grep -q 'Name: node' <<< '$(mcmp 127.0.0.2 INFO)'"
mcmp 127.0.0.2 CONFIG 'JVMRoute=intruder&Host=127.0.0.2&Port=8099&Type=http' > /dev/null
check_on "a CONFIG from an unknown address registers no node" \
  bash -c "! grep -q intruder <<< '$(mcmp 127.0.0.1 INFO)'"

# A server with the application and the configuration, but another cluster key, in the same
# TCPPING list: JGroups (SYM_ENCRYPT, AUTH) keeps it out, so it forms a cluster of its own and
# knows none of the cluster's sessions. It stays off the balancer (ERP_BALANCER_PORT=1).
outsider_dir=$(mktemp -d)
stop_outsider() {
  local pid
  pid=$(cat "$outsider_dir/pid" 2>/dev/null) || { rm -rf "$outsider_dir"; return; }
  kill -TERM "$pid" 2>/dev/null
  for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$pid" 2>/dev/null
  rm -rf "$outsider_dir"
}
prepare_base "$outsider_dir/base" deploy
"$root/scripts/cluster-key.sh" "$outsider_dir/key"
# A database of its own: the cluster's database holds its sessions too (durable sessions), and
# whoever can read it can use them (SECURITY.md); this checks the other way in, the cluster.
( set -a; source "$outsider_dir/key/cluster-key.env"; set +a
  ERP_BALANCER_PORT=1 \
  JBOSS_PIDFILE="$outsider_dir/pid" LAUNCH_JBOSS_IN_BACKGROUND=1 nohup "$home/bin/standalone.sh" \
    -c standalone-ha-node.xml -Djboss.server.base.dir="$outsider_dir/base" -Djboss.node.name=outsider \
    -Djboss.socket.binding.port-offset=300 -Djava.net.preferIPv4Stack=true \
    -Derp.cluster.hosts='127.0.0.1[7700],127.0.0.1[7800],127.0.0.1[7900]' \
    -b 127.0.0.1 -bmanagement 127.0.0.1 -bprivate 127.0.0.1 > "$outsider_dir/console.log" 2>&1 & )
outsider_up() {
  for _ in $(seq 180); do curl -sf -o /dev/null http://127.0.0.1:8380/api/health && return; sleep 1; done
  return 1
}
view_of() { # management port
  "$home/bin/jboss-cli.sh" -c --controller="127.0.0.1:$1" --timeout=15000 \
    --command='/subsystem=jgroups/channel=ee:read-attribute(name=view)' 2>/dev/null | sed -n 's/.*"result" => "\(.*\)".*/\1/p'
}
check_on "a server with another cluster key starts (on :8380)" outsider_up
outsider_view=$(view_of 10290)
check_on "it forms a cluster of its own ($outsider_view)" bash -c "[[ '$outsider_view' =~ \(1\)\ \[outsider[^,]*\]$ ]]"
check_on "the cluster's view still has two members ($(view_of 10090))" bash -c "[[ '$(view_of 10090)' =~ \(2\) ]]"
check_on "a session of the cluster is unknown there (401)" \
  test "$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" http://127.0.0.1:8380/api/session/data/wizard)" = 401
check_on "and still served by the cluster" bash -c "curl -sf -b '$jar' '$lb/api/session/data/wizard' | grep -q '\"step\":2'"
check_on "it did try: its JOIN requests to the cluster timed out" \
  grep -qE 'JOIN\(outsider.*\) sent to node[12].* timed out' "$outsider_dir/base/log/server.log"
stop_outsider

check_on "cluster.sh kill $route" "$cluster" kill "$route"
# The balancer needs a moment to notice the crash (bench/ measures how long: the failover drill).
check_on "the session is served again within 15 s of the crash, data intact" bash -c \
  "for _ in \$(seq 30); do curl -sf -m 5 -b '$jar' '$lb/api/session/data/wizard' | grep -q '\"step\":2' && exit 0; sleep 0.5; done; exit 1"
check_on "cluster.sh start $route rejoins" "$cluster" start "$route"

# Rolling restart under traffic: 20 sessions with a custom value each are read without pause
# through the balancer while every node in turn stops gracefully and starts again.
traffic_dir=$(mktemp -d)
for n in $(seq 20); do
  csrf=$(sign_in_jar "$lb" demo demo "$traffic_dir/jar$n")
  curl -sf -b "$traffic_dir/jar$n" -X PUT -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
    -d "{\"value\":{\"rolling\":$n}}" "$lb/api/session/data/rolling"
done
traffic() {
  while [ ! -f "$traffic_dir/stop" ]; do
    for n in $(seq 20); do
      answer=$(curl -s -m 10 -b "$traffic_dir/jar$n" -w ' %{http_code}' "$lb/api/session/data/rolling")
      echo "$answer" | grep -q "\"rolling\":$n}.* 200\$" && echo ok || echo "fail $(date +%T.%3N) session $n: $answer"
    done >> "$traffic_dir/results"
  done
}
traffic &
traffic_pid=$!
sleep 3
for node in node1 node2; do
  echo "$(date +%T.%3N) stopping $node" >> "$traffic_dir/results"
  "$cluster" stop "$node" > /dev/null
  echo "$(date +%T.%3N) starting $node" >> "$traffic_dir/results"
  "$cluster" start "$node" > /dev/null
  echo "$(date +%T.%3N) $node started" >> "$traffic_dir/results"
  sleep 3
done
touch "$traffic_dir/stop"
wait "$traffic_pid"
served=$(grep -c '^ok' "$traffic_dir/results")
refused=$(grep -c '^fail' "$traffic_dir/results")
grep -v '^ok' "$traffic_dir/results" | head -20
check_on "a rolling restart under traffic: $served reads served, $refused failed" test "$refused" = 0
intact() { # value-suffix: how many of the 20 sessions answer 200 with their value
  local n count=0
  for n in $(seq 20); do
    curl -s -b "$traffic_dir/jar$n" "$lb/api/session/data/rolling" | grep -q "\"rolling\":$n$1}" && count=$((count + 1))
  done
  echo "$count"
}
count=$(intact "")
check_on "after the rolling restart all 20 sessions hold their value ($count)" test "$count" = 20

# Whole-cluster restarts (README, "What survives what"): the sessions are kept in the database.
check_on "cluster.sh down: a graceful stop of the whole cluster" "$cluster" down
check_on "cluster.sh up 2 again" "$cluster" up 2
count=$(intact "")
check_on "after down and up 2, all 20 sessions are served with their value ($count)" test "$count" = 20
# Both nodes SIGKILLed at once: what was acknowledged 2 s before is kept (restart-test.sh: one node).
written=0
for n in $(seq 20); do
  csrf=$(curl -sf -b "$traffic_dir/jar$n" "$lb/api/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
  [ "$(curl -s -o /dev/null -w '%{http_code}' -b "$traffic_dir/jar$n" -X PUT -H 'Content-Type: application/json' \
    -H "X-CSRF-Token: $csrf" -d "{\"value\":{\"rolling\":${n}0}}" "$lb/api/session/data/rolling")" = 204 ] \
    && written=$((written + 1))
done
check_on "20 new values written before the crash ($written)" test "$written" = 20
sleep 2
kill -KILL "$(cat "$state/node1.pid")" "$(cat "$state/node2.pid")"
check_on "cluster.sh down after the crash of both nodes" "$cluster" down
check_on "cluster.sh up 2 after the crash" "$cluster" up 2
count=$(intact 0)
check_on "after the crash of both nodes, all 20 sessions are served with their new value ($count)" test "$count" = 20
rm -rf "$traffic_dir"

check_on "cluster.sh down" "$cluster" down
busy=""
for port in 8080 8090 8180 8280 8380 9990 10090 10190 10290 7700 7800 7900 9092; do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && busy="$busy $port"
done
check_on "every port is free after down${busy:+ (busy:$busy)}" test -z "$busy"

verdict
