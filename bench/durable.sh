#!/usr/bin/env bash
# Durable sessions (README, "What survives what") on one node of scripts/run.sh with H2 (or
# PostgreSQL, below) and a data directory of its own (run/bench-durable, made afresh and removed
# at the end), 1 GiB heap, bench users with a cheap Argon2id cost (so that 100,000 logins take
# minutes):
# - Bounded memory: erp.session.max-in-memory=BOUND (1,000), erp.session.data.max-in-memory the
#   same. Every session stores DATA_BYTES
#   (1,024) of custom data right after its login, as a wizard would. Heap after a full GC with BOUND
#   sessions, then with MANY (50,000), every one of which is then read (GET /api/session and its
#   custom data, all must answer 200 with the value as written: those beyond the bound come from
#   the database). Target: the heap at MANY is at most the heap at BOUND plus 32 MiB (what does
#   not scale with sessions in memory: the store's queue, Hibernate's device cache, which is
#   bounded at 10,000 entries, JIT and pools); without a bound the custom data alone takes
#   more than that (50,000 values of 1 KiB). And the sessions whose state is in the heap (live
#   SessionState objects after a full GC) are at most BOUND, and so are the custom-data entries
#   (give or take a few: data_entries_in_heap), at MANY and after the reads: more fails the bench
#   (and CI's smoke run), and so does a heap beyond the target. Each heap is taken after SETTLE
#   (70) idle seconds (settled_heap_kib says why).
# - Restart recovery: SIGTERM, start again; seconds from the start of scripts/run.sh to the first
#   stored session served (a stored cookie answered 200), with RECOVERY (10,000 and 100,000)
#   sessions stored. After the last restart SAMPLE (5,000) stored sessions, spread evenly over
#   all, are read again (all of 100,000 would take half an hour here).
# - Write-behind lag at a crash: WRITERS (8) sessions store custom data one value after the other
#   (WritesUntilKilled.java) for KILL_AFTER (20) seconds, then the node is SIGKILLed; after a
#   restart, the values the store kept are compared with those acknowledged. The lag: from the
#   earliest acknowledged value lost to the kill (the README promises 2 s). A session lost fails
#   the bench.
# Writes bench/results/durable.md and, with gnuplot, durable.png (heap and restart time against the
# sessions stored).
#   bench/durable.sh                                                                # ~30 min
#   BOUND=50 MANY=300 RECOVERY=400 USERS=10 SETTLE=0 KILL_AFTER=4 bench/durable.sh  # a smoke run (SMOKE=1 bench/run.sh)
#   DATA_BYTES=0 TARGET_HEAPS_ONLY=1 RECOVERY=50000 SAMPLE=500 KILL_AFTER=4 bench/durable.sh  # .ci/run's (~10 min)
# TARGET_HEAPS_ONLY=1 takes only the two heaps the target compares (at BOUND, and at MANY after
# the reads: the sessions loaded back from the store), two settles of SETTLE s instead of four.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bound=${BOUND:-1000}
many=${MANY:-50000}
recovery=${RECOVERY:-"10000 100000"}
sample=${SAMPLE:-5000}
settle=${SETTLE:-70}
data_bytes=${DATA_BYTES:-1024}
users=${USERS:-100}
writers=${WRITERS:-8}
kill_after=${KILL_AFTER:-20}
target_heaps_only=${TARGET_HEAPS_ONLY:-}
password="bench password"
base=http://127.0.0.1:8080
node=bench-durable
# ERP_DB=postgresql (with ERP_DB_URL, ERP_DB_USER, ERP_DB_PASSWORD) runs it on PostgreSQL: an empty
# schema, as the bench creates its users.
database=$([ "${ERP_DB:-h2}" = postgresql ] && echo "PostgreSQL" || echo "H2 embedded")
cookies="$root/run/$node.cookies"
need jcmd openjdk-17-jdk-headless

export ERP_NODE=$node ERP_SESSION_MAX_IN_MEMORY=$bound ERP_SESSION_DATA_MAX_IN_MEMORY=$bound
export ERP_PASSWORD_ARGON2_MEMORY_KIB=8 ERP_PASSWORD_ARGON2_ITERATIONS=1
export JBOSS_JAVA_SIZING="-Xms1g -Xmx1g"

