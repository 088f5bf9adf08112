#!/usr/bin/env bash
# Where a read's CPU goes, for the read-path steps of bench/README.md: a JFR profile of one node
# (scripts/run.sh, H2, demo data) under wrk -t2 -c64 on ENDPOINT (default /api/session) spread
# over 64 sessions. Warm-up rounds of WARM_DURATION (default 10s) until two agree within 5 % (at
# most MAX_WARMUP, 30), then one recording of DURATION (default 30s) with JFR's SETTINGS
# (default "profile"); the request threads' samples are broken down by step and by library
# (bench/JfrBreakdown.java). The node's JVM starts with a one-second JFR recording: on JDK 17 the
# first recording of a JVM's life throws away all of its compiled code (JDK-8324241), which had
# slowed the read fourfold for the whole recording when it came after the warm-up (1,782 req/s in
# the last warm-up round, 447 while recording). The page shows both rates. The JVM records stacks
# 256 frames deep (JFR's default, 64, cut a request thread's stack short of its root, and the
# outer frames went uncounted). The warm-up also waits for the JIT to go quiet (JIT_QUIET,
# default 100 methods a round): without it, it stopped on a plateau at a quarter of the warm rate
# (2026-12-05: 1,315 req/s after 4 rounds, 4,480 after 20).
# Writes bench/results/profile-read.md; the recording stays in run/profile-read.jfr for a closer
# look (jfr view hot-methods run/profile-read.jfr). A profile, not a figure: not in bench/run.sh.
# PORT_OFFSET (default 0) moves the node's ports, to profile beside other nodes.
# ERP_SESSION_PERSISTENCE=memory profiles a node with sessions in memory only (store-cost.sh's
# other side) into results/profile-read-memory.md and run/profile-read-memory.jfr instead.
#   bench/profile-read.sh                                  # ~7 min
#   ENDPOINT=/api/session/check bench/profile-read.sh
#   ERP_SESSION_PERSISTENCE=memory bench/profile-read.sh
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need wrk wrk
need jcmd openjdk-17-jdk-headless
endpoint=${ENDPOINT:-/api/session}
duration=${DURATION:-30s}
max_warmup=${MAX_WARMUP:-30}
warm_duration=${WARM_DURATION:-10s}
JIT_QUIET=${JIT_QUIET:-100}
offset=${PORT_OFFSET:-0}
base=http://127.0.0.1:$((8080 + offset))
persistence=${ERP_SESSION_PERSISTENCE:-database}
case "$persistence" in
  database) page=profile-read; sessions="durable sessions" ;;
  memory) page=profile-read-memory; sessions="sessions in memory only, erp.session.persistence=memory" ;;
  *) echo "ERP_SESSION_PERSISTENCE must be database or memory, not $persistence" >&2; exit 2 ;;
esac
recording="$root/run/$page.jfr"
settings=${SETTINGS:-profile}
work=$(mktemp -d)

build_if_needed
trap 'status=$?; stop_node "${node_pid:-}"; remove_node_dirs "$status" "${root:?}/run/bench-profile"; rm -rf "$work"' EXIT
rm -rf "${root:?}/run/bench-profile"
# JBOSS_JAVA_SIZING is the one JVM option setting of standalone.conf that keeps its other defaults.
start_node "$base" "$work/server.log" ERP_NODE=bench-profile ERP_PORT_OFFSET="$offset" \
  JBOSS_JAVA_SIZING="${JBOSS_JAVA_SIZING:--Xms64m -Xmx512m} -XX:FlightRecorderOptions=stackdepth=256 -XX:StartFlightRecording=name=boot,duration=1s,filename=$work/boot.jfr"
sign_in_many "$base" demo demo 64 | cut -f1 > "$work/cookies"

# The endpoint's rate for SECONDS (fails on any error or non-2xx answer).
rate() { # side seconds
  local figures
  figures=$(wrk_figures -t2 -c64 -d"$2" -s "$root/bench/sessions.lua" "$base$endpoint" -- "$work/cookies")
  [ "${figures##*|}" = 0 ] || { echo "${figures##*|} errors or non-2xx answers" >&2; exit 1; }
  echo "${figures%%|*}"
}
rounds_bench=profile-read
rounds_tsv="$work/rounds.tsv" # the warm-up's rates, for its note only
warm_jvms=$(jvm_of "$node_pid")
warm_up rate "$warm_duration" "$max_warmup" read

jvm=$(jvm_of "$node_pid")
rm -f "$recording"
jcmd "$jvm" JFR.start name=profile-read settings="$settings" filename="$recording" > /dev/null
recorded=$(rate read "$duration")
jcmd "$jvm" JFR.stop name=profile-read > /dev/null
{
  echo "# Where the CPU of GET $endpoint goes"
  echo
  provenance
  echo "- one node (scripts/run.sh, H2, $sessions), wrk -t2 -c64 over 64 sessions"
  echo "- $(warm_up_note "$warm_duration" "$max_warmup")"
  echo "- the last warm-up round: $(awk -F'\t' 'END {print $4}' "$rounds_tsv") req/s without JFR"
  echo "- then JFR (settings=$settings) for $duration at $recorded req/s; run/$page.jfr"
  echo
  java "$root/bench/JfrBreakdown.java" "$recording"
} > "$results/$page.md"
cat "$results/$page.md"
