#!/usr/bin/env bash
# Where a two-node session write's CPU goes, for session-write's misses (bench/README.md): JFR
# profiles of node1 and node2 of `scripts/cluster.sh up 2` (H2 server) under wrk -t2 -c64 to
# node1 over 64 sessions, for the custom-data write (PUT /api/session/data/kN) and the company
# switch (PUT /api/session/companies). Warm-up rounds of WARM_DURATION (default 15s), each write
# in turn, until each agrees with its previous round within 5 % (at most MAX_WARMUP, 20); then one
# recording of DURATION (default 30s) per write on both nodes. Per write: its rate and each node's
# CPU per request in the last warm-up round (not recording: JFR's own cost is not in it), and
# node1's request threads broken down by step and library (bench/JfrBreakdown.java): the session's
# close after the answer is where WildFly sends what the request changed to the second owner. The
# nodes record stacks 256 frames deep and start with a one-second recording, as in
# profile-read.sh (JDK-8324241).
# Writes bench/results/profile-write.md; the recordings stay in run/profile-write-*.jfr. A profile,
# not a figure: not in bench/run.sh.
#   bench/profile-write.sh                                 # ~15 min
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need wrk wrk
need jcmd openjdk-17-jdk-headless
duration=${DURATION:-30s}
max_warmup=${MAX_WARMUP:-20}
warm_duration=${WARM_DURATION:-15s}
settings=${SETTINGS:-profile}
node1=http://127.0.0.1:8180
work=$(mktemp -d)

build_if_needed
rm -f "$root"/run/profile-write-*.jfr
# Every process of cluster.sh takes these JVM options; the balancer's one-second recording is idle.
JBOSS_JAVA_SIZING="-Xms64m -Xmx512m -XX:FlightRecorderOptions=stackdepth=256 -XX:StartFlightRecording=name=boot,duration=1s" \
  "$root/scripts/cluster.sh" up 2
trap '"$root/scripts/cluster.sh" down > /dev/null; rm -rf "$work"' EXIT
jvm1=$(cat "$root/run/cluster/node1.pid")
jvm2=$(cat "$root/run/cluster/node2.pid")
sign_in_many "$node1" demo demo 64 > "$work/sessions"

# One measurement of WRITE (data or switch) for SECONDS: its req/s (fails on any error or non-2xx
# answer). The nodes' CPU per request goes to $work/cpu-WRITE (it runs in a subshell).
rate() { # write seconds
  local script path figures before1 before2 rate seconds
  case $1 in
    data) script=write.lua path=/api/session/data/k ;;
    switch) script=switch.lua path=/api/session/companies ;;
  esac
  before1=$(process_cpu_ticks "$jvm1") before2=$(process_cpu_ticks "$jvm2")
  figures=$(wrk_figures -t2 -c64 -d"$2" -s "$root/bench/$script" "$node1$path" -- "$work/sessions")
  [ "${figures##*|}" = 0 ] || { echo "$1: ${figures##*|} errors or non-2xx answers" >&2; exit 1; }
  rate=${figures%%|*}
  seconds=${2%s}
  awk -v r="$rate" -v s="$seconds" -v a="$(($(process_cpu_ticks "$jvm1") - before1))" -v b="$(($(process_cpu_ticks "$jvm2") - before2))" \
    'BEGIN {printf "%.0f µs of node1'"'"'s CPU and %.0f of node2'"'"'s per request", a * 10000 / (r * s), b * 10000 / (r * s)}' \
    > "$work/cpu-$1"
  echo "$rate"
}
rounds_bench=profile-write
rounds_tsv="$work/rounds.tsv" # the warm-up's rates, for the page only
warm_jvms="$jvm1 $jvm2"
warm_up rate "$warm_duration" "$max_warmup" data switch
declare -A warm cpu
for write in data switch; do
  warm[$write]=$(awk -F'\t' -v w="$write" '$3 == w {r = $4} END {print r}' "$rounds_tsv")
  cpu[$write]=$(cat "$work/cpu-$write")
done

declare -A recorded
for write in data switch; do
  for jvm in "$jvm1" "$jvm2"; do
    jcmd "$jvm" JFR.start name=profile-write settings="$settings" \
      filename="$root/run/profile-write-$write-$([ "$jvm" = "$jvm1" ] && echo node1 || echo node2).jfr" > /dev/null
  done
  recorded[$write]=$(rate "$write" "$duration")
  for jvm in "$jvm1" "$jvm2"; do jcmd "$jvm" JFR.stop name=profile-write > /dev/null; done
done

title() { [ "$1" = data ] && echo "the custom-data write (PUT /api/session/data/kN)" || echo "the company switch (PUT /api/session/companies)"; }
{
  echo "# Where the CPU of a two-node session write goes"
  echo
  provenance
  echo "- scripts/cluster.sh up 2 (H2 server, durable sessions), wrk -t2 -c64 to node1 over 64 sessions"
  echo "- $(warm_up_note "$warm_duration" "$max_warmup")"
  echo
  echo "| write | req/s, last warm-up round | CPU per request there | req/s while recording |"
  echo "|---|---|---|---|"
  for write in data switch; do
    echo "| $(title "$write") | ${warm[$write]} | ${cpu[$write]} | ${recorded[$write]} |"
  done
  for write in data switch; do
    echo
    echo "## $(title "$write"): node1's request threads"
    echo
    java "$root/bench/JfrBreakdown.java" "$root/run/profile-write-$write-node1.jfr" | head -1 \
      | awk -v s="$settings" -v d="$duration" -v w="$write" -v r="${recorded[$write]}" '{printf "JFR (settings=%s) for %s, run/profile-write-%s-node1.jfr: %.1f samples per 1,000 requests.\n", s, d, w, $1 * 1000 / (r * d)}'
    echo
    java "$root/bench/JfrBreakdown.java" "$root/run/profile-write-$write-node1.jfr" | tail -n +2
  done
} > "$results/profile-write.md"
cat "$results/profile-write.md"
