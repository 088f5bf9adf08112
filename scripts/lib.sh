# Shared by run.sh and cluster.sh: where things are, and building what is missing.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
home="$root/ear/target/wildfly"
ear="$root/ear/target/erp-session.ear"

# Builds when the EAR or the configured server is missing, or a source is newer than the EAR.
build_if_needed() {
  if [ ! -f "$ear" ] || [ ! -f "$home/.erp-configured" ] \
    || [ -n "$(find "$root/pom.xml" "$root/ejb" "$root/web" "$root/session-store" "$root/session-api" "$root/session-core" \
         "$root/health" "$root/servlet-support" "$root/ear/src" "$root/ear/pom.xml" \
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

# The key material that authenticates and encrypts JGroups (configure.cli): the operator's, when
# ERP_CLUSTER_KEYSTORE is set, else a key of this machine's own made once in DIR, so only servers
# started with it can form a cluster. Exported for the servers this script starts.
load_cluster_key() { # dir
  if [ -z "${ERP_CLUSTER_KEYSTORE:-}" ]; then
    "$root/scripts/cluster-key.sh" "$1"
    set -a
    source "$1/cluster-key.env"
    set +a
  fi
  if [ ! -f "$ERP_CLUSTER_KEYSTORE" ] || [ -z "${ERP_CLUSTER_KEYSTORE_PASSWORD:-}" ] || [ -z "${ERP_CLUSTER_AUTH_SECRET:-}" ]; then
    echo "ERP_CLUSTER_KEYSTORE must name a readable keystore, and ERP_CLUSTER_KEYSTORE_PASSWORD and ERP_CLUSTER_AUTH_SECRET be set" >&2
    exit 1
  fi
  export ERP_CLUSTER_KEYSTORE ERP_CLUSTER_KEYSTORE_PASSWORD ERP_CLUSTER_AUTH_SECRET
}

# Progress of a wait that may take minutes: wait_begin before the loop, then wait_note WHAT in
# every round prints "waiting for WHAT (25 s)" to stderr once every ERP_PROGRESS_EVERY seconds
# (10), so a slow start does not look like a hang; quiet when the wait is short. Stderr, so
# callers that read a script's output see the same lines as before.
wait_begin() { wait_since=$SECONDS; wait_shown=0; }
wait_note() { # what...
  local elapsed=$((SECONDS - wait_since)) every=${ERP_PROGRESS_EVERY:-10}
  if [ $((elapsed / every)) -gt "$wait_shown" ]; then
    wait_shown=$((elapsed / every))
    echo "waiting for $* ($elapsed s)" >&2
  fi
}
