#!/usr/bin/env bash
# The cost of the per-request validity check against the size of the device log. Two nodes of
# scripts/run.sh side by side, the same settings (cheap password hashing, so that 10,000 logins
# take seconds; the login cooldown out of the way), each with its own fresh H2 database
# (run/bench-validity-empty and run/bench-validity-full, removed at the end): :8080 with an empty
# device log, :8280 whose log holds LOGINS (10,000) logins of one more user, REVOKED (1,000) of
# them revoked. Three sides, each GET /api/session with wrk -t2 -c64 over SESSIONS (64) sessions:
#   empty-log      demo's sessions on :8080
#   full-log       demo's sessions on :8280
#   full-log-many  sessions of the user with the 10,000 devices, on :8280
# The check reads the user and the device from each node's memory, so the log's size should not
# show. After the seeding both nodes start again (RESTART=0: not), so that neither JVM's past
# differs but for the data. Warm-up rounds of WARM_DURATION (10s) per side until each side
# agrees with its previous round within 5 % (at most MAX_WARMUP, 20), then ROUNDS (5) rounds of
# DURATION (20s), the sides interleaved; the figure is the median of the rounds' ratios full-log /
# empty-log.
# (The sides used to run one after the other on one node, the empty log first since the log only
# grows: on 2026-12-05 the empty log was measured on a JVM still warming, 2,031 req/s against
# 4,365 with the full log a few minutes later, a "ratio" of 2.15 that said nothing.)
# Writes bench/results/validity-check.md, every round's rate in validity-check.rounds.tsv and,
# with gnuplot, validity-check.png.
#   bench/validity-check.sh     # ~20 min
#   LOGINS=100 REVOKED=10 SESSIONS=8 DURATION=3s ROUNDS=1 MAX_WARMUP=1 WARM_DURATION=2s bench/validity-check.sh  # smoke
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need wrk wrk
duration=${DURATION:-20s}
rounds=${ROUNDS:-5}
max_warmup=${MAX_WARMUP:-20}
warm_duration=${WARM_DURATION:-10s}
logins=${LOGINS:-10000}
revoked=${REVOKED:-1000}
sessions=${SESSIONS:-64}
empty_base=http://127.0.0.1:8080
full_base=http://127.0.0.1:8280
sides=(empty-log full-log full-log-many)
work=$(mktemp -d)
empty_pid=
full_pid=

trap 'status=$?; stop_node "$empty_pid"; stop_node "$full_pid"; remove_node_dirs "$status" "${root:?}/run/bench-validity-empty" "$root/run/bench-validity-full"; rm -rf "$work"' EXIT
rm -rf "${root:?}/run/bench-validity-empty" "$root/run/bench-validity-full"
settings=(ERP_PASSWORD_ARGON2_MEMORY_KIB=64 ERP_PASSWORD_ARGON2_ITERATIONS=1 ERP_LOGIN_COOLDOWN_AFTER=1000000)
# Built once before: each scripts/run.sh builds when a source is newer than the EAR, and two
# builds at once in one target directory leave neither node up.
build_if_needed
# Starts both nodes at once (their boots overlap), each waited for in turn; their data stays.
start_both() {
  env "${settings[@]}" ERP_NODE=bench-validity-empty "$root/scripts/run.sh" > /dev/null 2>&1 &
  empty_pid=$!
  env "${settings[@]}" ERP_NODE=bench-validity-full ERP_PORT_OFFSET=200 "$root/scripts/run.sh" > /dev/null 2>&1 &
  full_pid=$!
  await_health "$empty_base" "$empty_pid"
  await_health "$full_base" "$full_pid"
}
start_both

# The full log: a user created by the admin, signed in LOGINS times (those sessions are left
# to idle), REVOKED of its devices revoked.
IFS=$'\t' read -r admin admin_csrf <<< "$(sign_in_line "$full_base" admin admin)"
curl -sf -o /dev/null -H "Cookie: $admin" -H "X-CSRF-Token: $admin_csrf" -H 'Content-Type: application/json' \
  -d '{"login":"bench-many","password":"bench password","name":"Many Devices","company_ids":[1]}' \
  "$full_base/api/admin/users"
seq "$logins" | xargs -P 8 -I{} curl -s -o /dev/null -H 'Content-Type: application/json' \
  -d '{"login":"bench-many","password":"bench password"}' "$full_base/api/session"
