#!/usr/bin/env bash
# Runs the Odoo client library check (odoorpc_client.py) against one node started with
# scripts/run.sh, then stops the node. Needs Debian's python3-odoorpc.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
ERP_NODE=odoo-client "$root/scripts/run.sh" > /dev/null 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null' EXIT
for _ in $(seq 180); do curl -sf -o /dev/null http://127.0.0.1:8080/api/health && break; sleep 1; done
# Debian's Python, where python3-odoorpc is installed (not a python3 earlier on the PATH).
/usr/bin/python3 "$root/it-tests/src/test/python/odoorpc_client.py" 8080
