# Shared by the bench scripts (sourced): where things are, and how figures are taken and written.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
results="$root/bench/results"
mkdir -p "$results"
source "$root/scripts/lib.sh" # wait_begin, wait_note

# Waits until the server at BASE answers /api/health, saying what it waits for every 10 s; fails
# when the server process (PID) ends first, or after 180 s.
await_health() { # base pid
  local deadline=$((SECONDS + 180))
  wait_begin
  until curl -sf -m 5 -o /dev/null "$1/api/health"; do # a booting WildFly holds requests
    kill -0 "$2" 2>/dev/null || { echo "the server for $1 ended before it answered" >&2; return 1; }
    [ $SECONDS -lt $deadline ] || { echo "the server for $1 did not answer within 180 s" >&2; return 1; }
    wait_note "the server to start and answer $1/api/health"
    sleep 1
  done
}

need() { # command package
  command -v "$1" > /dev/null || { echo "$1 is needed: apt-get install $2" >&2; exit 1; }
}

# The header lines every results file starts with: machine, date, commit.
provenance() {
  echo "- machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "- commit: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- . ':!bench/results' || echo ' (with uncommitted changes)')"
}

# The JVM that scripts/run.sh (the process with this pid) started.
jvm_of() { # run.sh-pid
  ps -o pid= --ppid "$1" | tr -d ' '
}

# Heap in use after a full GC, in KiB, of the JVM with this pid.
heap_after_gc_kib() {
  jcmd "$1" GC.run > /dev/null
  jcmd "$1" GC.heap_info | awk '/ used / {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); print v; exit}}'
}

# Signs in and prints "session_id=...<TAB>csrf" for LOGIN/PASSWORD at BASE.
sign_in_line() { # base login password
  local answer cookie csrf
  answer=$(curl -s -D - -H 'Content-Type: application/json' \
    -d "{\"login\":\"$2\",\"password\":\"$3\"}" "$1/api/session")
  cookie=$(echo "$answer" | sed -n 's/^[Ss]et-[Cc]ookie: \(session_id=[^;]*\).*/\1/p' | tail -1)
  csrf=$(echo "$answer" | sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p')
  [ -n "$cookie" ] && [ -n "$csrf" ] || { echo "login of $2 at $1 failed: $answer" >&2; return 1; }
  printf '%s\t%s\n' "$cookie" "$csrf"
}

# Creates the users PREFIX1..PREFIX{COUNT} with PASSWORD through the admin API at BASE (those that
# exist already are kept), so that many logins spread over many users.
create_bench_users() { # base prefix count password
  local admin csrf status i
  IFS=$'\t' read -r admin csrf <<< "$(sign_in_line "$1" admin admin)"
  for i in $(seq "$3"); do
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $admin" -H "X-CSRF-Token: $csrf" \
      -H 'Content-Type: application/json' "$1/api/admin/users" \
      -d "{\"login\":\"$2$i\",\"password\":\"$4\",\"name\":\"Bench $i\",\"company_ids\":[1],\"lang\":\"en_US\",\"tz\":\"UTC\"}")
    [ "$status" = 201 ] || [ "$status" = 409 ] || { echo "creating $2$i: HTTP $status" >&2; return 1; }
  done
  curl -s -o /dev/null -H "Cookie: $admin" -H "X-CSRF-Token: $csrf" -X DELETE "$1/api/session"
}

# One wrk measurement as "req/s|p50|p99|non-2xx+socket errors".
wrk_figures() { # wrk arguments...
  local result
  result=$(wrk --latency "$@")
  printf '%s|%s|%s|%s\n' \
    "$(echo "$result" | awk '/Requests\/sec/ {print $2}')" \
    "$(echo "$result" | awk '$1 == "50%" {print $2}')" \
    "$(echo "$result" | awk '$1 == "99%" {print $2}')" \
    "$(echo "$result" | awk '/Non-2xx/ {e += $NF} /Socket errors/ {gsub(/,/, ""); e += $4 + $6 + $8 + $10} END {print e + 0}')"
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
