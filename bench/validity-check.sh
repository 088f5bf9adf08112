#!/usr/bin/env bash
# The cost of the per-request validity check against the size of the device log: GET
# /api/session (wrk -t2 -c64, DURATION per run, default 20s) with an empty device log, then again
# after 10,000 logins of another user (10,000 device rows) of which 1,000 are revoked. The check
# reads the user and the device from Hibernate's second-level cache, so the log's size should
# not show. Starts its own node (fresh H2 database in run/bench-validity, cheap password hashing
# so that 10,000 logins take seconds) and writes bench/results/validity-check.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
duration=${DURATION:-20s}
logins=${LOGINS:-10000}
revoked=${REVOKED:-1000}
out="$root/bench/results/validity-check.md"
base=http://127.0.0.1:8080
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }

rm -rf "$root/run/bench-validity"
ERP_NODE=bench-validity ERP_PASSWORD_ARGON2_MEMORY_KIB=64 ERP_PASSWORD_ARGON2_ITERATIONS=1 \
  ERP_LOGIN_COOLDOWN_AFTER=1000000 "$root/scripts/run.sh" > /dev/null 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null' EXIT
await_health "$base" "$server"

sign_in() { # login password [cookie-jar]
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"login\":\"$1\",\"password\":\"$2\"}" "$base/api/session" \
    | sed -n 's/^[Ss]et-[Cc]ookie: \(session_id=[^;]*\).*/\1/p' | tail -1
}
reads() { # cookie
  wrk -t2 -c64 -d"$duration" --latency -H "Cookie: $1" "$base/api/session" \
    | awk '/Requests\/sec/ {rps = $2} $1 == "99%" {p99 = $2} END {print rps "|" p99}'
}

demo=$(sign_in demo demo)
# Warm the JVM up first, so the first measured run is not the slowest for that reason alone.
wrk -t2 -c64 -d30s -H "Cookie: $demo" "$base/api/session" > /dev/null
empty=$(reads "$demo")

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
full_many=$(reads "$many")
empty_again=$(reads "$demo")

IFS='|' read -r e_rps e_p99 <<< "$empty"
IFS='|' read -r f_rps f_p99 <<< "$full"
IFS='|' read -r m_rps m_p99 <<< "$full_many"
IFS='|' read -r a_rps a_p99 <<< "$empty_again"
ratio=$(awk -v f="$f_rps" -v e="$e_rps" 'BEGIN {printf "%.2f", f / e}')
{
  echo "# Validity check against the size of the device log"
  echo
  echo "- machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "- commit: $(git -C "$root" rev-parse --short HEAD)"
  echo "- GET /api/session, wrk -t2 -c64 -d$duration, one node (scripts/run.sh, H2)"
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
} > "$out"
cat "$out"
