#!/usr/bin/env bash
# An operator's own WildFly, as README.md "Deploying into an existing WildFly" has it: WildFly 39
# fresh from its distribution zip, the three modules copied in, started (standalone-ha) with a
# cluster key, set up while it runs by ops/wildfly-setup.cli through the WildFly Maven Plugin
# (execute-commands@setup), restarted as the script asks (through the plugin too), then
# ops/wildfly-setup-metrics.cli and one more restart, the EAR deployed with the plugin; then the
# service answers (health, a sign-in as the demo administrator, the ERP page at /), /metrics and
# /health/ready on the management port carry the service's metrics and checks, and the cluster
# channel runs with the key. Also checks that every operation of configure.cli (the server the
# other tests run on) is in one of the two scripts. One server start and two restarts. Needs the
# build (`mvn package`) and
# the ports of a standalone-ha server (8080, 8443, 9990, 7600, ...) free: run it under
# `flock /tmp/erp-servers.lock` beside other server runs.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)
source "$root/scripts/harness.sh" # stop_node, login_status, port_busy
setup="$root/ops/wildfly-setup.cli"
setup_metrics="$root/ops/wildfly-setup-metrics.cli"
base_url=http://127.0.0.1:8080
work=$(mktemp -d)
wildfly="$work/wildfly"
server=

stop_server() {
  stop_node "$server"
  server=
}
trap 'stop_server; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

fail() {
  echo "FAILED: $*" >&2
  for log in "$work"/mvn-*.log; do
    [ -f "$log" ] || continue
    echo "--- last lines of $(basename "$log") ---" >&2
    tail -n 40 "$log" >&2
  done
  if [ -f "$wildfly/standalone/log/server.log" ]; then
    echo "--- last lines of the server's log ---" >&2
    tail -n 60 "$wildfly/standalone/log/server.log" >&2
  fi
  exit 1
}

mvn_plugin() { # log-name goal...
  local log="$work/mvn-$1.log"
  shift
  (cd "$root" && mvn -B "$@" -pl ear) > "$log" 2>&1 || fail "mvn $* -pl ear failed"
}

echo "== ops/wildfly-setup.cli and wildfly-setup-metrics.cli have every operation of configure.cli, for a running server =="
while IFS= read -r line; do
  # grep reads the files itself: `cat | grep -q` under pipefail fails when grep stops at the first
  # match before cat has written everything (cat gets SIGPIPE), which made this check flaky.
  grep -qxF -- "$line" "$setup" "$setup_metrics" \
    || fail "configure.cli's operation is missing from ops/wildfly-setup*.cli: $line"
done < <(grep '^/' "$root/ear/src/main/server/configure.cli")
if grep -qE '^(embed-server|stop-embedded-server)' "$setup" "$setup_metrics"; then
  fail "ops/wildfly-setup*.cli embeds a server; they are for a running one"
fi

for port in 8080 9990 7600; do
  ! port_busy "$port" || fail "port $port is in use before the test"
done
[ -f "$ear" ] && [ -f "$root/ear/target/server-dist/wildfly-dist.zip" ] \
  || (cd "$root" && mvn -B -q package -DskipTests) || fail "the build failed"

echo "== a fresh WildFly with the three modules, started with a cluster key =="
unzip -q "$root/ear/target/server-dist/wildfly-dist.zip" -d "$work"
mv "$work"/wildfly-[0-9]* "$wildfly"
mkdir -p "$wildfly/modules/org/erp/sessions" "$wildfly/modules/org/postgresql"
cp -r "$home/modules/org/erp/sessions/logging" "$home/modules/org/erp/sessions/store" "$wildfly/modules/org/erp/sessions/"
cp -r "$home/modules/org/postgresql/main" "$wildfly/modules/org/postgresql/"
"$root/scripts/cluster-key.sh" "$work/key"
set -a
source "$work/key/cluster-key.env"
set +a
ERP_DEMO_DATA=true LAUNCH_JBOSS_IN_BACKGROUND=1 "$wildfly/bin/standalone.sh" -c standalone-ha.xml \
  -Djboss.node.name=setup-test -Djava.net.preferIPv4Stack=true \
  -b 127.0.0.1 -bmanagement 127.0.0.1 -bprivate 127.0.0.1 > "$work/console.log" 2>&1 &
server=$!
for _ in $(seq 180); do
  grep -qE 'WFLYSRV0025|WFLYSRV0026' "$wildfly/standalone/log/server.log" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$work/console.log" >&2; fail "WildFly did not start"; }
  sleep 1
done
grep -qE 'WFLYSRV0025|WFLYSRV0026' "$wildfly/standalone/log/server.log" || fail "WildFly did not start within 180 s"

starts() { grep -cE 'WFLYSRV0025|WFLYSRV0026' "$wildfly/standalone/log/server.log" || true; }
# The restart each script asks for, through the plugin: standalone.sh starts the server again.
restart() { # the number of starts to wait for
  mvn_plugin "restart$1" wildfly:execute-commands '-Dwildfly.commands=:shutdown(restart=true)'
  for _ in $(seq 180); do
    [ "$(starts)" -ge "$1" ] && return
    kill -0 "$server" 2>/dev/null || { cat "$work/console.log" >&2; fail "WildFly did not restart"; }
    sleep 1
  done
  fail "WildFly did not restart within 180 s"
}

echo "== mvn wildfly:execute-commands@setup -pl ear: ops/wildfly-setup.cli, then a restart =="
mvn_plugin setup wildfly:execute-commands@setup
grep -q 'The batch executed successfully' "$work/mvn-setup.log" || fail "the setup batch did not run"
restart 2
echo "== mvn wildfly:execute-commands@setup-metrics -pl ear: ops/wildfly-setup-metrics.cli, then a restart =="
mvn_plugin setup-metrics wildfly:execute-commands@setup-metrics
restart 3

echo "== mvn wildfly:deploy-only -pl ear: the service answers =="
mvn_plugin deploy wildfly:deploy-only
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base_url/api/health")" = 200 ] || fail "/api/health does not answer 200"
status=$(login_status "$base_url" admin admin)
[ "$status" = 200 ] || fail "signing in as admin/admin answered $status"
curl -s -o "$work/page.html" "$base_url/" || fail "/ does not answer"
grep -q '<script type="module"' "$work/page.html" || fail "/ does not serve the ERP page"
curl -s "http://127.0.0.1:9990/metrics" > "$work/metrics.txt"
grep -q '^erp_sessions{' "$work/metrics.txt" || fail "/metrics on the management port has no erp_* metric"
[ "$(curl -s -o "$work/ready.json" -w '%{http_code}' http://127.0.0.1:9990/health/ready)" = 200 ] \
  && grep -q '"erp-database","status":"UP"' "$work/ready.json" \
  || fail "/health/ready is not UP with the service's checks: $(cat "$work/ready.json")"
grep -q "WFLYCLJG0033: Connected 'ee' channel" "$wildfly/standalone/log/server.log" \
  || fail "the cluster channel did not start"
grep -q '<encrypt-protocol type="SYM_ENCRYPT"' "$wildfly/standalone/configuration/standalone-ha.xml" \
  || fail "the JGroups stack has no SYM_ENCRYPT"

stop_server
for port in 8080 9990 7600; do
  ! port_busy "$port" || fail "port $port is still open after WildFly stopped"
done
echo "3 passed, 0 failed"