# Sessions signed in until COUNT are stored, their cookies appended to the cookie file.
sign_in_until() { # count
  local have
  have=$(wc -l < "$cookies")
  [ "$1" -gt "$have" ] || return 0
  echo "signing in sessions up to $1..." >&2
  java "$root/bench/CreateSessions.java" "$base" $(($1 - have)) "$users" bench "$password" 8 "$cookies" "$data_bytes"
}
# Reads every stored session and its custom data once (or every n-th: FILE of the cookies to
# read); prints the count per status (all must be 200).
read_all() { # [file]
  echo "reading $(wc -l < "${1:-$cookies}") stored sessions..." >&2
  java "$root/bench/ReadSessions.java" "$base" "${1:-$cookies}" 8 "$data_bytes" || true
}
# Sessions whose state the node's heap holds: live SessionState objects (the histogram runs a
# full GC first).
sessions_in_heap() { # jvm-pid
  jcmd "$1" GC.class_histogram | awk '$4 == "org.erp.sessions.core.SessionState" {n = $2} END {print n + 0}'
}
# Custom-data entries the node's heap holds: Infinispan entries with a lifespan (MortalCacheEntry),
# which of this service's caches only the custom data and two small ones have: node-stats (one
# entry per node) and rotated-session-ids (one per cookie in its rotation grace, none here).
data_entries_in_heap() { # jvm-pid
  jcmd "$1" GC.class_histogram | awk '$4 == "org.infinispan.container.entries.MortalCacheEntry" {n = $2} END {print n + 0}'
}
# Heap after a full GC once the node has been idle for SETTLE seconds (70): what a burst of
# requests leaves for a while, proportional to the recent request rate and not to the sessions
# stored, lapses first (Hibernate's pending puts of its second-level cache: 60 s idle).
settled_heap_kib() {
  sleep "$settle"
  heap_after_gc_kib "$(jvm_of "$node_pid")"
}
# The counts of what the heap holds wait for three sweeps of EvictedSessionRelease (every 5 s; it
# releases what two sweeps in a row found orphaned) and for the write-behind queue, which holds
# the values it has yet to write, to drain: right after a burst of sign-ins a few more than the
# bound are still held (52 of 50 once, in a smoke run).
release_settles() {
  [ "$settle" -ge 16 ] || sleep $((16 - settle))
}
all_served() { [[ "$1" == "read=$2 200=$2 "* ]] && echo yes || echo no; }
# Restarts the node; sets recovered_in to the seconds from the start to the first stored session
# served. Not in a subshell: it replaces the server.
restart_and_time() {
  local first began
  first=$(head -1 "$cookies")
  stop_node "$node_pid"
  began=$(date +%s.%N)
  "$root/scripts/run.sh" > /dev/null 2>&1 &
  node_pid=$!
  until [ "$(curl -s -m 5 -o /dev/null -w '%{http_code}' -H "Cookie: $first" "$base/api/session")" = 200 ]; do
    kill -0 "$node_pid" 2>/dev/null || { echo "the node ended before it served a session" >&2; return 1; }
    sleep 0.2
  done
  recovered_in=$(awk -v b="$began" -v e="$(date +%s.%N)" 'BEGIN {printf "%.1f", e - b}')
}

writes="$root/run/$node.writes"
rm -rf "${root:?}/run/$node" "$cookies" "$cookies.sample" "$writes"
trap 'status=$?; stop_node "${node_pid:-}"; remove_node_dirs "$status" "${root:?}/run/$node"; rm -f "$cookies" "$cookies.sample" "$writes"' EXIT
start_node "$base" /dev/null
create_users "$base" bench "$users" "$password"
# Warm up the login and read paths; their sessions are not counted (nor kept).
java "$root/bench/CreateSessions.java" "$base" 200 "$users" bench "$password" > /dev/null
: > "$cookies"
base_heap=$([ -n "$target_heaps_only" ] || settled_heap_kib)

sign_in_until "$bound" > /dev/null
heap_bound=$(settled_heap_kib)
recovery_rows=()
for target in $(printf '%s\n' $recovery "$many" | sort -n -u); do
  logins=$(sign_in_until "$target")
  if [ "$target" = "$many" ]; then
    if [ -n "$target_heaps_only" ]; then
      heap_many=
      sleep 16 # no settle: the release's sweeps and the write-behind queue still need their time
    else
      heap_many=$(settled_heap_kib)
    fi
    release_settles
    held_many=$(sessions_in_heap "$(jvm_of "$node_pid")")
    data_many=$(data_entries_in_heap "$(jvm_of "$node_pid")")
    read_many=$(read_all)
    heap_many_read=$(settled_heap_kib)
    release_settles
    held_many_read=$(sessions_in_heap "$(jvm_of "$node_pid")")
    data_many_read=$(data_entries_in_heap "$(jvm_of "$node_pid")")
  fi
  if [[ " $recovery " == *" $target "* ]]; then
    restart_and_time
    recovery_rows+=("$target|$recovered_in|$logins")
    echo "$target stored sessions: the first one served $recovered_in s after the start" >&2
  fi
