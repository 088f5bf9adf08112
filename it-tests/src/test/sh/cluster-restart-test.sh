#!/usr/bin/env bash
# Sessions survive the restarts of a whole cluster (README, "What survives what"), on the cluster's
# database: H2 (cluster.sh's own server) or, with ERP_DB=postgresql and ERP_DB_URL..., PostgreSQL.
# A cluster of two: sessions signed in through the balancer, each with custom data and a company
# switch; others logged out, revoked, ended by a password change or a deactivation. After
# `cluster.sh down` and `up 2`, every kept session answers on both nodes with the same user,
# companies, CSRF token, creation time and absolute deadline, and its custom data; the ended ones
# stay 401. Then both nodes are SIGKILLed at once 2 s after new values were acknowledged: after
# `up 2` the new values are there. (cluster-script-test.sh drives the same restarts on H2 with a
# rolling restart under traffic; restart-test.sh covers one node, expiry and the memory mode.)
# With DATABASE_STOP and DATABASE_START, commands that stop and start the database (.ci/run gives
# PostgreSQL's), the database is also stopped for a while: the sessions are still read on both
# nodes, every change answers 503 with Retry-After and changes nothing, and once the database is
# back the changes are stored again (SessionFailoverClusterIT does the same with the H2 server).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
source "$root/scripts/harness.sh" # sign_in_jar
cluster="$root/scripts/cluster.sh"
state="$root/run/cluster"
lb=http://127.0.0.1:8080
nodes=(http://127.0.0.1:8180 http://127.0.0.1:8280)
work=$(mktemp -d)
kept="kept1 kept2 kept3 kept4"

database_stopped=
trap '[ -z "$database_stopped" ] || bash -c "$DATABASE_START" || true; "$cluster" down > /dev/null 2>&1; rm -rf "$work"' EXIT

# Signs NAME in as LOGIN/PASSWORD through the balancer: jar $work/NAME.jar, CSRF in $work/NAME.csrf.
sign_in() { # name login password
  sign_in_jar "$lb" "$2" "$3" "$work/$1.jar" > "$work/$1.csrf" || fail "$2 cannot sign in"
}

# Prints the status; the body goes to $work/body, the headers to $work/headers. AT is the balancer
# or a node's address; NAME a signed-in session, or "anonymous" for a call without one.
call() { # at name method path [json]
  local args=(-s -o "$work/body" -D "$work/headers" -w '%{http_code}' -X "$3")
  [ "$2" = anonymous ] || args+=(-b "$work/$2.jar" -H "X-CSRF-Token: $(cat "$work/$2.csrf")")
  [ $# -ge 5 ] && args+=(-H 'Content-Type: application/json' -d "$5")
  curl "${args[@]}" "$1$4"
}

# The parts of GET /api/session that a restart must not change (activity moves with the read).
session_facts() { # at name
  [ "$(call "$1" "$2" GET /api/session)" = 200 ] || return 1
  sed -e 's/"last_activity_at":"[^"]*"//' -e 's/"idle_expires_at":"[^"]*"//' "$work/body"
}

current_device() { # name
  call "$lb" "$1" GET /api/session/devices > /dev/null
  grep -o '"current":true,"id":"[^"]*"' "$work/body" | sed 's/.*"id":"\([^"]*\)"/\1/'
}

# Every kept session, on each node: its facts as before (file SUFFIX) and its custom value VALUE.
all_kept() { # suffix value
  local name at
  for name in $kept; do
    for at in "${nodes[@]}"; do
      session_facts "$at" "$name" > "$work/$name.now" || { echo "$name at $at: $(cat "$work/body")" >&2; return 1; }
      diff "$work/$name.$1" "$work/$name.now" >&2 || { echo "$name at $at changed" >&2; return 1; }
      [ "$(call "$at" "$name" GET /api/session/data/wizard)" = 200 ] && grep -qF "\"value\":$2" "$work/body" \
        || { echo "$name at $at: custom data $(cat "$work/body")" >&2; return 1; }
    done
  done
}

ended_stay_ended() {
  local name at
  for name in leaving revoked moved_away quitter; do
    for at in "${nodes[@]}"; do
      [ "$(call "$at" "$name" GET /api/session)" = 401 ] || { echo "$name at $at: $(cat "$work/body")" >&2; return 1; }
    done
  done
}

quietly() { "$@" > /dev/null; }

# The call is refused as the database is away: 503 service_unavailable with Retry-After: 5.
refused_for_now() { # at name method path [json]
  local status
  status=$(call "$@")
  [ "$status" = 503 ] && grep -q '"code":"service_unavailable"' "$work/body" \
    && grep -qi '^Retry-After: 5' "$work/headers" \
    || { echo "$3 $4 at $1: HTTP $status $(cat "$work/body")" >&2; return 1; }
}

# While the database is away: every kept session is read on each node as it was, and its changes,
# a sign-out and a new sign-in are refused.
outage_refusals() {
  local at
  all_kept before '{"step":1}' || return 1
  for at in "${nodes[@]}"; do
    refused_for_now "$at" kept1 PUT /api/session/data/wizard '{"value":{"step":9}}' || return 1
    refused_for_now "$at" kept1 DELETE /api/session/data/wizard || return 1
    refused_for_now "$at" kept2 PUT /api/session/companies '{"allowed_company_ids":[1]}' || return 1
    refused_for_now "$at" kept3 DELETE /api/session || return 1
    refused_for_now "$at" anonymous POST /api/session '{"login":"demo","password":"demo"}' || return 1
  done
  all_kept before '{"step":1}'
}

# Once the database is back (the pool opens new connections by itself), writes are stored again.
writes_again() {
  local deadline=$((SECONDS + 60))
  until [ "$(call "$lb" kept1 PUT /api/session/data/wizard '{"value":{"step":1}}')" = 204 ]; do
    [ $SECONDS -lt $deadline ] || { echo "still refused 60 s after the database came back: $(cat "$work/body")" >&2; return 1; }
    sleep 1
  done
}

"$cluster" down > /dev/null 2>&1 || true
check "cluster.sh up 2 (database: ${ERP_DB:-h2})" quietly "$cluster" up 2

for name in $kept; do
  sign_in "$name" demo demo
  check "$name writes custom data" test "$(call "$lb" "$name" PUT /api/session/data/wizard '{"value":{"step":1}}')" = 204
  check "$name switches company" test "$(call "$lb" "$name" PUT /api/session/companies '{"allowed_company_ids":[2,1]}')" = 200
done
sign_in leaving demo demo
check "a session logs out" test "$(call "$lb" leaving DELETE /api/session)" = 204
sign_in revoked demo demo
check "another is revoked" test "$(call "$lb" kept1 DELETE "/api/session/devices/$(current_device revoked)")" = 204
sign_in boss admin admin
suffix=$$$RANDOM
check "an administrator creates two users" test "$(call "$lb" boss POST /api/admin/users "{\"login\":\"mover$suffix\",\"password\":\"mover-secret-1\",\"name\":\"Mover\",\"company_ids\":[1]}")$(call "$lb" boss POST /api/admin/users "{\"login\":\"quitter$suffix\",\"password\":\"quitter-secret-1\",\"name\":\"Quitter\",\"company_ids\":[1]}")" = 201201
quitter_uid=$(grep -o '"uid":[0-9]*' "$work/body" | cut -d: -f2)
sign_in moved_away "mover$suffix" mover-secret-1
sign_in mover "mover$suffix" mover-secret-1
check "a user changes password" test "$(call "$lb" mover PUT /api/me/password '{"current_password":"mover-secret-1","new_password":"mover-secret-2"}')" = 204
sign_in quitter "quitter$suffix" quitter-secret-1
check "a user is deactivated" test "$(call "$lb" boss PATCH "/api/admin/users/$quitter_uid" '{"active":false}')" = 200
check "the ended sessions answer 401 on both nodes" ended_stay_ended
for name in $kept; do session_facts "$lb" "$name" > "$work/$name.before" || fail "$name: $(cat "$work/body")"; done
check "every kept session answers on both nodes as it was, with its value" all_kept before '{"step":1}'

check "cluster.sh down: a graceful stop of the whole cluster" quietly "$cluster" down
check "cluster.sh up 2 again" quietly "$cluster" up 2
check "every kept session answers on both nodes as before the stop, with its value" all_kept before '{"step":1}'
check "the ended sessions stay ended on both nodes" ended_stay_ended

if [ -n "${DATABASE_STOP:-}" ]; then
  database_stopped=yes
  check "the database stops" quietly bash -c "$DATABASE_STOP"
  sleep 3 # the stores look for the database every second
  check "the database away: every kept session read on both nodes as it was; changes, a sign-out and a sign-in refused with 503 and Retry-After" \
    outage_refusals
  check "the database starts again" quietly bash -c "$DATABASE_START"
  database_stopped=
  check "writes are stored again once the database is back" writes_again
  check "nothing refused during the outage changed a session" all_kept before '{"step":1}'
fi

for name in $kept; do
  check "$name writes a new value" test "$(call "$lb" "$name" PUT /api/session/data/wizard '{"value":{"step":2}}')" = 204
done
sleep 2
kill -KILL "$(cat "$state/node1.pid")" "$(cat "$state/node2.pid")"
check "cluster.sh down after the SIGKILL of both nodes" quietly "$cluster" down
check "cluster.sh up 2 after the crash" quietly "$cluster" up 2
check "every kept session answers on both nodes, with the value acknowledged 2 s before the crash" \
  all_kept before '{"step":2}'
check "the ended sessions stay ended on both nodes" ended_stay_ended
check "cluster.sh down" quietly "$cluster" down
verdict
