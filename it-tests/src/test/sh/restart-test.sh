#!/usr/bin/env bash
# Sessions survive restarts (README, "What survives what"): one node of scripts/run.sh with its own
# data directory (removed at the end), on H2 or, with ERP_DB=postgresql and ERP_DB_URL..., on
# PostgreSQL. A clean stop (SIGTERM) keeps every session as it was, with its custom data, its
# companies, its CSRF token and its deadlines; sessions that were logged out or revoked, or ended
# by a password change or a deactivation, stay ended (and before the stop, with erp.session.max-in-memory=1, at most one of these sessions is
# in memory at a time, so most of the steps read a session from the store and change it there). A SIGKILL keeps what was acknowledged 2 s before
# it. A session in use outlives its idle timeout though it is read from the store each time (its
# access time reaches the store late, but in time). An idle deadline that passed while the node
# was down ends the session, even when requested from several tabs at once as the node starts, and
# expired sessions leave the store's tables (row counts, read while the node is stopped). With erp.session.persistence=memory (H2 run only: it leaves the
# database alone) a restart signs everyone out, as before durable sessions, and their devices are
# ended at start.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
source "$root/scripts/harness.sh" # start_node, stop_node, sign_in_jar
node=restart
base="$root/run/$node"
base_url=http://127.0.0.1:8080
work=$(mktemp -d)
server=

stop_server() { # [TERM|KILL]
  stop_node "$server" "${1:-TERM}"
  server=
}
trap 'stop_server; rm -rf "$base" "$work"' EXIT

start_server() { # [VAR=value...]
  start_node "$base_url" /dev/null ERP_NODE=$node "$@" || fail "the node did not start (see $base/log/server.log)"
  server=$node_pid
}

# Signs NAME in as LOGIN/PASSWORD: cookie jar $work/NAME.jar, CSRF token in $work/NAME.csrf.
sign_in() { # name login password
  sign_in_jar "$base_url" "$2" "$3" "$work/$1.jar" > "$work/$1.csrf" || fail "$2 cannot sign in"
}

