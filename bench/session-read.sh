#!/usr/bin/env bash
# The session read on one node, against health and against the engine's floor, in one run, with
# wrk -t2 -c64:
#   health         GET /api/health (no session)
#   check          GET /api/session/check, spread over SESSIONS signed-in sessions (default 64)
#   session        GET /api/session over the same sessions (lookup, security stamp and device
#                  check, session info with its context)
#   floor-session  GET /floor/session over SESSIONS sessions of bench/floor's plain servlet, which
#                  reads a distributable session of its own: WildFly's session manager alone
#   floor-plain    GET /floor/plain, the same servlet without a session
# The floor WAR (bench/floor, not in the product's EAR) is deployed beside the EAR of the node that
# scripts/run.sh starts (stopped at the end). Warm-up rounds of WARM_DURATION (default 10s) on
# every endpoint until each agrees with its previous round within 5 % (at most MAX_WARMUP, 20);
# then ROUNDS (default 5) rounds of DURATION (default 20s), the endpoints interleaved (the first
# one changes every round). The figures are the medians of the rounds' ratios; one more row puts
# all 64 connections on a single session, and one more sends cookies that name no session (stale
# or made up: each answer a 401). Writes bench/results/session-read.md, the rates of every
# round (warm-up included) to session-read.rounds.tsv and, with gnuplot, session-read.png.
#   bench/session-read.sh                                              # ~15 min
#   DURATION=3s ROUNDS=1 MAX_WARMUP=1 WARM_DURATION=2s bench/session-read.sh   # a smoke run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need wrk wrk
duration=${DURATION:-20s}
rounds=${ROUNDS:-5}
max_warmup=${MAX_WARMUP:-20}
warm_duration=${WARM_DURATION:-10s}
base=http://127.0.0.1:8080
floor_war="$root/bench/floor/target/floor.war"
work=$(mktemp -d)
endpoints=(health check session floor-session floor-plain)

if [ ! -f "$floor_war" ] || [ -n "$(find "$root/bench/floor/src" -newer "$floor_war" -print -quit)" ]; then
  mvn -B -q -f "$root/pom.xml" -pl bench/floor package > "$work/build.log" 2>&1 \
    || { cat "$work/build.log" >&2; exit 1; }
fi

trap 'stop_node "${node_pid:-}"; rm -rf "$work"' EXIT
start_node "$base" "$results/server.log"
"$home/bin/jboss-cli.sh" -c --controller=127.0.0.1:9990 --command="deploy $floor_war --force" > /dev/null

sign_in_many "$base" demo demo "${SESSIONS:-64}" | cut -f1 > "$work/api.cookies"
for _ in $(seq "${SESSIONS:-64}"); do
  curl -sf -D - -o /dev/null -X POST "$base/floor/session" | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\).*/\1/p'
done > "$work/floor.cookies"
[ "$(wc -l < "$work/floor.cookies")" = "${SESSIONS:-64}" ] || { echo "floor sessions not created" >&2; exit 1; }
# Made-up ids under the session cookie's name, shaped like real ones: stale or forged cookies.
cookie_name=$(head -1 "$work/api.cookies" | cut -d= -f1)
for _ in $(seq "${SESSIONS:-64}"); do
  echo "$cookie_name=$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')"
done > "$work/unknown.cookies"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $(head -1 "$work/unknown.cookies")" "$base/api/session")
[ "$status" = 401 ] || { echo "a made-up session cookie got $status, not 401" >&2; exit 1; }

