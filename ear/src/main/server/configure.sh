#!/usr/bin/env bash
# Unpacks WildFly from the distribution zip that Maven copied into TARGET/server-dist and applies
# configure.cli to it, giving TARGET/wildfly. Skips the work when the server is already configured
# by the same scripts, so repeated builds stay fast; any change to the scripts redoes it.
set -euo pipefail

target=$(cd "$1" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
home="$target/wildfly"
dist="$target/server-dist"

fingerprint=$( (cat "$here/configure.sh" "$here/configure.cli" "$here/cluster-node.cli" \
  "$here/balancer.cli" "$here/postgresql-module.xml" "$here/logging-module.xml" "$dist/log-scrubber.jar" \
  "$here/store-module.xml" "$dist/session-store.jar";
  stat -c %s "$dist/wildfly-dist.zip") | sha256sum | cut -d' ' -f1)
if [ -f "$home/.erp-configured" ] && [ "$(cat "$home/.erp-configured")" = "$fingerprint" ]; then
  exit 0
fi

echo "Configuring WildFly in $home"
rm -rf "$home" "$target"/wildfly-[0-9]*
unzip -q "$dist/wildfly-dist.zip" -d "$target"
mv "$target"/wildfly-[0-9]* "$home"

# The PostgreSQL driver as a module, for ERP_DB=postgresql.
mkdir -p "$home/modules/org/postgresql/main"
cp "$dist/postgresql.jar" "$home/modules/org/postgresql/main/postgresql.jar"
cp "$here/postgresql-module.xml" "$home/modules/org/postgresql/main/module.xml"

# The log formatter that hides session ids (the log-scrubber module of this build), for the
# server's log handlers.
mkdir -p "$home/modules/org/erp/sessions/logging/main"
cp "$dist/log-scrubber.jar" "$home/modules/org/erp/sessions/logging/main/log-scrubber.jar"
cp "$here/logging-module.xml" "$home/modules/org/erp/sessions/logging/main/module.xml"

# The names of the session store's rows (session-store module of this build), for the web cache
# container's JDBC stores.
mkdir -p "$home/modules/org/erp/sessions/store/main"
cp "$dist/session-store.jar" "$home/modules/org/erp/sessions/store/main/session-store.jar"
cp "$here/store-module.xml" "$home/modules/org/erp/sessions/store/main/module.xml"

# WildFly resolves the cluster key's expressions and opens its key store when they are added, even
# offline; the configuration keeps the expressions, which have no default (each node is given its
# cluster key at start). A throwaway key, deleted below, lets the offline server accept them.
placeholder_key="$target/configure-placeholder-key.p12"
rm -f "$placeholder_key"
keytool -genseckey -alias erp-cluster -keyalg AES -keysize 256 -storetype PKCS12 -keystore "$placeholder_key" \
  -storepass placeholder -keypass placeholder > /dev/null 2>&1
cli() {
  JAVA_OPTS="${JAVA_OPTS:-} -Derp.cluster.keystore=$placeholder_key -Derp.cluster.keystore-password=placeholder -Derp.cluster.auth-secret=placeholder" \
  "$home/bin/jboss-cli.sh" --file="$1" >> "$target/configure-server.log" 2>&1 || {
    cat "$target/configure-server.log"
    echo "Server configuration failed in $1 (see above)." >&2
    exit 1
  }
}
: > "$target/configure-server.log"
cli "$here/configure.cli"
# Cluster nodes (scripts/cluster.sh) use the same configuration plus the load balancer's address.
cp "$home/standalone/configuration/standalone-ha.xml" "$home/standalone/configuration/standalone-ha-node.xml"
cli "$here/cluster-node.cli"
cli "$here/balancer.cli"
rm -f "$placeholder_key"

# The boot log, written before the logging subsystem starts (and rewrites logging.properties in
# the server's base directory), goes through the same formatters as configure.cli sets: no
# session id, and with ERP_LOG_FORMAT=json one JSON object per line from the first line on.
props="$home/standalone/configuration/logging.properties"
sed -i -e 's/^handler\.CONSOLE\.formatter=COLOR-PATTERN$/handler.CONSOLE.formatter=HIDING-CONSOLE-PATTERN/' \
  -e 's/^handler\.FILE\.formatter=PATTERN$/handler.FILE.formatter=HIDING-PATTERN/' "$props"
if ! grep -q '^handler.CONSOLE.formatter=HIDING-CONSOLE-PATTERN$' "$props" \
  || ! grep -q '^handler.FILE.formatter=HIDING-PATTERN$' "$props"; then
  echo "WildFly's logging.properties has changed: its handlers' formatters were not found." >&2
  exit 1
fi
cat >> "$props" <<'PROPERTIES'

formatter.HIDING-CONSOLE-PATTERN=org.erp.sessions.logging.SessionIdHidingFormatter
formatter.HIDING-CONSOLE-PATTERN.module=org.erp.sessions.logging
formatter.HIDING-CONSOLE-PATTERN.properties=pattern
formatter.HIDING-CONSOLE-PATTERN.pattern=%d{HH\:mm\:ss,SSS} %-5p [%c] (%t) %s%e%n

formatter.HIDING-PATTERN=org.erp.sessions.logging.SessionIdHidingFormatter
formatter.HIDING-PATTERN.module=org.erp.sessions.logging
formatter.HIDING-PATTERN.properties=pattern
formatter.HIDING-PATTERN.pattern=%d{yyyy-MM-dd HH\:mm\:ss,SSS} %-5p [%c] (%t) %s%e%n
PROPERTIES
echo "$fingerprint" > "$home/.erp-configured"
