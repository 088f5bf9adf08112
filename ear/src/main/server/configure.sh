#!/usr/bin/env bash
# Unpacks WildFly from the distribution zip that Maven copied into TARGET/server-dist and applies
# configure.cli to it, giving TARGET/wildfly. Skips the work when the server is already configured
# by the same scripts, so repeated builds stay fast; any change to the scripts redoes it.
set -euo pipefail

target=$(cd "$1" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
home="$target/wildfly"
dist="$target/server-dist"

fingerprint=$( (cat "$here/configure.sh" "$here/configure.cli" "$here/postgresql-module.xml";
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

"$home/bin/jboss-cli.sh" --file="$here/configure.cli" > "$target/configure-server.log" 2>&1 || {
  cat "$target/configure-server.log"
  echo "Server configuration failed (see above)." >&2
  exit 1
}
echo "$fingerprint" > "$home/.erp-configured"