# One measurement of an endpoint for SECONDS: its req/s (fails on any error or non-2xx answer).
rate() { # endpoint seconds
  local figures
  case $1 in
    health) figures=$(wrk_figures -t2 -c64 -d"$2" "$base/api/health") ;;
    check) figures=$(wrk_figures -t2 -c64 -d"$2" -s "$root/bench/sessions.lua" "$base/api/session/check" -- "$work/api.cookies") ;;
    session) figures=$(wrk_figures -t2 -c64 -d"$2" -s "$root/bench/sessions.lua" "$base/api/session" -- "$work/api.cookies") ;;
    one-session) figures=$(wrk_figures -t2 -c64 -d"$2" -H "Cookie: $(head -1 "$work/api.cookies")" "$base/api/session") ;;
    floor-session) figures=$(wrk_figures -t2 -c64 -d"$2" -s "$root/bench/sessions.lua" "$base/floor/session" -- "$work/floor.cookies") ;;
    floor-plain) figures=$(wrk_figures -t2 -c64 -d"$2" "$base/floor/plain") ;;
    unknown-cookie) # every answer a 401, so its non-2xx count is no error
      figures=$(wrk_figures -t2 -c64 -d"$2" -s "$root/bench/sessions.lua" "$base/api/session" -- "$work/unknown.cookies")
      echo "${figures%%|*}"
      return ;;
  esac
  [ "${figures##*|}" = 0 ] || { echo "$1: ${figures##*|} errors or non-2xx answers" >&2; exit 1; }
  echo "${figures%%|*}"
}

start_rounds session-read
warm_jvms=$(jvm_of "$node_pid")
warm_up rate "$warm_duration" "$max_warmup" "${endpoints[@]}"
measure_rounds rate "$duration" "$rounds" "${endpoints[@]}"
one_session=$(rate one-session "$duration")
unknown_cookie=$(rate unknown-cookie "$duration")

session_health=$(median_ratio session health)
check_health=$(median_ratio check health)
session_floor=$(median_ratio session floor-session)
floor_plain=$(median_ratio floor-session floor-plain)

{
  echo "# Session read against health and the engine's floor"
  echo
  provenance
  echo "- one node (scripts/run.sh, H2, durable sessions), bench/floor's WAR deployed beside the EAR"
  echo "- wrk -t2 -c64; $(warm_up_note "$warm_duration" "$max_warmup")"
  echo "- $rounds rounds of $duration, endpoints interleaved (the first changes every round); reads spread over ${SESSIONS:-64} sessions"
  echo
  echo "| round | $(IFS='|'; echo "${endpoints[*]}" | sed 's/|/ req\/s | /g') req/s | session/health | check/health | session/floor |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for round in $(seq "$rounds"); do
    awk -F'\t' -v r="$round" '$1 == "measured" && $2 == r {v[$3] = $4}
      END {printf "| %s | %s | %s | %s | %s | %s | %.2f | %.2f | %.2f |\n", r, v["health"], v["check"], v["session"], v["floor-session"], v["floor-plain"],
        v["session"] / v["health"], v["check"] / v["health"], v["session"] / v["floor-session"]}' "$rounds_tsv"
  done
  echo
  echo "Medians of the rounds' ratios:"
  echo
  echo "| ratio | median | target |"
  echo "|---|---|---|"
  echo "| GET /api/session / GET /api/health | **$session_health** | ≥ 0.85 |"
  echo "| GET /api/session/check / GET /api/health | **$check_health** | ≥ 0.95 |"
  echo "| GET /api/session / the floor's session read | **$session_floor** | ≥ 0.5 |"
  echo "| the floor's session read / the floor without a session | $floor_plain | (what a session costs WildFly) |"
  echo
  echo "Median rates: health $(median_rate health), check $(median_rate check), session $(median_rate session), floor session $(median_rate floor-session), floor plain $(median_rate floor-plain) req/s."
  echo "All 64 connections on one session: GET /api/session $one_session req/s (after the rounds)."
  echo "Session cookies that name no session (${SESSIONS:-64} made-up ids, every answer a 401, two session-store lookups each): GET /api/session $unknown_cookie req/s (after the rounds)."
  echo
  echo "![rates over the rounds, warm-up included](session-read.png)"
} > "$results/session-read.md"
cat "$results/session-read.md"

plot_rounds "Session read"

start_figures session-read
figure session-read "session read / health" "$session_health" "≥ 0.85" "$(at_least "$session_health" 0.85)"
figure session-read "session check / health" "$check_health" "≥ 0.95" "$(at_least "$check_health" 0.95)"
figure session-read "session read / engine floor" "$session_floor" "≥ 0.5" "$(at_least "$session_floor" 0.5)"
