#!/usr/bin/env bash
# Drives scripts/cluster.sh as an operator would: up 2, a session through the load balancer,
# SIGKILL of a node, the session still served with its data, the node back, down with every
# port free. Prints "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && cd .. && pwd)
cluster="$root/scripts/cluster.sh"
lb=http://127.0.0.1:8080
jar=$(mktemp)
passed=0
failed=0

check() { # description command...
  local what=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   $what"; else failed=$((failed + 1)); echo "FAIL $what"; fi
}

cleanup() { "$cluster" down > /dev/null 2>&1; rm -f "$jar"; }
trap cleanup EXIT

check "cluster.sh up 2 returns with a cluster of two" "$cluster" up 2
check "status shows both nodes in the view" bash -c "'$cluster' status | grep -q 'view .* (2) \[node1'"

login() {
  curl -sf -c "$jar" -H 'Content-Type: application/json' -d '{"login":"demo","password":"demo"}' "$lb/api/session"
}
token=$(login | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
check "login through the load balancer" test -n "$token"
check "custom data written through the load balancer" \
  curl -sf -b "$jar" -X PUT -H 'Content-Type: application/json' -H "X-CSRF-Token: $token" \
  -d '{"value":{"step":2}}' "$lb/api/session/data/wizard"

route=$(grep session_id "$jar" | awk '{print $7}' | sed 's/.*\.//')
check "the session id carries the route of its node ($route)" bash -c "[[ '$route' =~ ^node[12]$ ]]"
# Sticky: the balancer reads the route from the session_id cookie (not JSESSIONID), so every
# request of a session is served by the node in its route.
admin_jar=$(mktemp)
curl -sf -c "$admin_jar" -o /dev/null -H 'Content-Type: application/json' \
  -d '{"login":"admin","password":"admin"}' "$lb/api/session"
admin_route=$(grep session_id "$admin_jar" | awk '{print $7}' | sed 's/.*\.//')
served_by=$(for _ in $(seq 10); do curl -sf -b "$admin_jar" "$lb/api/admin/cluster" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["node"])'; done | sort -u | tr '\n' ' ')
rm -f "$admin_jar"
check "10 requests of a session through the balancer all reach its node ($admin_route: $served_by)" \
  test "$served_by" = "$admin_route "
check "the device list through the balancer shows the client address" bash -c \
  "curl -sf -b '$jar' '$lb/api/session/devices' | grep -q '\"ip_address\":\"127.0.0.1\"'"
check "cluster.sh kill $route" "$cluster" kill "$route"
check "the session is served after the crash, data intact" bash -c \
  "curl -sf -b '$jar' '$lb/api/session/data/wizard' | grep -q '\"step\":2'"
check "cluster.sh start $route rejoins" "$cluster" start "$route"

check "cluster.sh down" "$cluster" down
busy=""
for port in 8080 8090 8180 8280 9990 10090 10190 7700 7800 9092; do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && busy="$busy $port"
done
check "every port is free after down${busy:+ (busy:$busy)}" test -z "$busy"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
