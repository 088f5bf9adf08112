#!/usr/bin/env bash
# Runs one node of the session service on http://127.0.0.1:8080, in the foreground, with the
# embedded H2 database (kept in run/node1/data, so it survives restarts) and the demo data.
# Builds what is missing first. Ctrl-C or SIGTERM stops it cleanly and frees its ports. Its JGroups
# key (ERP_CLUSTER_KEYSTORE, see cluster.sh) is made once in run/NODE/cluster-key if not given.
#
# Configuration (API.md §10) passes through as environment variables, for example
#   ERP_SESSION_IDLE_TIMEOUT=PT5S scripts/run.sh
# PostgreSQL instead of H2:
#   ERP_DB=postgresql ERP_DB_URL=jdbc:postgresql://127.0.0.1:5432/erp ERP_DB_USER=postgres scripts/run.sh
# The server without the application, for `mvn wildfly:deploy-only` or `wildfly:dev` (README):
#   ERP_DEPLOY=false scripts/run.sh
# A second, independent node beside the first (its own data, ports shifted, a cluster of its own;
# bench/store-cost.sh runs two such nodes):
#   ERP_NODE=other ERP_PORT_OFFSET=200 scripts/run.sh     # http://127.0.0.1:8280
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
node="${ERP_NODE:-node1}"
base="$root/run/$node"

build_if_needed
# The demo users (admin/admin, ...) are this script's; the product starts with none.
export ERP_DEMO_DATA="${ERP_DEMO_DATA:-true}"
if [ "${ERP_DEPLOY:-true}" = "false" ]; then
  prepare_base "$base"
else
  prepare_base "$base" deploy
fi
load_cluster_key "$base/cluster-key"

if [ "${ERP_DB:-h2}" = "postgresql" ]; then
  export ERP_DB_URL="${ERP_DB_URL:-jdbc:postgresql://127.0.0.1:5432/erp}"
  export ERP_DB_USER="${ERP_DB_USER:-postgres}"
fi

offset="${ERP_PORT_OFFSET:-0}"
# Alone in its cluster: discovery asks only this node's own JGroups port, so waiting JGroups'
# default 2 s for other members' answers only delays the start.
if [ -z "${ERP_CLUSTER_HOSTS:-}" ]; then
  export ERP_CLUSTER_HOSTS="127.0.0.1[$((7600 + offset))]"
  export ERP_CLUSTER_JOIN_TIMEOUT_MS="${ERP_CLUSTER_JOIN_TIMEOUT_MS:-100}"
fi

echo "Starting $node on http://127.0.0.1:$((8080 + offset)) (logs: $base/log/server.log)"
# standalone.sh forwards SIGINT/SIGTERM to the JVM and waits for it when run this way.
export LAUNCH_JBOSS_IN_BACKGROUND=1
exec "$home/bin/standalone.sh" -c standalone-ha.xml \
  -Djboss.server.base.dir="$base" \
  -Djboss.node.name="$node" \
  -Djboss.socket.binding.port-offset="$offset" \
  -Djava.net.preferIPv4Stack=true \
  -b 127.0.0.1 -bmanagement 127.0.0.1 -bprivate 127.0.0.1
