# Shared by the bench scripts (sourced): where results go, and how figures are taken and written.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/harness.sh" # root, start_node, sign_in_line, provenance...
results="$root/bench/results"
mkdir -p "$results"

need() { # command package
  command -v "$1" > /dev/null || { echo "$1 is needed: apt-get install $2" >&2; exit 1; }
}

# The JVM that scripts/run.sh (the process with this pid) started.
jvm_of() { # run.sh-pid
  ps -o pid= --ppid "$1" | tr -d ' '
}

# Removes the run directories of nodes a bench started for itself (each run/NODE), as it ends.
# When it ends with STATUS other than 0, each node's server.log is kept first, in
# run/bench-logs/BENCH-NODE-TIME.log: a stall or an error is understood only from them.
remove_node_dirs() { # status dir...
  local status=$1 dir kept
  shift
  for dir in "$@"; do
    if [ "$status" != 0 ] && [ -f "$dir/log/server.log" ]; then
      kept="$root/run/bench-logs/$(basename "$0" .sh)-$(basename "$dir")-$(date -u +%Y%m%dT%H%M%SZ).log"
      mkdir -p "$root/run/bench-logs"
      cp "$dir/log/server.log" "$kept" && echo "the server log of $(basename "$dir") is kept in ${kept#"$root"/}" >&2
    fi
    rm -rf "$dir"
  done
}

# CPU ticks (user and system, 1/100 s) the process with this pid has used so far: the fields
# after the closing parenthesis of its name, which may hold spaces.
process_cpu_ticks() { # pid
  cut -d')' -f2- "/proc/$1/stat" | awk '{print $12 + $13}'
}

# Heap in use after a full GC, in KiB, of the JVM with this pid.
heap_after_gc_kib() {
  jcmd "$1" GC.run > /dev/null
  jcmd "$1" GC.heap_info | awk '/ used / {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); print v; exit}}'
}

# One wrk measurement as "req/s|p50|p99|non-2xx+socket errors". With errors, wrk's lines that
# say which (connect, read, write, timeout; non-2xx) go to standard error.
wrk_figures() { # wrk arguments...
  local result errors
  result=$(wrk --latency "$@")
  errors=$(echo "$result" | awk '/Non-2xx/ {e += $NF} /Socket errors/ {gsub(/,/, ""); e += $4 + $6 + $8 + $10} END {print e + 0}')
  [ "$errors" = 0 ] || echo "$result" | grep -E 'Socket errors|Non-2xx' >&2
  printf '%s|%s|%s|%s\n' \
    "$(echo "$result" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$result" | awk '$1 == "50%" {print $2}')" \
    "$(echo "$result" | awk '$1 == "99%" {print $2}')" \
    "$errors"
}

# Whether a warm-up round's rate A agrees with the previous round's B within 5 % (the warm-up's end).
agree() { # a b
  awk -v a="$1" -v b="$2" 'BEGIN {exit !(b > 0 && a / b >= 0.95 && a / b <= 1.05)}'
}

