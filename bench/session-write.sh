#!/usr/bin/env bash
# Session writes on a two-node cluster against one node, wrk -t2 -c64 over 64 sessions each:
#   data-2    PUT /api/session/data/kN to node1 of scripts/cluster.sh up 2 (:8180; every write
#             stored on both owners before its answer)
#   switch-2  PUT /api/session/companies to node1
#   data-1    the same custom-data write to "alone" (:8380): scripts/run.sh's node, the same EAR
#             and caches (configure.cli) without the balancer's settings, on the cluster's
#             database, in a cluster of its own (one owner)
#   switch-1  the company switch to "alone"
# The three JVMs run throughout: the one-node sides used to stop node2 and the two-node sides to
# start it again, so every two-node round measured a cold second owner (bench/README.md).
# Warm-up rounds of WARM_DURATION (default 10s), every side in each, until each agrees with its
# previous round within 5 % (at most MAX_WARMUP, 20). Then ROUNDS (default 5) rounds of DURATION
# (default 20s), the sides interleaved (the first side changes every round). Figures: medians of
# the rounds' two-node/one-node ratios; target >= 0.5 for both. Then each side with one client
# (wrk -t1 -c1, SINGLE rounds of SINGLE_DURATION, default 3 of 10s, sides interleaved): a write's
# own latency, which the loaded rounds' throughput hides (Nagle's algorithm on the cluster's
# TCP connections once added 40 ms to each two-node write there, and nothing to the rates);
# target: median latency of a two-node write <= 10 ms. Writes
# bench/results/session-write.md, .rounds.tsv and, with gnuplot, .png; stops what it started.
#   bench/session-write.sh                                              # ~20 to 30 min
#   DURATION=3s ROUNDS=1 MAX_WARMUP=1 WARM_DURATION=2s SINGLE=1 SINGLE_DURATION=2s bench/session-write.sh   # a smoke run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need wrk wrk
duration=${DURATION:-20s}
rounds=${ROUNDS:-5}
max_warmup=${MAX_WARMUP:-20}
warm_duration=${WARM_DURATION:-10s}
node1=http://127.0.0.1:8180
alone=http://127.0.0.1:8380
work=$(mktemp -d)

"$root/scripts/cluster.sh" up 2
trap 'stop_node "${node_pid:-}"; "$root/scripts/cluster.sh" down > /dev/null; rm -rf "$work" "$root/run/alone"' EXIT
# On the cluster's database (its H2 server, or the same PostgreSQL), so that both sides write
# their session stores alike.
database=()
[ "${ERP_DB:-h2}" = h2 ] && database=(ERP_DB_URL=jdbc:h2:tcp://127.0.0.1:9092/erp ERP_DB_USER=sa ERP_DB_PASSWORD=sa)
start_node "$alone" "$work/alone.log" ERP_NODE=alone ERP_PORT_OFFSET=300 "${database[@]}"
alone_pid=$node_pid
sign_in_many "$node1" demo demo 64 > "$work/sessions-2"
sign_in_many "$alone" demo demo 64 > "$work/sessions-1"

# wrk's figures ("req/s|p50|p99|errors") of a side's writes for SECONDS on THREADS threads
# and CONNECTIONS connections (fails on any error or non-2xx answer).
side_figures() { # side seconds threads connections
  local figures script path base
  case $1 in
    data-*) script=write.lua path=/api/session/data/k ;;
    switch-*) script=switch.lua path=/api/session/companies ;;
  esac
  base=$([ "${1##*-}" = 2 ] && echo "$node1" || echo "$alone")
  figures=$(wrk_figures -t"$3" -c"$4" -d"$2" -s "$root/bench/$script" "$base$path" -- "$work/sessions-${1##*-}")
  [ "${figures##*|}" = 0 ] || { echo "$1 on $4 connection(s): ${figures##*|} errors or non-2xx answers" >&2; exit 1; }
  echo "$figures"
}

# One measurement of a side for SECONDS: its req/s.
rate() { # side seconds
  local figures
  figures=$(side_figures "$1" "$2" 2 64)
  echo "${figures%%|*}"
}

