#!/usr/bin/env bash
# The cost of the per-request validity check against the size of the device log: GET
# /api/session (wrk -t2 -c64, DURATION per run, default 20s) with an empty device log, then again
# after 10,000 logins of another user (10,000 device rows) of which 1,000 are revoked. The check
# reads the user and the device from Hibernate's second-level cache, so the log's size should
# not show. Starts its own node (fresh H2 database in run/bench-validity, removed at the end;
# cheap password hashing so that 10,000 logins take seconds) and writes
# bench/results/validity-check.md, every run's rate in validity-check.rounds.tsv and, with
# gnuplot, validity-check.png.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
duration=${DURATION:-20s}
logins=${LOGINS:-10000}
revoked=${REVOKED:-1000}
max_warmup=${MAX_WARMUP:-20}
warm_duration=${WARM_DURATION:-10s}
out="$results/validity-check.md"
base=http://127.0.0.1:8080
need wrk wrk

rm -rf "$root/run/bench-validity"
trap 'stop_node "${node_pid:-}"; rm -rf "${root:?}/run/bench-validity"' EXIT
start_node "$base" /dev/null ERP_NODE=bench-validity ERP_PASSWORD_ARGON2_MEMORY_KIB=64 \
  ERP_PASSWORD_ARGON2_ITERATIONS=1 ERP_LOGIN_COOLDOWN_AFTER=1000000

sign_in() { # login password
  sign_in_line "$base" "$1" "$2" | cut -f1
}
reads() { # cookie [seconds]
  local figures
  figures=$(wrk_figures -t2 -c64 -d"${2:-$duration}" -H "Cookie: $1" "$base/api/session")
  [ "${figures##*|}" = 0 ] || { echo "${figures##*|} errors or non-2xx answers" >&2; exit 1; }
  IFS='|' read -r rps _ p99 _ <<< "$figures"
  echo "$rps|$p99"
}

demo=$(sign_in demo demo)
start_rounds validity-check
# A measured run of one side (which session, which device log) into the rounds file.
measured() { # round side rps|p99
  printf 'measured\t%s\t%s\t%s\n' "$1" "$2" "${3%|*}" >> "$rounds_tsv"
}
# Warm-up until two consecutive rounds agree within 5 %, so the first measured run is not the
# slowest for that reason alone.
previous=0
for warm in $(seq "$max_warmup"); do
  current=$(reads "$demo" "$warm_duration" | cut -d'|' -f1)
  printf 'warm-up\t%s\tdemo-empty-log\t%s\n' "$warm" "$current" >> "$rounds_tsv"
  agree "$current" "$previous" && break
  previous=$current
done
empty=$(reads "$demo")
measured 1 demo-empty-log "$empty"

# Another user with many sessions: created by the admin, then signed in LOGINS times.
admin=$(sign_in admin admin)
csrf=$(curl -s -H "Cookie: $admin" "$base/api/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
curl -sf -o /dev/null -H "Cookie: $admin" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  -d '{"login":"bench-many","password":"bench password","name":"Many Devices","company_ids":[1]}' \
  "$base/api/admin/users"
seq "$logins" | xargs -P 8 -I{} curl -s -o /dev/null -H 'Content-Type: application/json' \
  -d '{"login":"bench-many","password":"bench password"}' "$base/api/session"
many=$(sign_in bench-many "bench password")
many_csrf=$(curl -s -H "Cookie: $many" "$base/api/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
curl -s -H "Cookie: $many" "$base/api/session/devices" \
  | python3 -c 'import json,sys; n=int(sys.argv[1]); [print(d["id"]) for d in [d for d in json.load(sys.stdin) if not d["current"]][:n]]' "$revoked" \
  | xargs -P 8 -I{} curl -s -o /dev/null -X DELETE -H "Cookie: $many" -H "X-CSRF-Token: $many_csrf" \
      "$base/api/session/devices/{}"
live=$(curl -s -H "Cookie: $many" "$base/api/session/devices" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')

full=$(reads "$demo")
measured 1 demo-full-log "$full"
full_many=$(reads "$many")
measured 1 many-sessions-full-log "$full_many"
empty_again=$(reads "$demo")
measured 2 demo-full-log "$empty_again"

IFS='|' read -r e_rps e_p99 <<< "$empty"
IFS='|' read -r f_rps f_p99 <<< "$full"
IFS='|' read -r m_rps m_p99 <<< "$full_many"
IFS='|' read -r a_rps a_p99 <<< "$empty_again"
ratio=$(awk -v f="$f_rps" -v e="$e_rps" 'BEGIN {printf "%.2f", f / e}')
{
  echo "# Validity check against the size of the device log"
  echo
  provenance
  echo "- GET /api/session, wrk -t2 -c64 -d$duration, one node (scripts/run.sh, H2); warm-up: $warm rounds of $warm_duration"
  echo "- device log after seeding: $logins logins of one user, $revoked of them revoked ($live still live)"
  echo
  echo "| device log | session | req/s | p99 |"
  echo "|---|---|---|---|"
  echo "| empty | demo | $e_rps | $e_p99 |"
  echo "| $logins rows, $revoked revoked | demo | $f_rps | $f_p99 |"
  echo "| $logins rows, $revoked revoked | the user with $live live sessions | $m_rps | $m_p99 |"
  echo "| (same, measured again last) | demo | $a_rps | $a_p99 |"
  echo
  echo "Ratio full log / empty log: **$ratio** (target ≥ 0.95)."
  echo
  echo "![every run's rate, warm-up first](validity-check.png)"
} > "$out"
plot_rounds "Validity check against the device log"
cat "$out"
start_figures validity-check
figure validity-check "read with full device log / empty" "$ratio" "≥ 0.95" "$(at_least "$ratio" 0.95)"