# The median of the numbers given as arguments, or read from standard input when none are given.
median() {
  { if [ $# -gt 0 ]; then printf '%s\n' "$@"; else cat; fi; } \
    | sort -g | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'
}

# Rounds: every rate a bench takes, "phase<TAB>round<TAB>side<TAB>req/s" in
# results/<bench>.rounds.tsv (phase warm-up or measured), for its table, its medians and its plot.
# A side is what a round measures (an endpoint, a node count...). A bench defines a function
# MEASURE that takes a side and a duration and prints one req/s figure.
start_rounds() { # bench
  rounds_bench=$1
  rounds_tsv="$results/$1.rounds.tsv"
  : > "$rounds_tsv"
}

# Warm-up rounds run every side once, so that the code they share warms for all of them, until
# each side's rate agrees with its previous round within 5 % in the same round (warmed one after
# the other, a side could stop on two rounds of a slow climb), at most MAX rounds. Rates alone
# can agree on a plateau while the JIT is still compiling: a read on one of this project's
# machines held ~1,150 req/s for four rounds of 10 s, then climbed to ~3,600 once C2 caught up
# (bench/README.md). With warm_jvms set (the pids of the JVMs under test) each round prints how
# many methods each JVM compiled in it (jstat -compiler), and with JIT_QUIET=N a round counts
# only if each compiled fewer than N. Off by default: no count tried yet separates the plateau
# from a warm JVM (100 to 400 per 10 s round even after 200 s under load). Leaves the number of
# rounds in warmed and yes/no in settled.
warm_jvms=""
warm_up() { # measure duration max sides...
  # No local named like a caller's variable: read-ab.sh's measure reads its nodes' URLs from
  # globals named after its sides (before, after), which locals of these names would shadow.
  local measure=$1 duration=$2 max=$3 side current all_agreed compiled_before compiled_after
  shift 3
  local -A previous=()
  settled=no
  for warmed in $(seq "$max"); do
    all_agreed=yes
    compiled_before=$(jit_compilations)
    for side in "$@"; do
      current=$("$measure" "$side" "$duration")
      printf 'warm-up\t%s\t%s\t%s\n' "$warmed" "$side" "$current" >> "$rounds_tsv"
      agree "$current" "${previous[$side]:-0}" || all_agreed=no
      previous[$side]=$current
    done
    if [ -n "$warm_jvms" ]; then
      compiled_after=$(jit_compilations)
      echo "warm-up round $warmed: methods compiled per JVM: $compiled_before-> $compiled_after" >&2
      [ -z "${JIT_QUIET:-}" ] || jit_quiet "$compiled_before" "$compiled_after" || all_agreed=no
    fi
    [ "$all_agreed" = yes ] && { settled=yes; return 0; }
  done
  return 0 # not settled: the page says so
}

# The methods each JVM of warm_jvms has compiled so far, space-separated (jstat -compiler).
jit_compilations() {
  local jvm
  need jstat openjdk-17-jdk-headless
  for jvm in $warm_jvms; do
    jstat -compiler "$jvm" | awk 'NR == 2 {printf "%s ", $1}'
  done
}

# Whether every JVM compiled fewer than JIT_QUIET methods between two jit_compilations.
jit_quiet() { # before after
  awk -v b="$1" -v a="$2" -v quiet="$JIT_QUIET" 'BEGIN {
    n = split(b, before, " "); split(a, after, " ")
    for (i = 1; i <= n; i++) if (after[i] - before[i] >= quiet) exit 1
  }'
}

# COUNT measured rounds of every side, interleaved: the side that goes first changes every round.
measure_rounds() { # measure duration count sides...
  local measure=$1 duration=$2 count=$3 round i side rate
  shift 3
  local sides=("$@")
  for round in $(seq "$count"); do
    for i in "${!sides[@]}"; do
      side=${sides[$(((i + round - 1) % ${#sides[@]}))]}
      rate=$("$measure" "$side" "$duration") # on its own: a failed measurement ends the bench
      printf 'measured\t%s\t%s\t%s\n' "$round" "$side" "$rate" >> "$rounds_tsv"
    done
  done
}

# The warm-up line of a results file.
warm_up_note() { # duration max
  echo "warm-up: $warmed rounds of $1 per side, every side in each round, until each agreed with its previous round within 5 %$([ -n "$warm_jvms" ] && [ -n "${JIT_QUIET:-}" ] && echo " and the JIT compiled fewer than $JIT_QUIET methods per JVM in the round") (at most $2 rounds; $([ "$settled" = yes ] && echo "settled" || echo "**not settled**: the figures may still climb"))"
}

# The median over the measured rounds of the ratio A/B of each round.
median_ratio() { # side-a side-b
  awk -F'\t' -v a="$1" -v b="$2" '$1 == "measured" {r[$2, $3] = $4; n = ($2 > n) ? $2 : n}
    END {for (i = 1; i <= n; i++) print r[i, a] / r[i, b]}' "$rounds_tsv" | median | xargs printf '%.2f'
}

# The median of a side's measured rates.
median_rate() { # side
  awk -F'\t' -v s="$1" '$1 == "measured" && $3 == s {print $4}' "$rounds_tsv" | median | xargs printf '%.0f'
}

# One table row per measured round: the round, then each side's req/s.
rounds_table() { # sides...
  local round side
  echo "| round |$(printf ' %s req/s |' "$@")"
  echo "|---|$(printf -- '---|%.0s' "$@")"
  for round in $(awk -F'\t' '$1 == "measured" {print $2}' "$rounds_tsv" | sort -n -u); do
    printf '| %s |' "$round"
    for side in "$@"; do
      printf ' %s |' "$(awk -F'\t' -v r="$round" -v s="$side" '$1 == "measured" && $2 == r && $3 == s {print $4}' "$rounds_tsv")"
    done
    echo
  done
}

# The lines every plot of bench/results starts with: results/NAME.png, and a title that says
# which commit and how many cores drew it.
plot_header() { # name title
  printf 'set terminal pngcairo size 1000,500 font "sans,10"\nset output "%s"\nset title "%s (%s, %s cores)"\n' \
    "$results/$1.png" "$2" "$(git -C "$root" rev-parse --short HEAD)" "$(nproc)"
}

# results/<bench>.png: each side's figure over its rounds, warm-up first, so that the warm-up
# shows; the figure is a rate unless UNIT says otherwise. Needs gnuplot (gnuplot-nox); without it,
# or when gnuplot fails, there is no plot and the bench goes on.
plot_rounds() { # title [unit]
  command -v gnuplot > /dev/null || { echo "no gnuplot: no plot of the rounds" >&2; return 0; }
  local data side plot=""
  data=$(mktemp -d)
  for side in $(awk -F'\t' '!seen[$3]++ {print $3}' "$rounds_tsv"); do
    awk -F'\t' -v s="$side" '$3 == s {n++; print n "\t" $4}' "$rounds_tsv" > "$data/$side"
    plot+="\"$data/$side\" using 1:2 with linespoints title \"$side\", "
  done
  gnuplot <<PLOT || echo "gnuplot failed: no plot of the rounds" >&2
$(plot_header "$rounds_bench" "$1: ${2:-req/s} per round, warm-up rounds first")
set xlabel "round of the side (warm-up, then measured)"
set ylabel "${2:-req/s}"
set yrange [0:*]
set grid ytics
set key outside right
plot ${plot%, }
PLOT
  rm -rf "$data"
}

# results/<name>.png from a table on standard input, for figures that are not rates over rounds
# (capacity's steps, durable's heaps and restarts, the failover drill's timeline): a header line of
# column titles, then rows "x<TAB>y<TAB>y..." ("?" where a row has no value for a column). With
# Y2LABEL the last column goes on a right-hand axis; with logx the x axis is logarithmic. Needs
# gnuplot; without it, or when gnuplot fails, there is no plot and the bench goes on.
plot_table() { # name title xlabel ylabel [y2label [logx]]
  local data columns i plot=""
  data=$(mktemp)
  cat > "$data"
  command -v gnuplot > /dev/null || { echo "no gnuplot: no plot of $1" >&2; rm -f "$data"; return 0; }
  columns=$(head -1 "$data" | awk -F'\t' '{print NF}')
  for i in $(seq 2 "$columns"); do
    if [ -n "${5:-}" ] && [ "$i" = "$columns" ]; then
      plot+="\"$data\" using 1:$i axes x1y2 with linespoints, "
    else
      plot+="\"$data\" using 1:$i with linespoints, "
    fi
  done
  gnuplot <<PLOT || echo "gnuplot failed: no plot of $1" >&2
$(plot_header "$1" "$2")
set datafile separator "\t"
set datafile missing "?"
set key below autotitle columnhead
set xlabel "$3"
set ylabel "$4"
set yrange [0:*]
set grid ytics
$([ -n "${5:-}" ] && printf 'set y2label "%s"\nset y2range [0:*]\nset y2tics\nset ytics nomirror\n' "$5")
$([ "${6:-}" = logx ] && echo 'set logscale x')
plot ${plot%, }
PLOT
  rm -f "$data"
}

mean_of() { # field-number rows... (rows are "a|b|c")
  local field=$1
  shift
  printf '%s\n' "$@" | awk -F'|' -v f="$field" '{s += $f; n++} END {printf "%.0f", s / n}'
}

# Key figures of a bench, one per line "bench<TAB>figure<TAB>value<TAB>target<TAB>met", kept in
# results/<bench>.tsv for bench/run.sh's summary table and plot.
start_figures() { : > "$results/$1.tsv"; }
figure() { # bench figure value target met(yes/no/-)
  printf '%s\t%s\t%s\t%s\t%s\n' "$@" >> "$results/$1.tsv"
}
at_least() { awk -v v="$1" -v t="$2" 'BEGIN {print (v + 0 >= t + 0) ? "yes" : "no"}'; }
at_most() { awk -v v="$1" -v t="$2" 'BEGIN {print (v + 0 <= t + 0) ? "yes" : "no"}'; }
# wrk's latency ("12.34ms", "1.2s", "850.00us") in milliseconds.
millis() { echo "$1" | awk '{v = $1 + 0; if ($1 ~ /us$/) v /= 1000; else if ($1 ~ /[0-9]s$/) v *= 1000; printf "%.1f", v}'; }