done
stored=$(wc -l < "$cookies")
every=$(((stored + sample - 1) / sample))
awk -v n="$every" '(NR - 1) % n == 0' "$cookies" > "$cookies.sample"
read_after=$(read_all "$cookies.sample")
sampled=$(wc -l < "$cookies.sample")

echo "writing custom data for $kill_after s, then a SIGKILL..." >&2
java "$root/bench/WritesUntilKilled.java" write "$base" "$writers" "$users" bench "$password" "$writes" \
  > "$writes.out" &
writer=$!
until grep -q '^writing' "$writes.out" 2> /dev/null; do
  kill -0 "$writer" 2> /dev/null || { echo "the writers did not start: $(cat "$writes.out")" >&2; exit 1; }
  sleep 0.2
done
sleep "$kill_after"
# The time right before the signal, so that no write acknowledged before it counts as after it.
node_jvm=$(ps -o pid= --ppid "$node_pid" | tr -d ' ')
killed_at=$(date +%s%3N)
kill -KILL "$node_jvm"
stop_node "$node_pid"
wait "$writer" || { echo "the writers failed: $(cat "$writes.out")" >&2; exit 1; }
rm -f "$writes.out"
start_node "$base" /dev/null
lag_line=$(java "$root/bench/WritesUntilKilled.java" read "$base" "$writes" "$killed_at") \
  || { echo "FAILED: a session written to until the crash is gone: $lag_line" >&2; exit 1; }
echo "after the SIGKILL: $lag_line" >&2
lag_field() { awk -v f="$1" '{for (i = 1; i <= NF; i++) {split($i, kv, "="); if (kv[1] == f) print kv[2]}}' <<< "$lag_line"; }
stop_node "$node_pid"
node_pid=

growth_read=$(((heap_many_read - heap_bound) / 1024))
growth=$([ -z "$heap_many" ] && echo "$growth_read" || echo $(((heap_many - heap_bound) / 1024)))
# MiB of a heap in KiB, or NONE (default "not taken") for a heap not taken (TARGET_HEAPS_ONLY).
mib() { # kib [none]
  [ -n "$1" ] && echo $(($1 / 1024)) || echo "${2:-not taken}"
}
# A count of custom-data entries, or "-" without custom data (only node-stats' few are counted then).
data_cell() { [ "$data_bytes" -gt 0 ] && echo "$1" || echo "-"; }
{
  echo "# Durable sessions: bounded memory and restart recovery"
  echo
  provenance
  echo "- one node (scripts/run.sh, $database), 1 GiB heap, erp.session.max-in-memory and"
  echo "  erp.session.data.max-in-memory $bound,"
  echo "  $users bench users with a cheap Argon2id cost; heap after a full GC (jcmd GC.run);"
  echo "  before the first counted session: $(mib "$base_heap")"
  echo
  if [ "$data_bytes" -gt 0 ]; then
    echo "Every session stored $data_bytes bytes of custom data (key \`bench\`) right after its login."
  else
    echo "No custom data (DATA_BYTES=0): the sessions alone."
  fi
  echo
  echo "| sessions stored | heap (MiB) | sessions held in the heap | custom-data entries held in the heap |"
  echo "|---|---|---|---|"
  echo "| $bound (the bound) | $((heap_bound / 1024)) | | |"
  echo "| $many | $(mib "$heap_many") | $held_many | $(data_cell "$data_many") |"
  echo "| $many, after reading each once | $((heap_many_read / 1024)) | $held_many_read | $(data_cell "$data_many_read") |"
  echo
  echo "Reading each of the $many sessions (GET /api/session$([ "$data_bytes" -eq 0 ] || echo " and GET /api/session/data/bench, the value as written")): $read_many"
  echo
  echo "Target: the heap at $many at most the heap at $bound plus 32 MiB:"
  if [ -n "$heap_many" ]; then
    echo "$growth MiB more ($growth_read MiB after the reads)."
  else
    echo "$growth_read MiB more after the reads (before them not taken: TARGET_HEAPS_ONLY)."
  fi
  echo
  echo "| sessions stored | seconds from start to the first stored session served | logins |"
  echo "|---|---|---|"
  for row in "${recovery_rows[@]}"; do
    IFS='|' read -r n s l <<< "$row"
    echo "| $n | $s | $l |"
  done
  echo
  echo "After the last restart, $sampled of the $stored stored sessions (every ${every}th) read again: $read_after"
  echo
  echo "Write-behind lag at a crash: $writers sessions each stored custom data, one value after the other,"
  echo "for $kill_after s; then a SIGKILL and a start. Of $(lag_field writes) acknowledged writes, $(lag_field lost) were lost"
  echo "(sessions lost: $(lag_field lost_sessions)); the earliest of them was answered $(lag_field lag_ms) ms before the kill."
  echo
  echo "![heap and restart time against the sessions stored](durable.png)"
} > "$results/durable.md"
start_figures durable
figure durable "of $many sessions, answered 200 (beyond the bound: from the database)" \
  "$(awk '{for (i = 1; i <= NF; i++) if ($i ~ /^200=/) {sub(/200=/, "", $i); print $i}}' <<< "$read_many")" \
  "$many" "$(all_served "$read_many" "$many")"
