# Shared by run.sh and cluster.sh: where things are, and building what is missing.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
home="$root/ear/target/wildfly"
ear="$root/ear/target/erp-session.ear"

# Builds when the EAR or the configured server is missing, or a source is newer than the EAR.
build_if_needed() {
  if [ ! -f "$ear" ] || [ ! -f "$home/.erp-configured" ] \
    || [ -n "$(find "$root/pom.xml" "$root/ejb" "$root/web" "$root/ear/src" "$root/ear/pom.xml" \
         -newer "$ear" -type f -not -path '*/target/*' -print -quit)" ]; then
    echo "Building the service (mvn package)..."
    (cd "$root" && mvn -B -q package -DskipTests)
  fi
}

# Prepares a server base directory: fresh configuration and deployment at every start, while
# data/ (databases, session store) and log/ stay.
prepare_base() { # base-dir [deploy-the-ear]
  local base=$1
  mkdir -p "$base/configuration" "$base/deployments" "$base/data" "$base/log"
  cp -r "$home/standalone/configuration/." "$base/configuration/"
  rm -rf "${base:?}/deployments/"* "$base/data/content" "$base/tmp"
  if [ "${2:-}" = "deploy" ]; then
    cp "$ear" "$base/deployments/"
  fi
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
