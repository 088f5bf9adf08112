#!/usr/bin/env bash
# What the session store costs: two independent nodes of scripts/run.sh side by side (H2 each,
# their own data directories run/bench-store-*, removed at the end): :8080 with
# erp.session.persistence=database (the default) and :8280 with memory. wrk -t2 -c64 on one node
# at a time, the sides alternated (which goes first changes every round):
# - session read: GET /api/session spread over 64 sessions per node. Target: database/memory ≥ 0.95
#   (a read writes nothing to the database before its answer; its new access time reaches the
#   store behind it, at most once per erp.device.activity-resolution: AccessTimeWriteCoalescing);
# - custom-data write: PUT /api/session/data/kN over the same sessions; measured and explained.
# Beside the rates, each round measures the server's CPU time per request (utime + stime of the
# JVM, /proc): on these 2 cores it says what the store costs even while the JIT still warms up,
# and the CPU per thread group (request threads, the store's blocking threads, GC, ...) says where.
# Warm-up rounds of WARM_DURATION (15s) per side until each side's rate agrees with its previous
# round within 5 % (at most MAX_WARMUP, default 20), then ROUNDS (default 5) rounds of DURATION
# (default 20s; both durations in seconds); the figures are the medians of the rounds' ratios. Writes
# bench/results/store-cost.md.
#   bench/store-cost.sh                                       # ~20 min
#   DURATION=3s ROUNDS=1 MAX_WARMUP=1 WARM_DURATION=2s bench/store-cost.sh   # a smoke run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need wrk wrk
duration=${DURATION:-20s}
rounds=${ROUNDS:-5}
max_warmup=${MAX_WARMUP:-20}
warm_duration=${WARM_DURATION:-15s}
durable=http://127.0.0.1:8080
volatile=http://127.0.0.1:8280
work=$(mktemp -d)
servers=()

stop_all() {
  local status=$?
  for pid in "${servers[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${servers[@]}"; do wait "$pid" 2>/dev/null || true; done
  remove_node_dirs "$status" "${root:?}/run/bench-store-database" "$root/run/bench-store-memory"
  rm -rf "$work"
}
trap stop_all EXIT
# Once, before the two starts: each scripts/run.sh builds when a source is newer than the EAR, and
# two builds at once in one target directory left neither node up within 180 s.
build_if_needed
rm -rf "${root:?}/run/bench-store-database" "$root/run/bench-store-memory"
ERP_NODE=bench-store-database "$root/scripts/run.sh" > /dev/null 2>&1 &
servers+=($!)
ERP_NODE=bench-store-memory ERP_PORT_OFFSET=200 ERP_SESSION_PERSISTENCE=memory \
  "$root/scripts/run.sh" > /dev/null 2>&1 &
servers+=($!)
await_health "$durable" "${servers[0]}"
await_health "$volatile" "${servers[1]}"

for side in durable volatile; do
  sign_in_many "${!side}" demo demo 64 > "$work/$side.sessions"
  cut -f1 "$work/$side.sessions" > "$work/$side.cookies"
done

