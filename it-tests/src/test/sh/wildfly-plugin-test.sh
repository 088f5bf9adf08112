#!/usr/bin/env bash
# Deploying the way WildFly users do: a node started by scripts/run.sh without the application
# (ERP_DEPLOY=false), the EAR deployed into it with the WildFly Maven Plugin, the service answering
# (health, a sign-in as the demo administrator), undeployed with the plugin, the service gone;
# then the node stopped by its PID and its ports free. The plugin connects as a local client with
# no user or password (JBOSS-LOCAL-USER), as an operator on the server's machine would.
# One server start. Needs the build (`mvn package`; run.sh builds when it is missing) and ports
# 8080, 9990 and 7600 free: run it under `flock /tmp/erp-servers.lock` beside other server runs.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
source "$root/scripts/harness.sh" # stop_node, login_status, port_busy
node=plugin-test
base="$root/run/$node"
base_url=http://127.0.0.1:8080
work=$(mktemp -d)
server=

stop_server() {
  stop_node "$server"
  server=
}
trap 'stop_server; rm -rf "$base" "$work"' EXIT

fail() {
  echo "FAILED: $*" >&2
  for log in "$work"/mvn-*.log; do
    [ -f "$log" ] || continue
    echo "--- last lines of $(basename "$log") ---" >&2
    tail -n 40 "$log" >&2
  done
  if [ -f "$base/log/server.log" ]; then
    echo "--- last lines of $base/log/server.log ---" >&2
    tail -n 60 "$base/log/server.log" >&2
  fi
  exit 1
}

health_status() {
  curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$base_url/api/health" || true
}

mvn_plugin() { # log-name goal...
  local log="$work/mvn-$1.log"
  shift
  (cd "$root" && mvn -B "$@" -pl ear) > "$log" 2>&1 || fail "mvn $* -pl ear failed"
}

for port in 8080 9990 7600; do
  ! port_busy "$port" || fail "port $port is in use before the test"
done
[ -f "$ear" ] || (cd "$root" && mvn -B -q package -DskipTests) || fail "the build failed"

rm -rf "$base"
echo "== a node without the application (ERP_DEPLOY=false scripts/run.sh) =="
ERP_NODE=$node ERP_DEPLOY=false "$root/scripts/run.sh" > "$work/run.log" 2>&1 &
server=$!
for _ in $(seq 180); do
  grep -qE 'WFLYSRV0025|WFLYSRV0026' "$base/log/server.log" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$work/run.log" >&2; fail "the node did not start"; }
  sleep 1
done
grep -qE 'WFLYSRV0025|WFLYSRV0026' "$base/log/server.log" || fail "the node did not start within 180 s"
[ -z "$(ls -A "$base/deployments")" ] || fail "run.sh put a deployment in place with ERP_DEPLOY=false"
[ "$(health_status)" != 200 ] || fail "/api/health answers before anything is deployed"

echo "== mvn wildfly:deploy-only -pl ear: no user, the local client is let in =="
mvn_plugin deploy wildfly:deploy-only
grep -q 'WFLYSRV0010: Deployed "erp-session.ear"' "$base/log/server.log" || fail "the server did not deploy erp-session.ear"
[ "$(health_status)" = 200 ] || fail "/api/health does not answer 200 after the deployment"
status=$(login_status "$base_url" admin admin)
[ "$status" = 200 ] || fail "signing in as admin/admin answered $status"

echo "== mvn wildfly:undeploy -pl ear =="
mvn_plugin undeploy wildfly:undeploy
grep -q 'WFLYSRV0009: Undeployed "erp-session.ear"' "$base/log/server.log" || fail "the server did not undeploy erp-session.ear"
status=$(health_status)
[ "$status" != 200 ] || fail "/api/health still answers 200 after the undeployment"

echo "== the node stops on SIGTERM and frees its ports =="
stop_server
for port in 8080 9990 7600; do
  ! port_busy "$port" || fail "port $port is still open after the node stopped"
done
echo "3 passed, 0 failed"
