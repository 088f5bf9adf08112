#!/usr/bin/env bash
# Logins per second per core and their latency at the default Argon2id cost (19 MiB, 2 passes):
# POST /api/session as demo on one node (scripts/run.sh), wrk with one connection per core for
# DURATION (default 30s) after a 10 s warm-up. Targets: ≥ 15 logins/s per core, p50 ≤ 100 ms.
# Writes bench/results/login.md.
#   bench/login.sh                 # ~1 min 30 s
#   DURATION=3s bench/login.sh     # a smoke run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need wrk wrk
duration=${DURATION:-30s}
base=http://127.0.0.1:8080
cores=$(nproc)

ERP_NODE=bench-login "$root/scripts/run.sh" > "$results/login-server.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null' EXIT
await_health "$base" "$server"

wrk -t"$cores" -c"$cores" -d10s -s "$root/bench/login.lua" "$base/api/session" > /dev/null
IFS='|' read -r rps p50 p99 errors <<< "$(wrk_figures -t"$cores" -c"$cores" -d"$duration" -s "$root/bench/login.lua" "$base/api/session")"
per_core=$(awk -v r="$rps" -v c="$cores" 'BEGIN {printf "%.1f", r / c}')
{
  echo "# Login at the default Argon2id cost"
  echo
  provenance
  echo "- wrk -t$cores -c$cores -d$duration POST /api/session (demo), one node (scripts/run.sh, H2)"
  echo
  echo "| figure | value | target |"
  echo "|---|---|---|"
  echo "| logins/s | $rps | |"
  echo "| logins/s per core | $per_core | ≥ 15 |"
  echo "| p50 | $p50 | ≤ 100 ms |"
  echo "| p99 | $p99 | |"
  echo "| errors | $errors | 0 |"
} > "$results/login.md"
start_figures login
figure login "logins/s per core" "$per_core" "≥ 15" "$(at_least "$per_core" 15)"
figure login "login p50 (ms)" "$(millis "$p50")" "≤ 100" "$(at_most "$(millis "$p50")" 100)"
cat "$results/login.md"
