#!/usr/bin/env bash
# Checks the monitoring as code without a cluster: promtool check config on the example
# configuration (ops/prometheus.yml) and on the one ops/prometheus.sh writes for a local cluster,
# promtool check rules on ops/rules, promtool test rules on ops/tests (each alert firing and not,
# the recording rules' results), and that no annotation quotes a label other than the node, the
# store, or the route, so no user data can reach a notification. Exits non-zero on any failure.
set -euo pipefail
ops=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
command -v promtool > /dev/null || { echo "promtool is needed: apt-get install prometheus" >&2; exit 1; }
failed=0
step() { # description command...
  local what=$1; shift
  echo "== $what"
  if ! "$@"; then echo "FAIL $what"; failed=$((failed + 1)); fi
}

step "promtool check config ops/prometheus.yml (example for real machines)" \
  promtool check config "$ops/prometheus.yml"
generated=$(mktemp --suffix=.yml)
trap 'rm -f "$generated"' EXIT
"$ops/prometheus.sh" config 3 > "$generated"
step "promtool check config of ops/prometheus.sh config 3 (a local cluster of 3)" promtool check config "$generated"
step "promtool check rules ops/rules" promtool check rules "$ops"/rules/*.yml
step "promtool test rules ops/tests" promtool test rules "$ops"/tests/*.yml

annotation_labels() {
  local bad
  bad=$(grep -ho '\$labels\.[A-Za-z_]*' "$ops"/rules/*.yml | sort -u | grep -vxE '\$labels\.(instance|store|route)' || true)
  [ -z "$bad" ] || { echo "annotations quote other labels: $bad"; return 1; }
}
step "annotations quote only instance, store and route" annotation_labels

# Every alert has a test file that names it.
untested() {
  local alert missing=""
  for alert in $(sed -n 's/^ *- alert: //p' "$ops"/rules/*.yml); do
    grep -qx " *alertname: $alert" "$ops"/tests/*.yml || missing="$missing $alert"
  done
  [ -z "$missing" ] || { echo "alerts without a unit test:$missing"; return 1; }
}
step "every alert has a promtool unit test" untested

[ "$failed" -eq 0 ] && echo "ops: all checks passed" || { echo "ops: $failed checks failed"; exit 1; }
