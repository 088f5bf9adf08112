#!/usr/bin/env bash
# A new installation as the product ships it (erp.demo-data off): an empty database starts with
# nobody who can sign in and a warning that says how to create the first administrator; a
# second start with ERP_BOOTSTRAP_ADMIN_PASSWORD creates exactly that administrator. Two starts
# of one node (scripts/run.sh, its own data directory, removed at the end). Alone, the node forms
# its cluster without waiting JGroups' default 2 s for members that cannot be there.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
source "$root/scripts/harness.sh" # start_node, stop_node, login_status
node=first-start
base="$root/run/$node"
base_url=http://127.0.0.1:8080
password='first administrator password'
server=

stop_server() {
  stop_node "$server"
  server=
}
trap 'stop_server; rm -rf "$base"' EXIT

start_server() { # [VAR=value...]
  start_node "$base_url" /dev/null ERP_NODE=$node "$@" || fail "the node did not start (see $base/log/server.log)"
  server=$node_pid
}

rm -rf "$base"
echo "== an empty database without demo data: nobody, and a warning =="
start_server ERP_DEMO_DATA=false
[ "$(login_status "$base_url" admin admin)" = 401 ] || fail "admin/admin signs in without demo data"
grep -q "The database has no user" "$base/log/server.log" || fail "no warning about the missing administrator"
grep -q "ERP_BOOTSTRAP_ADMIN_PASSWORD" "$base/log/server.log" || fail "the warning does not say how to create one"
# JGroups prints how long it looked: "after 107.69ms" with run.sh's 100 ms, "after 2.00s" with its default.
discovery=$(grep -oE 'no members discovered after [0-9.]+m?s' "$base/log/server.log") \
  || fail "no JGroups line on how long the node looked for other members"
[[ "$discovery" == *ms ]] || fail "alone, the node still $discovery (its join timeout is JGroups' 2 s)"
echo "ok   alone, JGroups formed the cluster at once ($discovery)"
stop_server

echo "== the next start with ERP_BOOTSTRAP_ADMIN_PASSWORD creates the first administrator =="
start_server ERP_DEMO_DATA=false ERP_BOOTSTRAP_ADMIN_PASSWORD="$password"
[ "$(login_status "$base_url" admin "$password")" = 200 ] || fail "the first administrator cannot sign in"
[ "$(login_status "$base_url" admin admin)" = 401 ] || fail "admin/admin signs in"
[ "$(login_status "$base_url" demo demo)" = 401 ] || fail "a demo user exists"
grep -q "Created the first administrator" "$base/log/server.log" || fail "no log line for the bootstrap"
if grep -qF "$password" "$base/log/server.log"; then fail "the bootstrap password is in the log"; fi
stop_server
echo "3 passed, 0 failed"
