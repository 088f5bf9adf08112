#!/usr/bin/env bash
# Soak through the load balancer: a two-node cluster (scripts/cluster.sh up 2), SESSIONS signed-in
# sessions (default 200), wrk with 2 threads and 64 connections for DURATION (default 10m): four
# passes over the sessions in five read them, one writes a custom key. Reports errors (non-2xx
# answers and socket errors, target 0), sessions or custom values lost at the end (target 0), and
# each node's heap after a full GC at the start and at the end (target: growth at most 10%).
# Before it, warm-up rounds of WARM_DURATION (default 10s) until one agrees with the previous
# within 5 % (at most MAX_WARMUP, 10). Writes bench/results/soak.md with the machine, the date and
# the commit, the rates in soak.rounds.tsv and, with gnuplot, soak.png; stops the cluster.
#   bench/soak.sh                          # the full run, ~12 min
#   DURATION=10s SESSIONS=20 MAX_WARMUP=1 WARM_DURATION=2s bench/soak.sh # a smoke run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need wrk wrk
need jcmd openjdk-17-jdk-headless
duration=${DURATION:-10m}
max_warmup=${MAX_WARMUP:-10}
warm_duration=${WARM_DURATION:-10s}
sessions=${SESSIONS:-200}
base=http://127.0.0.1:8080

# The session list holds session ids and CSRF tokens: removed with the cluster, however the run ends.
list=$(mktemp)
"$root/scripts/cluster.sh" up 2
trap '"$root/scripts/cluster.sh" down > /dev/null; rm -f "$list"' EXIT
pid1=$(cat "$root/run/cluster/node1.pid"); pid2=$(cat "$root/run/cluster/node2.pid")

sign_in_many "$base" demo demo "$sessions" >> "$list"
rate() { # side seconds
  local figures
  figures=$(wrk_figures -t2 -c64 -d"$2" -s "$root/bench/soak.lua" "$base/api/session" -- "$list")
  echo "${figures%%|*}"
}
start_rounds soak
warm_jvms="$(cat "$root/run/cluster/node1.pid") $(cat "$root/run/cluster/node2.pid")"
warm_up rate "$warm_duration" "$max_warmup" soak
start1=$(heap_after_gc_kib "$pid1"); start2=$(heap_after_gc_kib "$pid2")
result=$(wrk -t2 -c64 -d"$duration" --latency -s "$root/bench/soak.lua" "$base/api/session" -- "$list")
printf 'measured\t1\tsoak\t%s\n' "$(echo "$result" | awk '/Requests\/sec/ {print $2}')" >> "$rounds_tsv"
end1=$(heap_after_gc_kib "$pid1"); end2=$(heap_after_gc_kib "$pid2")

requests=$(echo "$result" | awk '/requests in/ {print $1}')
non2xx=$(echo "$result" | awk '/Non-2xx/ {e = $NF} END {print e + 0}')
socket=$(echo "$result" | awk '/Socket errors/ {gsub(/,/, ""); e = $4 + $6 + $8 + $10} END {print e + 0}')
lost_sessions=0
lost_values=0
while IFS=$'\t' read -r cookie _; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/api/session/check" || true)
  [ "$status" = 204 ] || { lost_sessions=$((lost_sessions + 1)); continue; }
  keys=$(curl -s -H "Cookie: $cookie" "$base/api/session/data" | { grep -o '"soak-[0-7]"' || true; } | sort -u | wc -l)
  [ "$keys" -ge 1 ] || lost_values=$((lost_values + 1))
done < "$list"
growth() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%+.1f", (b - a) * 100 / a}'; }
growth1=$(growth "$start1" "$end1"); growth2=$(growth "$start2" "$end2")
{
  echo "# Soak through the load balancer"
  echo
  provenance
  echo "- scripts/cluster.sh up 2 (balancer + 2 nodes, H2 server, default 512 MiB heaps), $sessions"
  echo "  sessions of user demo; wrk -t2 -c64 -d$duration; of five passes over the sessions, four"
  echo "  read (GET /api/session) and one writes (PUT /api/session/data/soak-N)"
  echo "- $(warm_up_note "$warm_duration" "$max_warmup"); then the soak, one run of $duration"
  echo
  echo "| figure | value | target |"
  echo "|---|---|---|"
  echo "| requests | $requests | |"
  echo "| req/s | $(echo "$result" | awk '/Requests\/sec/ {print $2}') | |"
  echo "| p50 / p99 | $(echo "$result" | awk '$1 == "50%" {print $2}') / $(echo "$result" | awk '$1 == "99%" {print $2}') | |"
  echo "| non-2xx answers | $non2xx | 0 |"
  echo "| socket errors | $socket | 0 |"
  echo "| sessions lost | $lost_sessions of $sessions | 0 |"
  echo "| sessions without their custom values | $lost_values | 0 |"
  echo "| node1 heap after GC, start → end (MiB) | $((start1 / 1024)) → $((end1 / 1024)) ($growth1%) | ≤ +10% |"
  echo "| node2 heap after GC, start → end (MiB) | $((start2 / 1024)) → $((end2 / 1024)) ($growth2%) | ≤ +10% |"
  echo
  echo "![warm-up rounds, then the soak's rate](soak.png)"
} > "$results/soak.md"
plot_rounds "Soak"
cat "$results/soak.md"
start_figures soak
figure soak "errors" "$((non2xx + socket))" "0" "$(at_most $((non2xx + socket)) 0)"
figure soak "sessions or values lost" "$((lost_sessions + lost_values))" "0" "$(at_most $((lost_sessions + lost_values)) 0)"
worst=$(awk -v a="$growth1" -v b="$growth2" 'BEGIN {print (a > b) ? a : b}')
figure soak "heap growth after GC (%)" "$worst" "≤ 10" "$(at_most "$worst" 10)"
