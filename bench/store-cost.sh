#!/usr/bin/env bash
# What the session store costs: two independent nodes of scripts/run.sh side by side (H2 each,
# their own data directories run/bench-store-*, removed at the end): :8080 with
# erp.session.persistence=database (the default) and :8280 with memory. wrk -t2 -c64 on one node
# at a time, the sides alternated (which goes first changes every round):
# - session read: GET /api/session spread over 64 sessions per node. Target: database/memory ≥ 0.95
#   (a read writes nothing to the database before its answer; the new last-activity time reaches
#   the store later, coalesced by the write-behind queue);
# - custom-data write: PUT /api/session/data/kN over the same sessions; measured and explained.
# Warm-up rounds of WARM_DURATION (10s) per side until two rounds agree within 5 % (at most MAX_WARMUP, default
# 10), then ROUNDS (default 5) rounds of DURATION (default 20s); the figure is the median of the
# rounds' ratios. Writes bench/results/store-cost.md.
#   bench/store-cost.sh                                       # ~12 min
#   DURATION=3s ROUNDS=1 MAX_WARMUP=1 WARM_DURATION=2s bench/store-cost.sh   # a smoke run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need wrk wrk
duration=${DURATION:-20s}
rounds=${ROUNDS:-5}
max_warmup=${MAX_WARMUP:-10}
warm_duration=${WARM_DURATION:-10s}
durable=http://127.0.0.1:8080
volatile=http://127.0.0.1:8280
work=$(mktemp -d)
servers=()

stop_all() {
  for pid in "${servers[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${servers[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "${root:?}/run/bench-store-database" "$root/run/bench-store-memory" "$work"
}
trap stop_all EXIT
rm -rf "${root:?}/run/bench-store-database" "$root/run/bench-store-memory"
ERP_NODE=bench-store-database "$root/scripts/run.sh" > /dev/null 2>&1 &
servers+=($!)
ERP_NODE=bench-store-memory ERP_PORT_OFFSET=200 ERP_SESSION_PERSISTENCE=memory \
  "$root/scripts/run.sh" > /dev/null 2>&1 &
servers+=($!)
await_health "$durable" "${servers[0]}"
await_health "$volatile" "${servers[1]}"

for side in durable volatile; do
  for _ in $(seq 64); do sign_in_line "${!side}" demo demo; done > "$work/$side.sessions"
  cut -f1 "$work/$side.sessions" > "$work/$side.cookies"
done

# req/s of one side for a kind (read or write) over SECONDS.
rate() { # side kind seconds
  local url=${!1} figures
  if [ "$2" = read ]; then
    figures=$(wrk_figures -t2 -c64 -d"$3" -s "$root/bench/sessions.lua" "$url/api/session" -- "$work/$1.cookies")
  else
    figures=$(wrk_figures -t2 -c64 -d"$3" -s "$root/bench/write.lua" "$url/api/session/data/k" -- "$work/$1.sessions")
  fi
  [ "${figures##*|}" = 0 ] || { echo "$1 $2: ${figures##*|} errors or non-2xx answers" >&2; exit 1; }
  echo "${figures%%|*}"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

rows=()
for kind in read write; do
  previous=
  for warm in $(seq "$max_warmup"); do
    d=$(rate durable "$kind" "$warm_duration")
    v=$(rate volatile "$kind" "$warm_duration")
    now=$(ratio "$d" "$v")
    echo "warm-up $kind $warm: database/memory $now" >&2
    if [ -n "$previous" ] && awk -v a="$now" -v b="$previous" 'BEGIN {exit !(a / b > 0.95 && a / b < 1.05)}'; then
      break
    fi
    previous=$now
  done
  ratios=()
  for round in $(seq "$rounds"); do
    if [ $((round % 2)) = 1 ]; then
      d=$(rate durable "$kind" "$duration"); v=$(rate volatile "$kind" "$duration")
    else
      v=$(rate volatile "$kind" "$duration"); d=$(rate durable "$kind" "$duration")
    fi
    ratios+=("$(ratio "$d" "$v")")
    rows+=("$kind|$round|$d|$v|${ratios[-1]}")
    echo "$kind round $round: database $d req/s, memory $v req/s, ratio ${ratios[-1]}" >&2
  done
  printf -v "median_$kind" '%s' "$(median "${ratios[@]}")"
done

{
  echo "# What the session store costs: database against memory"
  echo
  provenance
  echo "- two nodes of scripts/run.sh side by side (H2 each): erp.session.persistence=database and"
  echo "  =memory; wrk -t2 -c64 -d$duration on one at a time, sides alternated, 64 sessions each;"
  echo "  warm-up until two rounds agree within 5 %; $rounds rounds; median of the rounds' ratios"
  echo
  echo "| kind | round | database req/s | memory req/s | database/memory |"
  echo "|---|---|---|---|---|"
  for row in "${rows[@]}"; do
    IFS='|' read -r k r d v q <<< "$row"
    echo "| $k | $r | $d | $v | $q |"
  done
  echo
  echo "Session read, database/memory: **$median_read** (target ≥ 0.95)."
  echo "Custom-data write, database/memory: **$median_write** (measured; see bench/README.md)."
} > "$results/store-cost.md"
start_figures store-cost
figure store-cost "session read, database / memory" "$median_read" "≥ 0.95" "$(at_least "$median_read" 0.95)"
figure store-cost "custom-data write, database / memory" "$median_write" "-" "-"
cat "$results/store-cost.md"
