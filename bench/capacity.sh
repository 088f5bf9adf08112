#!/usr/bin/env bash
# Capacity: heap bytes per idle signed-in session on each node of a two-node cluster (every node
# holds a copy: two owners), at 10,000 and then 100,000 sessions (or up to the count given, e.g. a
# million), then whether they all survive the loss of a node: a random sample is read through the
# balancer, node2 is killed with SIGKILL, and every session is read again through the balancer
# from the survivor. Sessions are signed in through the balancer by bench users made with a cheap
# Argon2id cost (so that 100,000 logins take minutes, not hours); heap is measured after a full GC
# (jcmd GC.run), against the same measurement before the first session. Sessions are held in
# memory (erp.session.persistence=memory, erp.session.max-in-memory=0: no bound), so the heap
# holds every one; PERSISTENCE=database MAX_IN_MEMORY=10000 measures durable sessions with the
# bound instead (whose upkeep slows logins as sessions pile up: bench/README.md). Heaps: 1 GiB up to 100,000 sessions, plus 4 KiB per session beyond (HEAP_MIB).
# Targets: ≤ 2 KiB per session per copy, and 0 sessions lost. Writes bench/results/capacity.md and,
# with gnuplot, capacity.png (bytes per session and login rate per step); stops the cluster.
#   bench/capacity.sh                               # ~15 min
#   bench/capacity.sh 1000000                       # a million: 1 h 18 min on 2026-12-07 (58 min of logins, 17 of reads; bench/README)
#   STEPS="500 1000" bench/capacity.sh              # a smoke run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
sessions=${1:-100000}
steps=${STEPS:-$(for n in 10000 100000 "$sessions"; do [ "$n" -le "$sessions" ] && echo "$n"; done | sort -nu | xargs)}
last=${steps##* }
base=http://127.0.0.1:8080
users=${USERS:-100}
password="bench password"
sample=${SAMPLE:-10000}
# Logins per second from CreateSessions.java's "created=N failed=M seconds=S".
login_rate() { # created-line
  echo "$1" | awk '{for (i = 1; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]} printf "%.0f", v["created"] / v["seconds"]}'
}

heap_mib=${HEAP_MIB:-$((last > 100000 ? 1024 + (last - 100000) * 4 / 1024 : 1024))}
export ERP_PASSWORD_ARGON2_MEMORY_KIB=8 ERP_PASSWORD_ARGON2_ITERATIONS=1
export JBOSS_JAVA_SIZING="-Xms${heap_mib}m -Xmx${heap_mib}m"
export ERP_SESSION_PERSISTENCE=${PERSISTENCE:-memory}
export ERP_SESSION_MAX_IN_MEMORY=${MAX_IN_MEMORY:-0}
# The first sessions must outlive the whole run (a million: about an hour of logins, 20 min of reads).
export ERP_SESSION_IDLE_TIMEOUT=PT6H
cookies=$(mktemp)
"$root/scripts/cluster.sh" up 2
trap '"$root/scripts/cluster.sh" down > /dev/null; rm -f "$cookies" "$cookies.sample" "$cookies.probe"' EXIT

create_users "$base" bench "$users" "$password"
# Warm up the login path, then forget those sessions' weight by measuring the base after them.
java "$root/bench/CreateSessions.java" "$base" 200 "$users" bench "$password" > /dev/null

pid1=$(cat "$root/run/cluster/node1.pid"); pid2=$(cat "$root/run/cluster/node2.pid")
base1=$(heap_after_gc_kib "$pid1"); base2=$(heap_after_gc_kib "$pid2")
rows=()
made=200
previous=0
for target in $steps; do
  echo "signing in sessions up to $target..."
  created=$(java "$root/bench/CreateSessions.java" "$base" $((target - made + 200)) "$users" bench "$password" 8 "$cookies")
  made=$((target + 200))
  used1=$(heap_after_gc_kib "$pid1"); used2=$(heap_after_gc_kib "$pid2")
  per1=$(awk -v u="$used1" -v b="$base1" -v n="$target" 'BEGIN {printf "%.0f", (u - b) * 1024 / n}')
  per2=$(awk -v u="$used2" -v b="$base2" -v n="$target" 'BEGIN {printf "%.0f", (u - b) * 1024 / n}')
  rows+=("$target|$((used1 / 1024))|$per1|$((used2 / 1024))|$per2|$created")
  echo "$target sessions: node1 $per1 B/session, node2 $per2 B/session ($created)"
  last_batch="$((target - previous))|$created"
  previous=$target
done
# Every session survives the loss of a node: read a sample, kill node2, read them all.
shuf -n "$sample" "$cookies" > "$cookies.sample"
head -n 100 "$cookies.sample" > "$cookies.probe"
echo "reading a sample of $(wc -l < "$cookies.sample") sessions through the balancer..."
before_kill=$(java "$root/bench/ReadSessions.java" "$base" "$cookies.sample" 8 || true)
echo "$before_kill"
kill -KILL "$pid2"
echo "node2 killed (SIGKILL); waiting for the balancer and node1 to serve 100 of the sample again..."
began=$SECONDS
until java "$root/bench/ReadSessions.java" "$base" "$cookies.probe" 8 > /dev/null 2>&1; do
  [ $((SECONDS - began)) -lt 300 ] || break
  sleep 2
done
recovered=$((SECONDS - began))
echo "reading all $(wc -l < "$cookies") sessions through the balancer..."
after_kill=$(java "$root/bench/ReadSessions.java" "$base" "$cookies" 8 || true)
echo "$after_kill"
stored=$(wc -l < "$cookies")
served_after=$(echo "$after_kill" | grep -o ' 200=[0-9]*' | cut -d= -f2 || true) # none: all lost
lost=$((stored - ${served_after:-0}))
survivor=$(heap_after_gc_kib "$pid1")

{
  echo "# Capacity: heap per idle session"
  echo
  provenance
  echo "- scripts/cluster.sh up 2, two owners: each node holds"
  echo "  every session; $users bench users with a cheap Argon2id cost; heap after a full GC"
  echo "  (jcmd GC.run) against the same before the first session (node1 $((base1 / 1024)) MiB, node2 $((base2 / 1024)) MiB)"
  echo "- heaps of $heap_mib MiB, erp.session.persistence=$ERP_SESSION_PERSISTENCE,"
  echo "  erp.session.max-in-memory=$ERP_SESSION_MAX_IN_MEMORY, idle timeout $ERP_SESSION_IDLE_TIMEOUT"
  echo
  echo "| sessions | node1 heap (MiB) | node1 bytes/session | node2 heap (MiB) | node2 bytes/session | logins |"
  echo "|---|---|---|---|---|---|"
  for row in "${rows[@]}"; do
    IFS='|' read -r n h1 p1 h2 p2 c <<< "$row"
    echo "| $n | $h1 | $p1 | $h2 | $p2 | $c |"
  done
  echo
  echo "Every session survives the loss of a node ($stored sessions):"
  echo
  echo "| step | answer |"
  echo "|---|---|"
  echo "| a random sample through the balancer, both nodes up | $before_kill |"
  echo "| node2 killed with SIGKILL; seconds until 100 of the sample were all served again (one pass over them included) | $recovered |"
  echo "| every session through the balancer, node1 alone | $after_kill |"
  echo "| sessions lost | $lost |"
  echo "| node1's heap after a full GC, alone (MiB) | $((survivor / 1024)) |"
  echo
  echo "Target: ≤ 2048 bytes per session per copy, the run completes, and 0 sessions lost."
  echo
  echo "![bytes per session and login rate per step](capacity.png)"
} > "$results/capacity.md"
start_figures capacity
for row in "${rows[@]}"; do
  IFS='|' read -r n _ p1 _ p2 _ <<< "$row"
  worst=$((p1 > p2 ? p1 : p2))
  figure capacity "bytes per session per copy at $n" "$worst" "≤ 2048" "$(at_most "$worst" 2048)"
done
rate=$(login_rate "${last_batch#*|}")
figure capacity "logins per second through the balancer, signing in the last ${last_batch%%|*} sessions" "$rate" "measured" "-"
figure capacity "sessions lost of $stored after a SIGKILL of node2" "$lost" "0" "$(at_most "$lost" 0)"
{
  printf 'sessions\tnode1 bytes/session\tnode2 bytes/session\tlogins/s, signing in the step\n'
  for row in "${rows[@]}"; do
    IFS='|' read -r n _ p1 _ p2 c <<< "$row"
    printf '%s\t%s\t%s\t%s\n' "$n" "$p1" "$p2" "$(login_rate "$c")"
  done
} | plot_table capacity "Capacity: heap per idle session per copy after a full GC, and each step's login rate" \
  "sessions signed in" "bytes per session per copy" "logins/s" logx
cat "$results/capacity.md"
