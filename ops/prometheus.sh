#!/usr/bin/env bash
# Debian's Prometheus (apt-get install prometheus) for the local cluster of scripts/cluster.sh, on
# loopback only, with the repo's recording and alert rules (ops/rules):
#
#   ops/prometheus.sh start [N]   scrape node1..nodeN (default: the cluster's size) on their
#                                 management ports (9990+100i, /metrics, job erp, instance nodeI)
#                                 and itself, every 2 s; serve http://127.0.0.1:9095; returns when
#                                 Prometheus answers /-/ready
#   ops/prometheus.sh stop        stop the Prometheus this script started, free port 9095
#   ops/prometheus.sh status      pid, URL and the health of every scrape target (exit 3: not
#                                 running)
#   ops/prometheus.sh config [N]  print the configuration start writes (ops/test.sh checks it)
#
# Port 9095, not Prometheus' usual 9090, so that a Prometheus the package's service started is
# left alone. State in run/prometheus: prometheus.yml (from ops/cluster/prometheus.yml.in), the
# pid, the log, and data/, which each start empties so queries see the current cluster only.
# For real machines, start from ops/prometheus.yml instead.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

ops="$root/ops"
state="$root/run/prometheus"
listen=127.0.0.1:9095
port=${listen##*:}
ready_timeout=60

die() {
  echo "prometheus.sh: $*" >&2
  exit 1
}

usage() {
  awk 'NR > 1 && !/^#/ {exit} NR > 1 {sub(/^# ?/, ""); print}' "${BASH_SOURCE[0]}"
  exit 2
}

alive() { [ -f "$state/prometheus.pid" ] && kill -0 "$(cat "$state/prometheus.pid")" 2>/dev/null; }

config() { # nodes
  local n=$1 i targets=""
  [[ "$n" =~ ^[1-9]$ ]] || die "N must be 1 to 9"
  for i in $(seq 1 "$n"); do
    targets+="      - targets: ['127.0.0.1:$((9990 + 100 * i))']"$'\n'"        labels: {instance: node$i}"$'\n'
  done
  awk -v ops="$ops" -v listen="$listen" -v targets="${targets%$'\n'}" '
    $0 == "@ERP_TARGETS@" { print targets; next }
    { gsub(/@OPS@/, ops); gsub(/@LISTEN@/, listen); print }
  ' "$ops/cluster/prometheus.yml.in"
}

cmd_config() { config "${1:-$(cat "$root/run/cluster/size" 2>/dev/null || echo 2)}"; }

cmd_start() {
  local n=${1:-$(cat "$root/run/cluster/size" 2>/dev/null || echo 2)}
  command -v prometheus > /dev/null || die "prometheus is needed: apt-get install prometheus"
  alive && die "already running (pid $(cat "$state/prometheus.pid")): ops/prometheus.sh stop first"
  port_busy "$port" && die "port $port is in use by another process"
  mkdir -p "$state"
  config "$n" > "$state/prometheus.yml"
  rm -rf "$state/data"
  nohup prometheus --config.file="$state/prometheus.yml" --storage.tsdb.path="$state/data" \
    --storage.tsdb.retention.time=1d --web.listen-address="$listen" \
    > "$state/prometheus.log" 2>&1 &
  echo $! > "$state/prometheus.pid"
  echo "Waiting for Prometheus to answer http://$listen/-/ready (log: $state/prometheus.log)"
  wait_begin
  while ! curl -sf -o /dev/null "http://$listen/-/ready"; do
    alive || die "Prometheus exited while starting (see $state/prometheus.log)"
    [ $((SECONDS - wait_since)) -lt "$ready_timeout" ] \
      || { cmd_stop > /dev/null; die "Prometheus did not answer within ${ready_timeout}s (see $state/prometheus.log)"; }
    wait_note "Prometheus to answer http://$listen/-/ready"
    sleep 0.5
  done
  echo "Prometheus up on http://$listen (pid $(cat "$state/prometheus.pid")), scraping node1..node$n every 2 s"
}

cmd_stop() {
  local pid
  if alive; then
    pid=$(cat "$state/prometheus.pid")
    kill -TERM "$pid"
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    echo "Prometheus stopped (pid $pid)"
  else
    echo "Prometheus is not running"
  fi
  rm -f "$state/prometheus.pid"
  ! port_busy "$port" || die "port $port is still in use, by a process this script did not start"
}

cmd_status() {
  alive || { echo "Prometheus is not running"; return 3; }
  echo "Prometheus pid $(cat "$state/prometheus.pid")  http://$listen"
  curl -sf "http://$listen/api/v1/targets?state=active" | python3 -c '
import json, sys
for t in sorted(json.load(sys.stdin)["data"]["activeTargets"], key=lambda t: (t["labels"]["job"], t["labels"]["instance"])):
    error = t.get("lastError") or ""
    print("%-10s %-8s %-36s %s%s" % (t["labels"]["job"], t["labels"]["instance"], t["scrapeUrl"], t["health"], "  " + error if error else ""))
'
}

case "${1:-}" in
  start | config) cmd="$1"; shift; [ $# -le 1 ] || usage; "cmd_$cmd" "$@" ;;
  stop | status) [ $# -eq 1 ] || usage; "cmd_$1" ;;
  *) usage ;;
esac
