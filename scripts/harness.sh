# Shared by the script tests (it-tests/src/test/sh) and the benches (bench/), sourced: start and
# stop a node of scripts/run.sh, wait for a node, sign in, count checks, and say on which machine and
# commit a figure was taken. Nothing here is used by the service's own scripts (run.sh, cluster.sh).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" # root, port_busy, wait_begin, wait_note

# The script tests' verdicts: check stops the test at the first failed check (what follows builds
# on it), check_on counts a failed check and goes on (checks that stand alone); verdict prints
# "N passed, N failed" (after LABEL: when given) and returns non-zero when any check failed.
passed=0
failed=0
fail() {
  echo "FAILED: $*" >&2
  exit 1
}
check() { # description command...
  local what=$1
  shift
  "$@" || fail "$what"
  passed=$((passed + 1))
  echo "ok   $what"
}
check_on() { # description command...
  local what=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
    echo "ok   $what"
  else
    failed=$((failed + 1))
    echo "FAIL $what"
  fi
}
verdict() { # [label]
  echo "${1:+$1: }$passed passed, $failed failed"
  [ "$failed" = 0 ]
}

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

# Starts one node of scripts/run.sh in the background with the settings given (ERP_NODE=...,
# ERP_PORT_OFFSET=..., any ERP_* of the README), its output to LOG, and waits until BASE answers.
# The node's pid (run.sh's, for stop_node) is left in node_pid.
start_node() { # base log [VAR=value...]
  local base=$1 log=$2
  shift 2
  env "$@" "$root/scripts/run.sh" > "$log" 2>&1 &
  node_pid=$!
  await_health "$base" "$node_pid"
}

# Stops a node that start_node started, and waits for it to end: SIGTERM (a clean stop), or with
# KILL its JVM is SIGKILLed first, as in a crash (run.sh execs standalone.sh, whose child is the
# JVM).
stop_node() { # pid [KILL]
  [ -n "${1:-}" ] || return 0
  if [ "${2:-TERM}" = KILL ]; then
    kill -KILL "$(ps -o pid= --ppid "$1" | tr -d ' ')" 2>/dev/null || true
  fi
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# The HTTP status of a sign-in of LOGIN/PASSWORD at BASE; its cookie goes to the curl cookie jar
# JAR when one is given.
login_status() { # base login password [jar]
  curl -s -o /dev/null -w '%{http_code}' ${4:+-c "$4"} -H 'Content-Type: application/json' \
    -d "{\"login\":\"$2\",\"password\":\"$3\"}" "$1/api/session"
}

# Signs LOGIN/PASSWORD in at BASE into the curl cookie jar JAR and prints the session's CSRF token.
sign_in_jar() { # base login password jar
  local answer csrf
  answer=$(curl -s -c "$4" -H 'Content-Type: application/json' \
    -d "{\"login\":\"$2\",\"password\":\"$3\"}" "$1/api/session")
  csrf=$(sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' <<< "$answer")
  [ -n "$csrf" ] || { echo "login of $2 at $1 failed: $answer" >&2; return 1; }
  echo "$csrf"
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

# Signs in COUNT sessions of LOGIN/PASSWORD at BASE: one "session_id=...<TAB>csrf" line each.
sign_in_many() { # base login password count
  local i
  for i in $(seq "$4"); do sign_in_line "$1" "$2" "$3" || return 1; done
}

# Creates the users PREFIX1..PREFIX{COUNT} with PASSWORD through the admin API at BASE (those that
# exist already are kept), so that many logins spread over many users.
create_users() { # base prefix count password
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

# Where a figure or a test run was taken, as Markdown list items: machine, date, commit.
provenance() {
  echo "- machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(free -g | awk '/Mem:/ {print $2}') GiB"
  echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "- commit: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- . ':!bench/results' || echo ' (with uncommitted changes)')"
}
