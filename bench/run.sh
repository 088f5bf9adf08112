#!/usr/bin/env bash
# Every benchmark, one after the other, then one table (bench/results/summary.md) and one plot
# (bench/results/summary.png) of the key figures against their targets, with the machine, the
# date and the commit. Each bench starts and stops its own server or cluster, so ports 8080,
# 8090, 8180, 8280, 9092 and 9990+ must be free. About 2 h 30 min (2026-12-05: 2 h 4 min without
# capacity, with the one-node validity-check of before).
#   bench/run.sh                  # the whole table
#   bench/run.sh failover-drill   # some benches again; the summary keeps the others' last figures
#   SMOKE=1 bench/run.sh          # a few seconds per bench: proves the scripts work (CI runs this)
#   bench/run.sh --summary        # only the table and plot again, from each bench's last figures
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need wrk wrk
need jcmd openjdk-17-jdk-headless

if [ -n "${SMOKE:-}" ]; then
  export DURATION=3s ROUNDS=1 SESSIONS=40 WARMUP=3 AFTER=3 STEPS="300 600" USERS=10 PER_ROUND=3 MAX_WARMUP=1 \
    BOUND=50 MANY=300 RECOVERY=400 SETTLE=0 KILL_AFTER=4 WARM_DURATION=2s LOGINS=100 REVOKED=10 \
    SINGLE=1 SINGLE_DURATION=2s
fi
benches=(session-read validity-check session-write login login-timing capacity durable store-cost failover-drill soak)
if [ "${1:-}" = "--summary" ]; then
  selected=()
  set -- --summary
else
  selected=("${@:-${benches[@]}}")
fi
for bench in "${selected[@]}"; do
  [[ " ${benches[*]} " == *" $bench "* ]] || { echo "no such bench: $bench (${benches[*]})" >&2; exit 2; }
done
count=0
for bench in "${selected[@]}"; do
  count=$((count + 1))
  began=$SECONDS
  echo "== $bench ($count of ${#selected[@]})"
  "$root/bench/$bench.sh"
  echo "== $bench done in $((SECONDS - began)) s"
done

{
  echo "# Benchmarks: summary"
  echo
  provenance
  [ -n "${SMOKE:-}" ] && echo "- SMOKE run: durations of seconds, figures not meaningful"
  if [ "${1:-}" = "--summary" ]; then
    echo "- each bench's figures are from its last run (see each page)"
  elif [ $# -gt 0 ]; then
    echo "- run now: ${selected[*]}; the other figures are from their last run (see each page)"
  fi
  echo
  echo "| bench | figure | value | target | met |"
  echo "|---|---|---|---|---|"
  for bench in "${benches[@]}"; do
    if [ -f "$results/$bench.tsv" ]; then
      awk -F'\t' '{printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5}' "$results/$bench.tsv"
    fi
  done
  echo
  echo "Details: $(for bench in "${benches[@]}"; do printf '[%s](%s.md) ' "$bench" "$bench"; done)"
  echo
  echo "![figures against their targets](summary.png)"
} > "$results/summary.md"
cat "$results/summary.md"

if command -v gnuplot > /dev/null; then
  # Each numeric figure as a share of its target, oriented so that 1 or more meets it.
  data=$(mktemp)
  trap 'rm -f "$data"' EXIT
  for bench in "${benches[@]}"; do
    awk -F'\t' '{
      v = $3 + 0
      if ($4 ~ / to /) { # a range "lo to hi": 1 inside it, the shortfall outside
        split($4, range, / to /); lo = range[1] + 0; hi = range[2] + 0
        share = (v < lo) ? v / lo : (v > hi ? hi / v : 1)
      } else {
        t = $4; gsub(/[^0-9.]/, "", t)
        if (t + 0 == 0) next
        share = ($4 ~ /≤/) ? (v > 0 ? t / v : 10) : v / t
      }
      if (share > 10) share = 10
      printf "\"%s\"\t%.3f\n", $2, share
    }' "$results/$bench.tsv" 2>/dev/null || true
  done > "$data"
  gnuplot <<PLOT
set terminal pngcairo size 1100,600 font "sans,10"
set output "$results/summary.png"
set title "ERP session service: figures against targets ($(date -u +%Y-%m-%d), $(git -C "$root" rev-parse --short HEAD), $(nproc) cores)"
set ylabel "share of target (≥ 1 meets it)"
set style fill solid 0.6
set boxwidth 0.6
set yrange [0:*]
set xtics rotate by -30 left
set grid ytics
set bmargin 10
plot "$data" using 0:2:xtic(1) with boxes notitle, 1 with lines lw 2 dt 2 title "target"
PLOT
  echo "Plot: $results/summary.png"
else
  echo "No plot: apt-get install gnuplot-nox" >&2
fi