# One client's writes on a side for SECONDS: "p50|p99" in milliseconds.
one_client() { # side seconds
  local figures p50 p99
  figures=$(side_figures "$1" "$2" 1 1)
  IFS='|' read -r _ p50 p99 _ <<< "$figures"
  echo "$(millis "$p50")|$(millis "$p99")"
}

start_rounds session-write
warm_jvms="$(cat "$root/run/cluster/node1.pid") $(cat "$root/run/cluster/node2.pid") $(jvm_of "$alone_pid")"
warm_up rate "$warm_duration" "$max_warmup" data-2 data-1 switch-2 switch-1
measure_rounds rate "$duration" "$rounds" data-2 data-1 switch-2 switch-1
single_rounds=${SINGLE:-3}
single_duration=${SINGLE_DURATION:-10s}
sides=(data-2 data-1 switch-2 switch-1)
: > "$work/one-client"
for round in $(seq "$single_rounds"); do
  for i in "${!sides[@]}"; do
    side=${sides[$(((i + round - 1) % ${#sides[@]}))]}
    latency=$(one_client "$side" "$single_duration") # on its own: a failed measurement ends the bench
    printf '%s\t%s\n' "$side" "$latency" >> "$work/one-client"
  done
done
# The median over the rounds of a side's p50 (field 1) or p99 (field 2).
one_client_median() { # side field
  awk -F'\t' -v s="$1" '$1 == s {print $2}' "$work/one-client" | cut -d'|' -f"$2" | median | xargs printf '%.1f'
}
data_ratio=$(median_ratio data-2 data-1)
switch_ratio=$(median_ratio switch-2 switch-1)
{
  echo "# Session write: two nodes against one"
  echo
  provenance
  echo "- two-node sides (-2): scripts/cluster.sh up 2 (H2 server, durable sessions), wrk -t2 -c64 straight"
  echo "  to node1 over 64 sessions of demo (two owners: each write stored on both before its answer);"
  echo "  one-node sides (-1): scripts/run.sh's node (ERP_PORT_OFFSET=300: the same EAR and caches, without"
  echo "  the balancer's settings) alone in its cluster on the cluster's database, 64 sessions of its own"
  echo "  (one owner); all three JVMs up throughout"
  echo "- $(warm_up_note "$warm_duration" "$max_warmup")"
  echo "- $rounds rounds of $duration, sides interleaved (the first side changes every round)"
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
  echo "One client at a time (wrk -t1 -c1), $single_rounds rounds of $single_duration per side, interleaved; the"
  echo "medians over the rounds of each round's median and 99th percentile latency:"
  echo
  echo "| side | median latency (ms) | 99th percentile (ms) | rounds (median ms) |"
  echo "|---|---|---|---|"
  for side in "${sides[@]}"; do
    echo "| $side | $(one_client_median "$side" 1) | $(one_client_median "$side" 2) | $(awk -F'\t' -v s="$side" '$1 == s {split($2, f, "|"); printf "%s%s", sep, f[1]; sep = ", "}' "$work/one-client") |"
  done
  echo
  echo "Target: a two-node write's median latency with one client ≤ 10 ms (data-2, switch-2)."
  echo
  echo "![rates over the rounds, warm-up included](session-write.png)"
} > "$results/session-write.md"
plot_rounds "Session write"
start_figures session-write
figure session-write "custom-data write, two nodes / one" "$data_ratio" "≥ 0.5" "$(at_least "$data_ratio" 0.5)"
figure session-write "company switch, two nodes / one" "$switch_ratio" "≥ 0.5" "$(at_least "$switch_ratio" 0.5)"
for side in data-2 switch-2; do
  latency=$(one_client_median "$side" 1)
  figure session-write "$([ "$side" = data-2 ] && echo "custom-data write" || echo "company switch"), two nodes, one client: median latency (ms)" \
    "$latency" "≤ 10" "$(at_most "$latency" 10)"
done
cat "$results/session-write.md"
