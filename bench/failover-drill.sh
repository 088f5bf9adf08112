#!/usr/bin/env bash
# The failover drill, through the load balancer: a two-node cluster (scripts/cluster.sh up 2),
# SESSIONS signed-in sessions (default 500) each holding a custom value, read without pause by
# 64 workers (GET /api/session/data/k, idempotent); after WARMUP seconds (default 10) node1 is
# killed with SIGKILL, and the reads go on for AFTER seconds (default 15). Reports sessions lost,
# custom values lost, failed idempotent requests (targets 0) and the seconds until every session
# is served again (target ≤ 2 s): until the last request that failed or waited longer than 1 s
# ended. Writes bench/results/failover-drill.md, the answers per second around the kill in
# failover-drill.timeline.tsv and, with gnuplot, failover-drill.png; stops the cluster.
#   bench/failover-drill.sh                               # ~2 min
#   SESSIONS=50 WARMUP=3 AFTER=3 bench/failover-drill.sh  # a smoke run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
sessions=${SESSIONS:-500}
out="$results/failover-drill.md"

"$root/scripts/cluster.sh" up 2
trap '"$root/scripts/cluster.sh" down > /dev/null' EXIT
rm -f "$results/failover-drill.timeline.tsv"
figures=$(DRILL_TIMELINE="$results/failover-drill.timeline.tsv" java "$root/bench/FailoverDrill.java" http://127.0.0.1:8080 \
  "$(cat "$root/run/cluster/node1.pid")" "$sessions" "${WARMUP:-10}" "${AFTER:-15}")
echo "$figures"
figure_of() { echo "$figures" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
{
  echo "# Failover drill through the load balancer"
  echo
  provenance
  echo "- scripts/cluster.sh up 2 (balancer + 2 nodes, H2 server); $sessions sessions, 64 workers"
  echo "  reading GET /api/session/data/k; node1 SIGKILLed after ${WARMUP:-10} s, ${AFTER:-15} s more"
  echo
  echo "| figure | value | target |"
  echo "|---|---|---|"
  echo "| requests | $(figure_of requests) | |"
  echo "| failed idempotent requests | $(figure_of failed_requests) | 0 |"
  echo "| sessions lost | $(figure_of lost_sessions) of $sessions | 0 |"
  echo "| custom values lost | $(figure_of lost_values) | 0 |"
  echo "| seconds until every session is served again (last failed or > 1 s request ended) | $(figure_of recovery_s) | ≤ 2 |"
  echo "| slowest request after the kill, seconds | $(figure_of slowest_s) | |"
  echo "| seconds until every session had a successful read (adds one pass of a worker over its sessions) | $(figure_of every_session_read_s) | |"
  echo
  echo "![answers per second around the kill](failover-drill.png)"
} > "$out"
start_figures failover-drill
figure failover-drill "failed idempotent requests" "$(figure_of failed_requests)" "0" "$(at_most "$(figure_of failed_requests)" 0)"
figure failover-drill "sessions lost" "$(figure_of lost_sessions)" "0" "$(at_most "$(figure_of lost_sessions)" 0)"
figure failover-drill "custom values lost" "$(figure_of lost_values)" "0" "$(at_most "$(figure_of lost_values)" 0)"
figure failover-drill "seconds until every session is served" "$(figure_of recovery_s)" "≤ 2" "$(at_most "$(figure_of recovery_s)" 2)"
[ ! -f "$results/failover-drill.timeline.tsv" ] \
  || plot_table failover-drill "Failover drill: answers per second through the balancer, node1 killed at 0" \
  "seconds from node1's SIGKILL (answers by when they ended, slices of 0.1 s)" "answers per second" \
  < "$results/failover-drill.timeline.tsv"
cat "$out"
