#!/usr/bin/env bash
# Capacity: heap bytes per idle signed-in session on each node of a two-node cluster (every node
# holds a copy: two owners), at 10,000 and then 100,000 sessions, with 1 GiB heaps. Sessions are
# signed in through the balancer by bench users made with a cheap Argon2id cost (so that 100,000
# logins take minutes, not hours); heap is measured after a full GC (jcmd GC.run), against the
# same measurement before the first session. Target: ≤ 2 KiB per session per copy, and the
# 100,000 run completes. Writes bench/results/capacity.md; stops the cluster.
#   bench/capacity.sh                               # ~10 min
#   STEPS="500 1000" bench/capacity.sh              # a smoke run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
steps=${STEPS:-"10000 100000"}
base=http://127.0.0.1:8080
users=${USERS:-100}
password="bench password"

export ERP_PASSWORD_ARGON2_MEMORY_KIB=8 ERP_PASSWORD_ARGON2_ITERATIONS=1
export JBOSS_JAVA_SIZING="-Xms1g -Xmx1g"
"$root/scripts/cluster.sh" up 2
trap '"$root/scripts/cluster.sh" down > /dev/null' EXIT

create_users "$base" bench "$users" "$password"
# Warm up the login path, then forget those sessions' weight by measuring the base after them.
java "$root/bench/CreateSessions.java" "$base" 200 "$users" bench "$password" > /dev/null

pid1=$(cat "$root/run/cluster/node1.pid"); pid2=$(cat "$root/run/cluster/node2.pid")
base1=$(heap_after_gc_kib "$pid1"); base2=$(heap_after_gc_kib "$pid2")
rows=()
made=200
for target in $steps; do
  echo "signing in sessions up to $target..."
  created=$(java "$root/bench/CreateSessions.java" "$base" $((target - made + 200)) "$users" bench "$password" 8)
  made=$((target + 200))
  used1=$(heap_after_gc_kib "$pid1"); used2=$(heap_after_gc_kib "$pid2")
  per1=$(awk -v u="$used1" -v b="$base1" -v n="$target" 'BEGIN {printf "%.0f", (u - b) * 1024 / n}')
  per2=$(awk -v u="$used2" -v b="$base2" -v n="$target" 'BEGIN {printf "%.0f", (u - b) * 1024 / n}')
  rows+=("$target|$((used1 / 1024))|$per1|$((used2 / 1024))|$per2|$created")
  echo "$target sessions: node1 $per1 B/session, node2 $per2 B/session ($created)"
done
{
  echo "# Capacity: heap per idle session"
  echo
  provenance
  echo "- scripts/cluster.sh up 2 with 1 GiB heaps (JBOSS_JAVA_SIZING), two owners: each node holds"
  echo "  every session; $users bench users with a cheap Argon2id cost; heap after a full GC"
  echo "  (jcmd GC.run) against the same before the first session (node1 $((base1 / 1024)) MiB, node2 $((base2 / 1024)) MiB)"
  echo
  echo "| sessions | node1 heap (MiB) | node1 bytes/session | node2 heap (MiB) | node2 bytes/session | logins |"
  echo "|---|---|---|---|---|---|"
  for row in "${rows[@]}"; do
    IFS='|' read -r n h1 p1 h2 p2 c <<< "$row"
    echo "| $n | $h1 | $p1 | $h2 | $p2 | $c |"
  done
  echo
  echo "Target: ≤ 2048 bytes per session per copy, and the 100,000 run completes with 1 GiB heaps."
} > "$results/capacity.md"
start_figures capacity
for row in "${rows[@]}"; do
  IFS='|' read -r n _ p1 _ p2 _ <<< "$row"
  worst=$((p1 > p2 ? p1 : p2))
  figure capacity "bytes per session per copy at $n" "$worst" "≤ 2048" "$(at_most "$worst" 2048)"
done
cat "$results/capacity.md"
