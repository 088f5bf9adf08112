#!/usr/bin/env bash
# Runs the Odoo client library check (odoorpc_client.py) against one node started with
# scripts/run.sh, then stops the node. Needs Debian's python3-odoorpc.
# The node logs as JSON (ERP_LOG_FORMAT=json): once it has stopped, every line of its server.log
# must be one JSON object, and no session id the test was given may be in it, not even one sent
# back in a header that the server quotes in a warning.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
source "$root/scripts/harness.sh" # start_node, stop_node, login_status
base="$root/run/odoo-client"
ids=$(mktemp)
jar=$(mktemp)
rm -rf "$base"
trap 'stop_node "${node_pid:-}"; rm -f "$ids" "$jar"' EXIT
start_node http://127.0.0.1:8080 /dev/null ERP_NODE=odoo-client ERP_LOG_FORMAT=json || exit 1
# Debian's Python, where python3-odoorpc is installed (not a python3 earlier on the PATH).
/usr/bin/python3 "$root/it-tests/src/test/python/odoorpc_client.py" 8080 "$ids"
result=$?

# One more session, whose id goes back to the server in headers it cannot parse, with control
# characters around it.
login_status http://127.0.0.1:8080 admin admin "$jar" > /dev/null
id=$(awk '$6 == "session_id" {print $7}' "$jar" | cut -d. -f1)
echo "$id" >> "$ids"
curl -s -o /dev/null -b "$jar" -H "Accept: text/$(printf '\033')[31m;$id" \
  -H "Content-Type: $(printf '\a')$id/x" -d x http://127.0.0.1:8080/api/session/data/probe
stop_node "$node_pid"

log="$base/log/server.log"
every_line_is_json() {
  /usr/bin/python3 -c '
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
assert lines[-1] == "" and len(lines) > 50, "%d lines" % len(lines)
for n, line in enumerate(lines[:-1], 1):
    assert isinstance(json.loads(line), dict), "line %d" % n
' "$log"
}
no_session_id_in_the_log() {
  [ "$(grep -c . "$ids")" -ge 3 ] && ! grep -qFf "$ids" "$log"
}
check_on "every line of server.log is one JSON object ($(wc -l < "$log") lines)" every_line_is_json
check_on "no session id of the test in server.log ($(grep -c . "$ids") ids)" no_session_id_in_the_log
# Not vacuous: RESTEasy's warning quotes the Accept header, so the id was there to hide.
check_on "the id sent back in a header is in server.log as <id hidden>" grep -qF '<id hidden>' "$log"
verdict ERP_LOG_FORMAT=json && [ "$result" = 0 ]
