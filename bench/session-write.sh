#!/usr/bin/env bash
# Session writes on a two-node cluster against one node, straight to node1 (:8180) over 64
# sessions, wrk -t2 -c64:
#   data-2    PUT /api/session/data/kN with node2 up (every write stored on both owners)
#   switch-2  PUT /api/session/companies with node2 up
#   data-1    the same custom-data write with node2 stopped (no second owner)
#   switch-1  the company switch with node2 stopped
# Warm-up rounds of WARM_DURATION (default 10s) on the two-node sides until each agrees with its
# previous round within 5 % (at most MAX_WARMUP, 10); node2 is stopped and started only between
# sides that need it, and warmed again after each start. Then ROUNDS (default 5) rounds of
# DURATION (default 20s), the sides interleaved (two-node sides first in odd rounds, last in
# even). Figures: medians of the rounds' two-node/one-node ratios; target ≥ 0.5 for both. Writes
# bench/results/session-write.md, .rounds.tsv and, with gnuplot, .png; stops the cluster.
#   bench/session-write.sh                                              # ~20 min
#   DURATION=3s ROUNDS=1 MAX_WARMUP=1 WARM_DURATION=2s bench/session-write.sh   # a smoke run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need wrk wrk
duration=${DURATION:-20s}
rounds=${ROUNDS:-5}
max_warmup=${MAX_WARMUP:-10}
warm_duration=${WARM_DURATION:-10s}
node1=http://127.0.0.1:8180
work=$(mktemp -d)

"$root/scripts/cluster.sh" up 2
trap '"$root/scripts/cluster.sh" down > /dev/null; rm -rf "$work"' EXIT
echo up > "$work/node2"
sign_in_many "$node1" demo demo 64 > "$work/sessions"

# node2 as the side needs it ("1": stopped, "2": up); its state in a file, since measurements run
# in command substitutions.
nodes() { # 1|2
  local now
  now=$(cat "$work/node2")
  if [ "$1" = 1 ] && [ "$now" = up ]; then
    "$root/scripts/cluster.sh" stop node2 > /dev/null
    echo down > "$work/node2"
  elif [ "$1" = 2 ] && [ "$now" = down ]; then
    "$root/scripts/cluster.sh" start node2 > /dev/null
    echo up > "$work/node2"
    rewarm
  fi
}

# A node2 just started is a cold JVM: the two-node sides are warmed again, not counted, until
# each agrees with its previous round within 5 % (at most MAX_WARMUP). Without it every two-node
# round after the first measured the second owner's JIT at work (2026-12-05: data-2 1,285 req/s
# in the first round, 465 to 578 in the four after).
rewarm() {
  # warm_up of lib.sh, as at the start; without the JIT counts (node2's pid changed).
  warm_jvms="" warm_up rate "$warm_duration" "$max_warmup" data-2 switch-2
  echo "$warmed $settled" >> "$work/rewarms"
}

# One measurement of a side for SECONDS: its req/s (fails on any error or non-2xx answer).
rate() { # side seconds
  local figures script path
  nodes "${1##*-}"
  case $1 in
    data-*) script=write.lua path=/api/session/data/k ;;
    switch-*) script=switch.lua path=/api/session/companies ;;
  esac
  figures=$(wrk_figures -t2 -c64 -d"$2" -s "$root/bench/$script" "$node1$path" -- "$work/sessions")
  [ "${figures##*|}" = 0 ] || { echo "$1: ${figures##*|} errors or non-2xx answers" >&2; exit 1; }
  echo "${figures%%|*}"
}

start_rounds session-write
warm_jvms="$(cat "$root/run/cluster/node1.pid") $(cat "$root/run/cluster/node2.pid")"
warm_up rate "$warm_duration" "$max_warmup" data-2 switch-2
# Interleaved, the two-node sides first in odd rounds and last in even ones: node2 starts at
# most once per round (and is warmed again each time), never between the two sides of a pair.
: > "$work/rewarms"
for round in $(seq "$rounds"); do
  if ((round % 2)); then sides=(data-2 switch-2 data-1 switch-1); else sides=(data-1 switch-1 data-2 switch-2); fi
  for side in "${sides[@]}"; do
    measured=$(rate "$side" "$duration") # on its own: a failed measurement ends the bench
    printf 'measured\t%s\t%s\t%s\n' "$round" "$side" "$measured" >> "$rounds_tsv"
  done
done
data_ratio=$(median_ratio data-2 data-1)
switch_ratio=$(median_ratio switch-2 switch-1)
{
  echo "# Session write: two nodes against one"
  echo
  provenance
  echo "- scripts/cluster.sh up 2 (H2 server, durable sessions); wrk -t2 -c64 straight to node1 over 64"
  echo "  sessions of demo; -2: node2 up (two owners, each write stored on both before its answer),"
  echo "  -1: node2 stopped (cluster.sh stop node2, one owner)"
  echo "- $(warm_up_note "$warm_duration" "$max_warmup"); the warm-up runs the two-node sides only"
  echo "- $rounds rounds of $duration, sides interleaved: the two-node sides first in odd rounds, last in even"
  echo "  ones; each start of node2 (a cold JVM) is followed by rounds of $warm_duration of the two-node sides, not"
  echo "  counted, until each agreed with its previous one within 5 % (at most $max_warmup): $(awk '{printf "%s%s rounds%s", (NR > 1 ? ", " : ""), $1, ($2 == "yes" ? "" : " (not settled)")} END {if (NR == 0) printf "none needed"}' "$work/rewarms")"
  echo
  rounds_table data-2 data-1 switch-2 switch-1
  echo
  echo "Medians of the rounds' ratios:"
  echo
  echo "| ratio | median | target |"
  echo "|---|---|---|"
  echo "| custom-data write (PUT /api/session/data/kN), two nodes / one | **$data_ratio** | ≥ 0.5 |"
  echo "| company switch (PUT /api/session/companies), two nodes / one | **$switch_ratio** | ≥ 0.5 |"
  echo
  echo "Median rates: data $(median_rate data-2) (two) and $(median_rate data-1) (one), switch $(median_rate switch-2) (two) and $(median_rate switch-1) (one) req/s."
  echo
  echo "![rates over the rounds, warm-up included](session-write.png)"
} > "$results/session-write.md"
plot_rounds "Session write"
start_figures session-write
figure session-write "custom-data write, two nodes / one" "$data_ratio" "≥ 0.5" "$(at_least "$data_ratio" 0.5)"
figure session-write "company switch, two nodes / one" "$switch_ratio" "≥ 0.5" "$(at_least "$switch_ratio" 0.5)"
cat "$results/session-write.md"
