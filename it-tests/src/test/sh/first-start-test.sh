#!/usr/bin/env bash
# A new installation as the product ships it (erp.demo-data off): an empty database starts with
# nobody who can sign in and a warning that says how to create the first administrator; a
# second start with ERP_BOOTSTRAP_ADMIN_PASSWORD creates exactly that administrator. Two starts
# of one node (scripts/run.sh, its own data directory, removed at the end).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
node=first-start
base="$root/run/$node"
base_url=http://127.0.0.1:8080
password='first administrator password'
server=

stop_server() {
  if [ -n "$server" ]; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=
  fi
}
trap 'stop_server; rm -rf "$base"' EXIT

fail() {
  echo "FAILED: $*" >&2
  exit 1
}

start_server() {
  ERP_NODE=$node "$@" "$root/scripts/run.sh" > /dev/null 2>&1 &
  server=$!
  for _ in $(seq 180); do
    curl -sf -o /dev/null "$base_url/api/health" && return
    kill -0 "$server" 2>/dev/null || fail "the node did not start"
    sleep 1
  done
  fail "the node did not answer within 180 s"
}

login_status() { # login password
  curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
    -d "{\"login\":\"$1\",\"password\":\"$2\"}" "$base_url/api/session"
}

rm -rf "$base"
echo "== an empty database without demo data: nobody, and a warning =="
start_server env ERP_DEMO_DATA=false
[ "$(login_status admin admin)" = 401 ] || fail "admin/admin signs in without demo data"
grep -q "The database has no user" "$base/log/server.log" || fail "no warning about the missing administrator"
grep -q "ERP_BOOTSTRAP_ADMIN_PASSWORD" "$base/log/server.log" || fail "the warning does not say how to create one"
stop_server

echo "== the next start with ERP_BOOTSTRAP_ADMIN_PASSWORD creates the first administrator =="
start_server env ERP_DEMO_DATA=false ERP_BOOTSTRAP_ADMIN_PASSWORD="$password"
[ "$(login_status admin "$password")" = 200 ] || fail "the first administrator cannot sign in"
[ "$(login_status admin admin)" = 401 ] || fail "admin/admin signs in"
[ "$(login_status demo demo)" = 401 ] || fail "a demo user exists"
grep -q "Created the first administrator" "$base/log/server.log" || fail "no log line for the bootstrap"
if grep -qF "$password" "$base/log/server.log"; then fail "the bootstrap password is in the log"; fi
stop_server
echo "2 passed, 0 failed"