figure durable "of $sampled of $stored sessions after the last restart, answered 200" \
  "$(awk '{for (i = 1; i <= NF; i++) if ($i ~ /^200=/) {sub(/200=/, "", $i); print $i}}' <<< "$read_after")" \
  "$sampled" "$(all_served "$read_after" "$sampled")"
held=$((held_many > held_many_read ? held_many : held_many_read))
figure durable "sessions held in the heap at $many (most of: stored, read)" "$held" "≤ $bound" "$(at_most "$held" "$bound")"
data_held=$((data_many > data_many_read ? data_many : data_many_read))
data_limit=$((bound + 16)) # the few entries of node-stats and rotated-session-ids
# Without custom data (DATA_BYTES=0) the count holds only those few: no figure, no check.
[ "$data_bytes" -eq 0 ] \
  || figure durable "custom-data entries held in the heap at $many (most of: stored, read)" "$data_held" "≤ $data_limit" "$(at_most "$data_held" "$data_limit")"
worst=$((growth > growth_read ? growth : growth_read))
figure durable "heap MiB beyond $bound sessions at $many" "$worst" "≤ 32" "$(at_most "$worst" 32)"
for row in "${recovery_rows[@]}"; do
  IFS='|' read -r n s _ <<< "$row"
  figure durable "seconds to first session, $n stored" "$s" "-" "-"
done
figure durable "write-behind lag at a SIGKILL under $writers writers (ms from the earliest lost acknowledged write to the kill)" \
  "$(lag_field lag_ms)" "≤ 2000" "$(at_most "$(lag_field lag_ms)" 2000)"
{
  printf 'sessions stored\theap MiB\theap MiB after reading each\tseconds from start to the first stored session served\n'
  {
    printf '%s\t%s\t?\t?\n' "$bound" "$((heap_bound / 1024))"
    printf '%s\t%s\t%s\t?\n' "$many" "$(mib "$heap_many" '?')" "$((heap_many_read / 1024))"
    for row in "${recovery_rows[@]}"; do
      IFS='|' read -r n s _ <<< "$row"
      printf '%s\t?\t?\t%s\n' "$n" "$s"
    done
  } | sort -n
} | plot_table durable "Durable sessions: heap after a full GC with a bound of $bound, and restart time" \
  "sessions stored" "heap after a full GC (MiB)" "seconds to the first stored session served" logx
cat "$results/durable.md"
# Not figures but correctness: a stored session that does not answer fails the bench (and CI's smoke run).
[ "$(all_served "$read_many" "$many")" = yes ] && [ "$(all_served "$read_after" "$sampled")" = yes ] \
  || { echo "FAILED: stored sessions that did not answer 200 (above)" >&2; exit 1; }
[ "$held" -le "$bound" ] \
  || { echo "FAILED: $held sessions held in the heap, beyond erp.session.max-in-memory=$bound" >&2; exit 1; }
[ "$data_bytes" -eq 0 ] || [ "$data_held" -le "$data_limit" ] \
  || { echo "FAILED: $data_held custom-data entries held in the heap, beyond erp.session.data.max-in-memory=$bound (and $((data_limit - bound)) others)" >&2; exit 1; }
[ "$worst" -le 32 ] \
  || { echo "FAILED: the heap at $many sessions is $worst MiB beyond the heap at $bound, more than 32 MiB" >&2; exit 1; }
