#!/usr/bin/env bash
# Session read against health on one node, interleaved: GET /api/session with a valid cookie
# (session lookup, security stamp and device check, context build) against GET /api/health, with
# wrk, 2 threads, 64 connections, DURATION each (default 30s), ROUNDS times (default 3). The
# session reads spread over SESSIONS signed-in sessions (default 64, as 64 browsers would), and
# one more row measures all 64 connections on a single session.
# Starts its own node with scripts/run.sh (stopped at the end) and writes
# bench/results/session-read.md with the machine, the date and the commit.
#   bench/session-read.sh              # the full measurement, ~3 min 30 s
#   DURATION=3s ROUNDS=1 bench/session-read.sh   # a smoke run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
duration=${DURATION:-30s}
rounds=${ROUNDS:-3}
out="$root/bench/results/session-read.md"
base=http://127.0.0.1:8080
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

"$root/scripts/run.sh" > "$root/bench/results/server.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null' EXIT
await_health "$base" "$server"

sign_in() {
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d '{"login":"demo","password":"demo"}' "$base/api/session" \
    | sed -n 's/^[Ss]et-[Cc]ookie: \(session_id=[^;]*\).*/\1/p' | tail -1
}
cookies=$(mktemp)
for _ in $(seq "${SESSIONS:-64}"); do sign_in >> "$cookies"; done
cookie=$(head -1 "$cookies")
[ -n "$cookie" ] || { echo "login failed" >&2; exit 1; }
curl -sf -o /dev/null -H "Cookie: $cookie" "$base/api/session"

measure() { # name path [wrk options...] -- [script arguments...]
  local result name=$1 path=$2 options=() arguments=()
  shift 2
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do options+=("$1"); shift; done
  [ $# -gt 0 ] && shift && arguments=(-- "$@")
  result=$(wrk -t2 -c64 -d"$duration" --latency "${options[@]}" "$base$path" "${arguments[@]}")
  echo "$result" | grep -q "Non-2xx" && { echo "$name: non-2xx answers" >&2; echo "$result" >&2; exit 1; }
  printf '%s|%s|%s|%s\n' "$name" \
    "$(echo "$result" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$result" | awk '$1 == "50%" {print $2}')" \
    "$(echo "$result" | awk '$1 == "99%" {print $2}')"
}

warm_up() { wrk -t2 -c64 -d5s -H "Cookie: $cookie" "$base/api/session" > /dev/null; wrk -t2 -c64 -d5s "$base/api/health" > /dev/null; }
warm_up
rows=()
for round in $(seq "$rounds"); do
  rows+=("$(measure health /api/health)")
  rows+=("$(measure session /api/session -s "$root/bench/sessions.lua" -- "$cookies")")
done
one_session=$(measure one-session /api/session -H "Cookie: $cookie")

sum() { printf '%s\n' "${rows[@]}" | awk -F'|' -v n="$1" '$1 == n {s += $2; c++} END {printf "%.0f", s / c}'; }
SESSIONS_USED=$(wc -l < "$cookies")
health=$(sum health)
session=$(sum session)
ratio=$(awk -v a="$session" -v b="$health" 'BEGIN {printf "%.2f", a / b}')
{
  echo "# Session read against health"
  echo
  echo "- machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "- commit: $(git -C "$root" rev-parse --short HEAD)"
  echo "- wrk -t2 -c64 -d$duration, $rounds rounds interleaved, one node (scripts/run.sh, H2), same machine"
  echo
  echo "| round | endpoint | req/s | p50 | p99 |"
  echo "|---|---|---|---|---|"
  i=0
  for row in "${rows[@]}"; do
    IFS='|' read -r name rps p50 p99 <<< "$row"
    echo "| $((i / 2 + 1)) | $name | $rps | $p50 | $p99 |"
    i=$((i + 1))
  done
  echo
  echo
  IFS='|' read -r _ rps p50 p99 <<< "$one_session"
  echo "All 64 connections on one session: $rps req/s, p50 $p50, p99 $p99."
  echo
  echo "Mean: health $health req/s, session ($SESSIONS_USED sessions) $session req/s; ratio session/health **$ratio** (target ≥ 0.85)."
} > "$out"
cat "$out"
start_figures session-read
figure session-read "session read req/s / health req/s" "$ratio" "≥ 0.85" "$(at_least "$ratio" 0.85)"