IFS=$'\t' read -r revoker revoker_csrf <<< "$(sign_in_line "$full_base" bench-many "bench password")"
curl -sf -H "Cookie: $revoker" "$full_base/api/session/devices" \
  | python3 -c 'import json,sys; n=int(sys.argv[1]); [print(d["id"]) for d in [d for d in json.load(sys.stdin) if not d["current"]][:n]]' "$revoked" \
  | xargs -P 8 -I{} curl -s -o /dev/null -X DELETE -H "Cookie: $revoker" -H "X-CSRF-Token: $revoker_csrf" \
      "$full_base/api/session/devices/{}"

# Both nodes start again before anything is measured, so that both JVMs come to the measured
# reads with the same history (a boot, a few sign-ins, then reads): the full-log node's 10,000
# sign-ins and 1,000 revocations otherwise stay in its JIT's profiles and its heap, and cost its
# reads a tenth (bench/README.md), which is the node's past, not the log's size. RESTART=0
# measures the nodes as seeded. Their data stays (run/NODE/data): the log, and the sessions stored there.
if [ "${RESTART:-1}" = 1 ]; then
  stop_node "$empty_pid"
  stop_node "$full_pid"
  start_both
fi

# The log after seeding (and the restart: its sessions are stored, the revoker's with them):
# LOGINS rows and the revoker's; the sessions measured below add SESSIONS.
live=$(curl -sf -H "Cookie: $revoker" "$full_base/api/session/devices" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$live" = $((logins + 1 - revoked)) ] \
  || { echo "the full log has $live live devices of bench-many, not $((logins + 1 - revoked))" >&2; exit 1; }

sign_in_many "$empty_base" demo demo "$sessions" | cut -f1 > "$work/empty-log.cookies"
sign_in_many "$full_base" demo demo "$sessions" | cut -f1 > "$work/full-log.cookies"
sign_in_many "$full_base" bench-many "bench password" "$sessions" | cut -f1 > "$work/full-log-many.cookies"

# One measurement of a side for SECONDS: its req/s (fails on any error or non-2xx answer).
rate() { # side seconds
  local base figures
  base=$([ "$1" = empty-log ] && echo "$empty_base" || echo "$full_base")
  figures=$(wrk_figures -t2 -c64 -d"$2" -s "$root/bench/sessions.lua" "$base/api/session" -- "$work/$1.cookies")
  [ "${figures##*|}" = 0 ] || { echo "$1: ${figures##*|} errors or non-2xx answers" >&2; exit 1; }
  echo "${figures%%|*}"
}

start_rounds validity-check
warm_jvms="$(jvm_of "$empty_pid") $(jvm_of "$full_pid")"
warm_up rate "$warm_duration" "$max_warmup" "${sides[@]}"
measure_rounds rate "$duration" "$rounds" "${sides[@]}"
full_empty=$(median_ratio full-log empty-log)
many_empty=$(median_ratio full-log-many empty-log)

{
  echo "# Validity check against the size of the device log"
  echo
  provenance
  echo "- GET /api/session, wrk -t2 -c64 over $sessions sessions per side; two nodes of scripts/run.sh side by side (H2 each, the same settings): :8080 with an empty device log, :8280 with $((logins + 1)) rows of one more user, $revoked of them revoked ($live live), before the $sessions sessions measured there; $([ "${RESTART:-1}" = 1 ] && echo "both nodes started again after the seeding, before the sign-ins measured" || echo "measured as seeded, without a restart (RESTART=0)")"
  echo "- $(warm_up_note "$warm_duration" "$max_warmup")"
  echo "- $rounds rounds of $duration, sides interleaved (the first changes every round)"
  echo
  echo "| round | empty log, demo req/s | full log, demo req/s | full log, the user with the devices req/s | full / empty |"
  echo "|---|---|---|---|---|"
  for round in $(seq "$rounds"); do
    awk -F'\t' -v r="$round" '$1 == "measured" && $2 == r {v[$3] = $4}
      END {printf "| %s | %s | %s | %s | %.2f |\n", r, v["empty-log"], v["full-log"], v["full-log-many"], v["full-log"] / v["empty-log"]}' "$rounds_tsv"
  done
  echo
  echo "Medians of the rounds' ratios: full log / empty log **$full_empty** (target ≥ 0.95); the user with the devices, full log / demo, empty log: $many_empty."
  echo
  echo "![every round's rate, warm-up first](validity-check.png)"
} > "$results/validity-check.md"
cat "$results/validity-check.md"
plot_rounds "Validity check against the device log"

start_figures validity-check
figure validity-check "read with full device log / empty" "$full_empty" "≥ 0.95" "$(at_least "$full_empty" 0.95)"
