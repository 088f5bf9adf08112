#!/usr/bin/env bash
# Session write on one node against a two-node cluster: PUT /api/session/data/kN straight to
# node1 (:8180) over 64 sessions, wrk -t2 -c64 for DURATION (default 30s), once with node2
# stopped (no second owner) and once with node2 up (every write replicated synchronously to it),
# alternated ROUNDS times (default 3). Target: two-node/one-node ratio ≥ 0.6.
# Writes bench/results/session-write.md; stops the cluster.
#   bench/session-write.sh                     # ~6 min
#   DURATION=3s ROUNDS=1 bench/session-write.sh # a smoke run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need wrk wrk
duration=${DURATION:-30s}
rounds=${ROUNDS:-3}
node1=http://127.0.0.1:8180

"$root/scripts/cluster.sh" up 2
trap '"$root/scripts/cluster.sh" down > /dev/null' EXIT
list=$(mktemp)
for _ in $(seq 64); do sign_in_line "$node1" demo demo >> "$list"; done
wrk -t2 -c64 -d5s -s "$root/bench/write.lua" "$node1/api/session/data/k" -- "$list" > /dev/null

one=() two=()
for _ in $(seq "$rounds"); do
  two+=("$(wrk_figures -t2 -c64 -d"$duration" -s "$root/bench/write.lua" "$node1/api/session/data/k" -- "$list")")
  "$root/scripts/cluster.sh" stop node2 > /dev/null
  one+=("$(wrk_figures -t2 -c64 -d"$duration" -s "$root/bench/write.lua" "$node1/api/session/data/k" -- "$list")")
  "$root/scripts/cluster.sh" start node2 > /dev/null
done
one_rps=$(mean_of 1 "${one[@]}")
two_rps=$(mean_of 1 "${two[@]}")
ratio=$(awk -v a="$two_rps" -v b="$one_rps" 'BEGIN {printf "%.2f", a / b}')
{
  echo "# Session write: one node against two"
  echo
  provenance
  echo "- wrk -t2 -c64 -d$duration, PUT /api/session/data/kN to node1 over 64 sessions; $rounds rounds,"
  echo "  alternating two nodes (synchronous replication to the second owner) and node2 stopped"
  echo
  echo "| round | nodes | req/s | p50 | p99 | errors |"
  echo "|---|---|---|---|---|---|"
  for i in $(seq 0 $((rounds - 1))); do
    IFS='|' read -r rps p50 p99 errors <<< "${two[$i]}"; echo "| $((i + 1)) | 2 | $rps | $p50 | $p99 | $errors |"
    IFS='|' read -r rps p50 p99 errors <<< "${one[$i]}"; echo "| $((i + 1)) | 1 | $rps | $p50 | $p99 | $errors |"
  done
  echo
  echo "Mean: one node $one_rps req/s, two nodes $two_rps req/s; ratio two/one **$ratio** (target ≥ 0.6)."
} > "$results/session-write.md"
start_figures session-write
figure session-write "write req/s, two nodes / one node" "$ratio" "≥ 0.6" "$(at_least "$ratio" 0.6)"
cat "$results/session-write.md"