# Prints the status; the body goes to $work/body.
call() { # name method path [json]
  local args=(-s -o "$work/body" -w '%{http_code}' -b "$work/$1.jar" -X "$2"
    -H "X-CSRF-Token: $(cat "$work/$1.csrf")")
  [ $# -ge 4 ] && args+=(-H 'Content-Type: application/json' -d "$4")
  curl "${args[@]}" "$base_url$3"
}

# The parts of GET /api/session that a restart must not change (activity moves with the read).
session_facts() { # name
  [ "$(call "$1" GET /api/session)" = 200 ] || return 1
  sed -e 's/"last_activity_at":"[^"]*"//' -e 's/"idle_expires_at":"[^"]*"//' "$work/body"
}

current_device() { # name
  call "$1" GET /api/session/devices > /dev/null
  grep -o '"current":true,"id":"[^"]*"' "$work/body" | sed 's/.*"id":"\([^"]*\)"/\1/'
}

# Rows of the session store's tables (sessions, custom data), read while the node is stopped: the
# embedded H2 database admits one process at a time.
store_rows() {
  local sql='SELECT (SELECT COUNT(*) FROM "erp_session_erp_session_ear") + (SELECT COUNT(*) FROM "erp_session_session_data") AS store_rows'
  if [ "${ERP_DB:-h2}" = postgresql ]; then
    PGPASSWORD="${ERP_DB_PASSWORD:-}" psql "${ERP_DB_URL#jdbc:}" -U "$ERP_DB_USER" -tA -v ON_ERROR_STOP=1 -c "$sql"
  else
    java -cp "$(ls "$root"/ear/target/wildfly/modules/system/layers/base/com/h2database/h2/main/h2-*.jar)" \
      org.h2.tools.Shell -url "jdbc:h2:file:$base/data/erp/erp" -user sa -password sa -sql "$sql" | sed -n 2p
  fi
}

not_listed() { # device-id (in $work/body)
  [ -n "$1" ] && ! grep -qF "\"id\":\"$1\"" "$work/body"
}

rm -rf "$base"
echo "== database (the default): a clean stop keeps every session as it was =="
# With erp.session.max-in-memory=1 the node holds one of these sessions at a time: the others are
# read from the store and written through it, step by step.
start_server ERP_SESSION_MAX_IN_MEMORY=1
sign_in kept admin admin
check "custom data is written" test "$(call kept PUT /api/session/data/wizard '{"value":{"step":3}}')" = 204
check "the company is switched" test "$(call kept PUT /api/session/companies '{"allowed_company_ids":[1,2]}')" = 200
sign_in leaving demo demo
check "a session logs out" test "$(call leaving DELETE /api/session)" = 204
sign_in revoked admin admin
revoked_id=$(current_device revoked)
check "another session is revoked from the first" test "$(call kept DELETE "/api/session/devices/$revoked_id")" = 204
sign_in boss admin admin
check "an administrator creates two users" test "$(call boss POST /api/admin/users '{"login":"mover","password":"mover-secret-1","name":"Mover","company_ids":[1]}')$(call boss POST /api/admin/users '{"login":"quitter","password":"quitter-secret-1","name":"Quitter","company_ids":[1]}')" = 201201
quitter_uid=$(grep -o '"uid":[0-9]*' "$work/body" | cut -d: -f2)
sign_in moved_away mover mover-secret-1
sign_in mover mover mover-secret-1
check "a user changes password" test "$(call mover PUT /api/me/password '{"current_password":"mover-secret-1","new_password":"mover-secret-2"}')" = 204
check "... which ends the user's other session" test "$(call moved_away GET /api/session)" = 401
sign_in quitter quitter quitter-secret-1
check "a user is deactivated" test "$(call boss PATCH "/api/admin/users/$quitter_uid" '{"active":false}')" = 200
check "... which ends the user's session" test "$(call quitter GET /api/session)" = 401
sign_in other demo demo
check "with other sessions signed in since, the session is switched again" test "$(call kept PUT /api/session/companies '{"allowed_company_ids":[2]}')" = 200
sign_in another demo demo
check "... and read back as switched" test "$(call kept GET /api/session)" = 200
check "... with company 2 only" grep -q '"allowed_company_ids":\[2\]' "$work/body"
session_facts kept > "$work/kept.before"
stop_server TERM
# No bound (0) this time: the node starts with it and still serves every stored session as it was.
start_server ERP_SESSION_MAX_IN_MEMORY=0
session_facts kept > "$work/kept.after" || fail "the session is gone after a clean stop: $(cat "$work/body")"
check "same user, companies, CSRF token, creation time and absolute deadline" diff "$work/kept.before" "$work/kept.after"
check "the custom data is there" test "$(call kept GET /api/session/data/wizard)" = 200
check "... unchanged" grep -q '"value":{"step":3}' "$work/body"
check "the logged-out session stays ended" test "$(call leaving GET /api/session)" = 401
check "the revoked session stays ended" test "$(call revoked GET /api/session)" = 401
check "the session ended by a password change stays ended" test "$(call moved_away GET /api/session)" = 401
check "the deactivated user's session stays ended" test "$(call quitter GET /api/session)" = 401

echo "== database: a crash (SIGKILL) keeps what was acknowledged 2 s before it =="
sign_in crashed demo demo
check "custom data is written" test "$(call crashed PUT /api/session/data/draft '{"value":"before the crash"}')" = 204
check "the company is switched" test "$(call crashed PUT /api/session/companies '{"allowed_company_ids":[2]}')" = 200
session_facts crashed > "$work/crashed.before"
sleep 2
stop_server KILL
start_server
session_facts crashed > "$work/crashed.after" || fail "the session is gone after a SIGKILL: $(cat "$work/body")"
check "the session is there, as it was" diff "$work/crashed.before" "$work/crashed.after"
check "its custom data too" test "$(call crashed GET /api/session/data/draft)" = 200
check "... unchanged" grep -q '"value":"before the crash"' "$work/body"
check "the session from before the first restart too" test "$(call kept GET /api/session)" = 200
stop_server TERM

echo "== database: time runs on while the node is down, and expired sessions leave the store =="
rows_before=$(store_rows)
# A bound of 1 again: a session read after another one is read from the store.
start_server ERP_SESSION_IDLE_TIMEOUT=PT15S ERP_SESSION_MAX_IN_MEMORY=1
sign_in busy demo demo
sign_in spare demo demo
demo_uid=$(call busy GET /api/session > /dev/null && grep -o '"uid":[0-9]*' "$work/body" | head -1 | cut -d: -f2)
ended_devices="$(current_device spare)"
# The store records a read's access time at most once per tenth of the idle timeout (1.5 s here,
# AccessTimeWritePolicy), so a session in use must outlive its idle timeout when read from there.
busy_since=$SECONDS
busy_status=200
while [ $((SECONDS - busy_since)) -lt 20 ] && [ "$busy_status" = 200 ]; do
  busy_status=$(call busy GET /api/session)
  call spare GET /api/session > /dev/null
  sleep 1
done
check "a session read every second for 20 s, with a 15 s idle timeout, stays valid" test "$busy_status" = 200
ended_devices+=" $(current_device busy)"
sign_in idle demo demo
sign_in forgotten demo demo
ended_devices+=" $(current_device forgotten)"
check "a session with a 15 s idle timeout works" test "$(call idle GET /api/session)" = 200
check "... and takes custom data" test "$(call idle PUT /api/session/data/wizard '{"value":1}')" = 204
check "another one too (it is never used again)" test "$(call forgotten PUT /api/session/data/wizard '{"value":2}')" = 204
last_use=$SECONDS
stop_server TERM
rows_with_them=$(store_rows)
check "the sessions are in the store ($rows_before rows before, $rows_with_them now)" test "$rows_with_them" -gt "$rows_before"
while [ $((SECONDS - last_use)) -lt 20 ]; do sleep 1; done
start_server
# Back at once, from several tabs, while the node expires the sessions whose deadlines passed: a
# request that finds the session expired schedules its expiration while it holds the session's
# lock, and WildFly 39.0.1 by itself gave the expiration up when it ran before the request let go,
# leaving the session's rows and custom data in the store (ExpiryWaitsForLock).
tabs=()
for _ in 1 2 3 4 5 6; do
  curl -s -o /dev/null -b "$work/idle.jar" "$base_url/api/session" &
  tabs+=($!)
done
wait "${tabs[@]}"
check "its idle deadline passed while the node was down: refused" test "$(call idle GET /api/session)" = 401
# The others, never requested again, are expired by the node's own schedule, which starts with
# the node; a clean stop then waits for an expiry under way. Their devices close as they expire.
devices_open() {
  [ "$(call auditor GET "/api/admin/users/$demo_uid/sessions")" = 200 ] || return 0
  local id
  for id in $ended_devices; do grep -qF "\"id\":\"$id\"" "$work/body" && return 0; done
  return 1
}
expired_unrequested() {
  for _ in $(seq 60); do devices_open || return 0; sleep 1; done
  echo "still listed after 60 s: $(grep -o '"id":"[^"]*"' "$work/body" | wc -l) devices of the user; ended ones expected: $ended_devices; status of the list: $(call auditor GET "/api/admin/users/$demo_uid/sessions")" >&2
  head -c 600 "$work/body" >&2; echo >&2
  return 1
}
sign_in auditor admin admin
check "the sessions never requested again expire too (their devices close)" expired_unrequested
check "(the administrator who looked signs out)" test "$(call auditor DELETE /api/session)" = 204
stop_server TERM
rows_after=$(store_rows)
check "the expired sessions left the store, custom data included ($rows_after rows)" test "$rows_after" = "$rows_before"

if [ "${ERP_DB:-h2}" != h2 ]; then
  # The memory mode leaves the database alone: the H2 run covers it.
  verdict
  exit 0
fi
echo "== erp.session.persistence=memory: a restart signs everyone out, as before =="
start_server ERP_SESSION_PERSISTENCE=memory
sign_in volatile admin admin
check "the session works" test "$(call volatile GET /api/session)" = 200
volatile_id=$(current_device volatile)
stop_server TERM
start_server ERP_SESSION_PERSISTENCE=memory
check "after a restart it is gone" test "$(call volatile GET /api/session)" = 401
sign_in fresh admin admin
call fresh GET /api/session/devices > /dev/null
check "... and no longer listed among the user's devices" not_listed "$volatile_id"
stop_server TERM

verdict
