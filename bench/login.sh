#!/usr/bin/env bash
# Logins per second per core and their latency at the default Argon2id cost (19 MiB, 2 passes):
# POST /api/session as demo on one node (scripts/run.sh), wrk with one connection per core.
# Warm-up rounds of WARM_DURATION (default 10s) until one agrees with the previous within 5 % (at
# most MAX_WARMUP, 10), then ROUNDS (default 3) rounds of DURATION (default 20s); the figures are
# the medians of the rounds. Targets: ≥ 15 logins/s per core, p50 ≤ 100 ms.
# Writes bench/results/login.md, .rounds.tsv and, with gnuplot, .png.
#   bench/login.sh                                                  # ~2 min
#   DURATION=3s ROUNDS=1 MAX_WARMUP=1 WARM_DURATION=2s bench/login.sh   # a smoke run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need wrk wrk
duration=${DURATION:-20s}
rounds=${ROUNDS:-3}
max_warmup=${MAX_WARMUP:-10}
warm_duration=${WARM_DURATION:-10s}
base=http://127.0.0.1:8080
cores=$(nproc)
work=$(mktemp -d)

trap 'stop_node "${node_pid:-}"; rm -rf "$work"' EXIT
start_node "$base" "$results/login-server.log" ERP_NODE=bench-login

# One measurement: logins/s; every round's full figures are kept in $work/figures for the table.
rate() { # side seconds
  local figures
  figures=$(wrk_figures -t"$cores" -c"$cores" -d"$2" -s "$root/bench/login.lua" "$base/api/session")
  echo "$figures" >> "$work/figures"
  echo "${figures%%|*}"
}

start_rounds login
warm_jvms=$(jvm_of "$node_pid")
warm_up rate "$warm_duration" "$max_warmup" login
: > "$work/figures"
measure_rounds rate "$duration" "$rounds" login
rps=$(median_rate login)
per_core=$(awk -v r="$rps" -v c="$cores" 'BEGIN {printf "%.1f", r / c}')
p50=$(cut -d'|' -f2 "$work/figures" | while read -r latency; do millis "$latency"; echo; done | median | xargs printf '%.1f')
errors=$(awk -F'|' '{e += $4} END {print e + 0}' "$work/figures")
{
  echo "# Login at the default Argon2id cost"
  echo
  provenance
  echo "- wrk -t$cores -c$cores POST /api/session (demo), one node (scripts/run.sh, H2)"
  echo "- $(warm_up_note "$warm_duration" "$max_warmup"); then $rounds rounds of $duration"
  echo
  echo "| round | logins/s | p50 | p99 | errors |"
  echo "|---|---|---|---|---|"
  n=0
  while IFS='|' read -r round_rps round_p50 round_p99 round_errors; do
    n=$((n + 1))
    echo "| $n | $round_rps | $round_p50 | $round_p99 | $round_errors |"
  done < "$work/figures"
  echo
  echo "| figure (median of the rounds) | value | target |"
  echo "|---|---|---|"
  echo "| logins/s | $rps | |"
  echo "| logins/s per core | $per_core | ≥ 15 |"
  echo "| p50 (ms) | $p50 | ≤ 100 |"
  echo "| errors (all rounds) | $errors | 0 |"
  echo
  echo "![rates over the rounds, warm-up included](login.png)"
} > "$results/login.md"
plot_rounds "Login"
start_figures login
figure login "logins/s per core" "$per_core" "≥ 15" "$(at_least "$per_core" 15)"
figure login "login p50 (ms)" "$p50" "≤ 100" "$(at_most "$p50" 100)"
cat "$results/login.md"
