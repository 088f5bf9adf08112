#!/usr/bin/env bash
# What an operator sees of a real cluster (issue 16): Debian's Prometheus (ops/prometheus.sh)
# scrapes both nodes of scripts/cluster.sh; PromQL through its HTTP API counts the sessions and
# the logins (ok and wrong) this test makes; no scrape holds a session id, CSRF token or login;
# a SIGKILL shows up as a view change; /health/ready goes DOWN while the database is stopped and
# UP after it is back. Prints "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && cd .. && pwd)
source "$root/scripts/harness.sh" # login_status, sign_in_jar
cluster="$root/scripts/cluster.sh"
prometheus="$root/ops/prometheus.sh"
lb=http://127.0.0.1:8080
api=http://127.0.0.1:9095/api/v1
work=$(mktemp -d)

cleanup() {
  "$prometheus" stop > /dev/null 2>&1
  "$cluster" down > /dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT

# One number from an instant PromQL query (the sum of what it returns; 0 when it returns nothing).
query() {
  curl -sf --get --data-urlencode "query=$1" "$api/query" | python3 -c '
import json, sys
result = json.load(sys.stdin)["data"]["result"]
print(int(sum(float(r["value"][1]) for r in result)))'
}
# Waits up to 60 s (Prometheus scrapes every 2 s) for a query to give a value.
await_query() { # query expected
  local value
  for _ in $(seq 60); do
    value=$(query "$1")
    [ "$value" = "$2" ] && return 0
    sleep 1
  done
  echo "     $1 = $value, expected $2" >&2
  return 1
}
ready() { # node index; prints the HTTP status of /health/ready
  curl -s -o "$work/ready.json" -w '%{http_code}' "http://127.0.0.1:$((9990 + 100 * $1))/health/ready"
}

check_on "cluster.sh up 2" "$cluster" up 2
check_on "ops/prometheus.sh start 2" "$prometheus" start 2
check_on "Prometheus scrapes both nodes (up{job=\"erp\"} = 2)" await_query 'sum(up{job="erp"})' 2

# A user of this test's own, so its login is a string no metric could hold by chance.
login="metrics$(date +%s%N | tail -c 7)"
password="Ops-test-$(date +%N)"
admin_csrf=$(sign_in_jar "$lb" admin admin "$work/admin") || echo "     admin sign-in failed" >&2
check_on "a user for the test is created" test "$(curl -s -o /dev/null -w '%{http_code}' -b "$work/admin" \
  -H 'Content-Type: application/json' -H "X-CSRF-Token: $admin_csrf" \
  -d "{\"login\":\"$login\",\"password\":\"$password\",\"name\":\"Metrics\",\"company_ids\":[1]}" \
  "$lb/api/admin/users")" = 201

# The nodes' counters start at zero with the cluster; the administrator's login is the only one.
check_on "PromQL: the administrator's login is counted" await_query 'sum(erp_logins_total{outcome="ok"})' 1
before_ok=1
before_wrong=$(query 'sum(erp_logins_total{outcome="wrong_password"})')
# The signed-in figure comes from the database (a cluster's data outlives it), read by a node at
# most every 5 s: wait that out so the figure includes the administrator's session.
sleep 8
before_signed_in=$(query 'max(erp_sessions{scope="signed_in"})')
echo "     before: logins ok $before_ok, wrong $before_wrong, signed in $before_signed_in"
sessions=6
secrets=()
for i in $(seq "$sessions"); do
  csrf=$(sign_in_jar "$lb" "$login" "$password" "$work/s$i") || echo "     sign-in $i failed" >&2
  secrets+=("$(awk '$6 == "session_id" {print $7}' "$work/s$i" | sed 's/[.].*//')" "$csrf")
done
wrong=3
for i in $(seq "$wrong"); do
  [ "$(login_status "$lb" "$login" "not-$password")" = 401 ] || echo "     wrong sign-in $i not refused" >&2
done
check_on "PromQL: $sessions more ok logins" await_query 'sum(erp_logins_total{outcome="ok"})' $((before_ok + sessions))
check_on "PromQL: $wrong more wrong-password logins" \
  await_query 'sum(erp_logins_total{outcome="wrong_password"})' $((before_wrong + wrong))
check_on "PromQL: $sessions more signed-in sessions" \
  await_query 'max(erp_sessions{scope="signed_in"})' $((before_signed_in + sessions))
check_on "PromQL: the login route's latency histogram counts the requests" \
  bash -c "[ \"\$(curl -sf --get --data-urlencode 'query=sum(erp_http_request_duration_buckets_total{route=\"/api/session\",method=\"POST\",le=\"+Inf\"})' '$api/query' | python3 -c 'import json,sys; r=json.load(sys.stdin)[\"data\"][\"result\"]; print(int(float(r[0][\"value\"][1])) if r else 0)')\" -ge $((sessions + wrong + 1)) ]"

for i in 1 2; do curl -s "http://127.0.0.1:$((9990 + 100 * i))/metrics" > "$work/scrape$i.txt"; done
check_on "the scrapes hold the application's metrics" grep -q '^erp_logins_total' "$work/scrape1.txt"
leaked=""
for secret in "$login" "$password" "${secrets[@]}"; do
  [ -n "$secret" ] && grep -qF -- "$secret" "$work/scrape1.txt" "$work/scrape2.txt" && leaked="$leaked ${secret:0:4}..."
done
check_on "no scrape holds the test's login, password, session ids or CSRF tokens" test -z "$leaked"

views_before=$(query 'sum(erp_cluster_view_changes_total{instance="node1"})')
check_on "cluster.sh kill node2 (SIGKILL)" "$cluster" kill node2
check_on "PromQL: node1 sees the view change" \
  await_query 'sum(erp_cluster_view_changes_total{instance="node1"})' $((views_before + 1))
check_on "PromQL: node1's view has one member" await_query 'sum(erp_cluster_members{instance="node1"})' 1
check_on "PromQL: node2 is down (up = 0)" await_query 'sum(up{job="erp",instance="node2"})' 0

check_on "/health/ready of node1 is UP" test "$(ready 1)" = 200
check_on "cluster.sh db stop" "$cluster" db stop
status=""
for _ in $(seq 20); do status=$(ready 1); [ "$status" = 503 ] && break; sleep 1; done
check_on "/health/ready goes DOWN (503) while the database is stopped" test "$status" = 503
check_on "... and names the database check" grep -q '"erp-database","status":"DOWN"' "$work/ready.json"
check_on "/health/live stays UP" test "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:10090/health/live)" = 200
check_on "cluster.sh db start" "$cluster" db start
for _ in $(seq 30); do status=$(ready 1); [ "$status" = 200 ] && break; sleep 1; done
check_on "/health/ready is UP again once the database is back" test "$status" = 200

verdict
