#!/usr/bin/env bash
# One read-path step measured: GET /api/session on two nodes side by side in one run, an earlier
# EAR (BEFORE, built from the commit before the step) on :8080 and the working tree's EAR on :8280
# (scripts/run.sh, H2 each, demo data), 64 sessions each, wrk -t2 -c64, one node under load at a
# time. Warm-up rounds of WARM_DURATION (default 10s) until both agree with their previous round
# within 5 % (at most MAX_WARMUP, 12), then ROUNDS (default 5) rounds of DURATION (default 15s),
# the sides interleaved; the figure is the median of the rounds' after/before ratios. The same for
# GET /api/health (no session) beside it, since the read targets are ratios to health: a step
# that speeds every request moves the read's ratio less than the read.
# Writes bench/results/read-ab.md, .rounds.tsv and, with gnuplot, .png. Not in bench/run.sh: it
# needs the earlier EAR. Given the earlier checkout instead of its EAR, the earlier side runs that
# checkout's own server as well (its WildFly modules, such as the session store's, and its
# configuration), for a step outside the EAR.
#   git worktree add /tmp/before HEAD~1 && (cd /tmp/before && mvn -B -q package -DskipTests)
#   bench/read-ab.sh /tmp/before/ear/target/erp-session.ear        # ~10 min
#   bench/read-ab.sh /tmp/before                                   # the earlier server too
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need wrk wrk
before_arg=${1:?usage: bench/read-ab.sh BEFORE.ear|BEFORE-CHECKOUT}
before_root=
if [ -d "$before_arg" ]; then
  before_root=$(cd "$before_arg" && pwd)
  before_ear=$before_root/ear/target/erp-session.ear
  [ -f "$before_ear" ] || { echo "$before_root is not built: mvn -B -q package -DskipTests there" >&2; exit 1; }
else
  before_ear=$before_arg
fi
duration=${DURATION:-15s}
rounds=${ROUNDS:-5}
max_warmup=${MAX_WARMUP:-12}
warm_duration=${WARM_DURATION:-10s}
before=http://127.0.0.1:8080
after=http://127.0.0.1:8280
work=$(mktemp -d)
pids=()

build_if_needed
before_dir=${before_root:-$root}/run/bench-before
trap 'status=$?; for pid in "${pids[@]}"; do stop_node "$pid"; done; remove_node_dirs "$status" "${before_dir:?}" "${root:?}/run/bench-after"; rm -rf "$work"' EXIT
rm -rf "${before_dir:?}" "${root:?}/run/bench-after"
if [ -n "$before_root" ]; then
  # The earlier checkout's own server, with its EAR.
  ERP_NODE=bench-before "$before_root/scripts/run.sh" > "$work/before.log" 2>&1 &
  pids+=($!)
else
  # The earlier EAR, deployed under the product's name (the session store's tables are named
  # after the deployment) into a node started without one.
  ERP_NODE=bench-before ERP_DEPLOY=false "$root/scripts/run.sh" > "$work/before.log" 2>&1 &
  pids+=($!)
  wait_begin
  until grep -qE 'WFLYSRV0025|WFLYSRV0026' "$before_dir/log/server.log" 2>/dev/null; do
    kill -0 "${pids[0]}" 2>/dev/null || { echo "the node for the earlier EAR ended" >&2; exit 1; }
    wait_note "the node for the earlier EAR to start"
    sleep 1
  done
  "$home/bin/jboss-cli.sh" -c --controller=127.0.0.1:9990 \
    --command="deploy $before_ear --name=erp-session.ear" > /dev/null
fi
await_health "$before" "${pids[0]}"
start_node "$after" "$work/after.log" ERP_NODE=bench-after ERP_PORT_OFFSET=200
pids+=("$node_pid")
sign_in_many "$before" demo demo 64 | cut -f1 > "$work/before.cookies"
sign_in_many "$after" demo demo 64 | cut -f1 > "$work/after.cookies"

rate() { # before|after|before-health|after-health seconds
  local figures side=${1%-health}
  if [ "$side" = "$1" ]; then
    figures=$(wrk_figures -t2 -c64 -d"$2" -s "$root/bench/sessions.lua" "${!side}/api/session" -- "$work/$side.cookies")
  else
    figures=$(wrk_figures -t2 -c64 -d"$2" "${!side}/api/health")
  fi
  [ "${figures##*|}" = 0 ] || { echo "$1: ${figures##*|} errors or non-2xx answers" >&2; exit 1; }
  echo "${figures%%|*}"
}

start_rounds read-ab
warm_jvms="$(jvm_of "${pids[0]}") $(jvm_of "${pids[1]}")"
warm_up rate "$warm_duration" "$max_warmup" before after before-health after-health
measure_rounds rate "$duration" "$rounds" before after before-health after-health
ratio=$(median_ratio after before)
health_ratio=$(median_ratio after-health before-health)
{
  echo "# One read-path step: GET /api/session after against before"
  echo
  provenance
  if [ -n "$before_root" ]; then
    echo "- before: the checkout $before_root at $(git -C "$before_root" rev-parse --short HEAD), its own server and EAR; after: the working tree's"
  else
    echo "- before: $(basename "$before_ear") ($(stat -c %y "$before_ear" | cut -d. -f1)); after: the working tree's EAR"
  fi
  echo "- two nodes of scripts/run.sh side by side (H2 each), 64 sessions each, wrk -t2 -c64, one node under load at a time"
  echo "- $(warm_up_note "$warm_duration" "$max_warmup")"
  echo "- $rounds rounds of $duration, sides interleaved (the first changes every round)"
  echo
  rounds_table before after before-health after-health
  echo
  echo "Median of the rounds' after/before ratios: **$ratio** for GET /api/session (median rates: before $(median_rate before), after $(median_rate after) req/s);"
  echo "$health_ratio for GET /api/health (before $(median_rate before-health), after $(median_rate after-health) req/s)."
  echo
  echo "![rates over the rounds, warm-up included](read-ab.png)"
} > "$results/read-ab.md"
plot_rounds "Read path: after against before"
cat "$results/read-ab.md"