# CPU ticks (1/100 s) used so far by each thread group of a JVM ("name<TAB>ticks", digits in
# thread names folded: "default task-N"), and a line "total<TAB>ticks" for the whole process
# (which also counts threads that have ended).
cpu_ticks() { # pid
  local t
  for t in /proc/"$1"/task/*; do
    printf '%s\t%s\n' "$(tr -d '\n' 2> /dev/null < "$t/comm")" \
      "$(cut -d')' -f2- "$t/stat" 2> /dev/null | awk '{print $12 + $13}')"
  done | awk -F'\t' '$2 != "" {g = $1; gsub(/[0-9]+/, "N", g); s[g] += $2} END {for (g in s) print g "\t" s[g]}'
  printf 'total\t%s\n' "$(process_cpu_ticks "$1")"
}
# One round on one side: "req/s|CPU µs per request"; the CPU per request of each thread group is
# appended to $work/SIDE.KIND.cpu ("group<TAB>µs", the whole process as "total").
rate() { # side kind seconds
  local url=${!1} figures jvm before after requests per_request
  jvm=$(jvm_of "${servers[$([ "$1" = durable ] && echo 0 || echo 1)]}")
  before=$(cpu_ticks "$jvm")
  if [ "$2" = read ]; then
    figures=$(wrk_figures -t2 -c64 -d"$3" -s "$root/bench/sessions.lua" "$url/api/session" -- "$work/$1.cookies")
  else
    figures=$(wrk_figures -t2 -c64 -d"$3" -s "$root/bench/write.lua" "$url/api/session/data/k" -- "$work/$1.sessions")
  fi
  after=$(cpu_ticks "$jvm")
  [ "${figures##*|}" = 0 ] || { echo "$1 $2: ${figures##*|} errors or non-2xx answers" >&2; exit 1; }
  requests=$(awk -v r="${figures%%|*}" -v d="${3%s}" 'BEGIN {print r * d}')
  # A tick is 10 ms: µs per request = ticks * 10,000 / requests.
  per_request=$(awk -F'\t' -v n="$requests" 'NR == FNR {b[$1] = $2; next}
    {printf "%s\t%.1f\n", $1, ($2 - b[$1]) * 10000 / n}' <(echo "$before") <(echo "$after"))
  echo "$per_request" >> "$work/$1.$2.cpu"
  echo "${figures%%|*}|$(awk -F'\t' '$1 == "total" {print $2}' <<< "$per_request")"
}
# The per-request CPU of the thread groups that use at least 1 µs on either side, as table rows
# "| group | database | memory | difference |", the largest difference first; medians over the
# measured rounds (the files hold the warm-up rounds first, so only the last ROUNDS lines count).
cpu_table() { # kind
  local side
  for side in durable volatile; do
    awk -F'\t' -v side="$side" '{print side "\t" $0}' "$work/$side.$1.cpu"
  done | awk -F'\t' -v rounds="$rounds" '
    {n[$1 FS $2]++; v[$1 FS $2, n[$1 FS $2]] = $3; groups[$2] = 1}
    function median(key,   m, i, a, k, t) {
      m = n[key]; if (m == 0) return 0
      k = 0; for (i = (m > rounds ? m - rounds + 1 : 1); i <= m; i++) a[++k] = v[key, i]
      for (i = 1; i <= k; i++) for (t = i + 1; t <= k; t++) if (a[t] < a[i]) {x = a[i]; a[i] = a[t]; a[t] = x}
      return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
    }
    END {
      for (g in groups) {
        d = median("durable" FS g); m = median("volatile" FS g)
        if (d >= 1 || m >= 1) printf "%.1f\t| %s | %.1f | %.1f | %+.1f |\n", (g == "total") ? 1e9 : d - m, g, d, m, d - m
      }
    }' | sort -t$'\t' -k1,1 -g -r | cut -f2
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }
# Every round's rate, for the plot (lib.sh: results/store-cost.rounds.tsv and .png).
start_rounds store-cost
record() { # phase round kind database memory ("req/s|µs" each)
  printf '%s\t%s\tdatabase-%s\t%s\n%s\t%s\tmemory-%s\t%s\n' \
    "$1" "$2" "$3" "${4%|*}" "$1" "$2" "$3" "${5%|*}" >> "$rounds_tsv"
}
rows=()
for kind in read write; do
  previous_d= previous_v= warmed=no
  for warm in $(seq "$max_warmup"); do
    d=$(rate durable "$kind" "$warm_duration")
    v=$(rate volatile "$kind" "$warm_duration")
    echo "warm-up $kind $warm: database ${d%|*} req/s, memory ${v%|*} req/s" >&2
    record warm-up "$warm" "$kind" "$d" "$v"
    if [ -n "$previous_d" ] && agree "${d%|*}" "$previous_d" && agree "${v%|*}" "$previous_v"; then
      warmed="yes, after $warm rounds"
      break
    fi
    previous_d=${d%|*} previous_v=${v%|*}
  done
  [ "$warmed" != no ] || warmed="no: the cap of $max_warmup rounds was reached"
  printf -v "warmed_$kind" '%s' "$warmed"
  ratios=() cpu_ratios=()
  for round in $(seq "$rounds"); do
    if [ $((round % 2)) = 1 ]; then
      d=$(rate durable "$kind" "$duration"); v=$(rate volatile "$kind" "$duration")
    else
      v=$(rate volatile "$kind" "$duration"); d=$(rate durable "$kind" "$duration")
    fi
    record measured "$round" "$kind" "$d" "$v"
    ratios+=("$(ratio "${d%|*}" "${v%|*}")")
    # CPU per request, memory / database: below 1 when the store costs CPU.
    cpu_ratios+=("$(ratio "${v#*|}" "${d#*|}")")
    rows+=("$kind|$round|${d%|*}|${v%|*}|${ratios[-1]}|${d#*|}|${v#*|}|${cpu_ratios[-1]}")
    echo "$kind round $round: database ${d%|*} req/s, memory ${v%|*} req/s, ratio ${ratios[-1]}; CPU per request ${d#*|} / ${v#*|} µs" >&2
  done
  printf -v "median_$kind" '%s' "$(median "${ratios[@]}")"
  printf -v "cpu_median_$kind" '%s' "$(median "${cpu_ratios[@]}")"
done

{
  echo "# What the session store costs: database against memory"
  echo
  provenance
  echo "- two nodes of scripts/run.sh side by side (H2 each): erp.session.persistence=database and"
  echo "  =memory; wrk -t2 -c64 -d$duration on one at a time, sides alternated, 64 sessions each;"
  echo "  warm-up rounds of $warm_duration until each side's rate agrees with its previous round within"
  echo "  5 % (read: $warmed_read; write: $warmed_write); $rounds rounds; medians of the rounds' ratios."
  echo "- CPU: the JVM's utime + stime per request (/proc), so µs of the 2 cores a request costs."
  echo
  echo "| kind | round | database req/s | memory req/s | database/memory | database CPU µs/request | memory CPU µs/request | memory/database CPU |"
  echo "|---|---|---|---|---|---|---|---|"
  for row in "${rows[@]}"; do
    IFS='|' read -r k r d v q dc vc cq <<< "$row"
    echo "| $k | $r | $d | $v | $q | $dc | $vc | $cq |"
  done
  echo
  echo "Session read, database/memory: **$median_read** (target ≥ 0.95); CPU per request, memory/database: $cpu_median_read."
  echo "Custom-data write, database/memory: **$median_write** (measured; see bench/README.md); CPU per request, memory/database: $cpu_median_write."
  for kind in read write; do
    echo
    echo "Where the CPU per $kind request goes (µs, medians of the measured rounds; thread groups of 1 µs or more):"
    echo
    echo "| thread group | database | memory | difference |"
    echo "|---|---|---|---|"
    cpu_table "$kind"
  done
} > "$results/store-cost.md"
start_figures store-cost
figure store-cost "session read, database / memory" "$median_read" "≥ 0.95" "$(at_least "$median_read" 0.95)"
figure store-cost "session read, CPU per request, memory / database" "$cpu_median_read" "-" "-"
figure store-cost "custom-data write, database / memory" "$median_write" "-" "-"
plot_rounds "Session store cost"
cat "$results/store-cost.md"
