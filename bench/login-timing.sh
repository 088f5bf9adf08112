#!/usr/bin/env bash
# What a failed login's time tells: wrong passwords for an unknown login, an Argon2id user and a
# user imported with an Odoo PBKDF2 hash (100,000 rounds), interleaved, on one node
# (scripts/run.sh with the login cooldown raised so that every attempt is verified). Rounds of
# PER_ROUND attempts per kind, warmed up until two rounds agree within 5 % (at most MAX_WARMUP),
# then ROUNDS measured rounds; the figure is the median of the rounds' ratios of medians.
# Target: argon/unknown and odoo/unknown within 0.9 to 1.1. Writes bench/results/login-timing.md,
# each round's medians in login-timing.rounds.tsv and, with gnuplot, login-timing.png.
#   bench/login-timing.sh                       # ~4 min
#   ROUNDS=1 PER_ROUND=5 bench/login-timing.sh  # a smoke run
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rounds=${ROUNDS:-7}
per_round=${PER_ROUND:-30}
max_warmup=${MAX_WARMUP:-10}
base=http://127.0.0.1:8080

trap 'stop_node "${node_pid:-}"' EXIT
start_node "$base" "$results/login-timing-server.log" ERP_NODE=bench-login-timing \
  ERP_LOGIN_COOLDOWN_AFTER=1000000 ERP_LOGIN_ADDRESS_COOLDOWN_AFTER=1000000 ERP_LOGIN_SLOWDOWN_AFTER=1000000

output=$(java "$root/bench/LoginTiming.java" "$base" admin admin "$rounds" "$per_round" "$max_warmup")
read -r argon odoo <<< "$(echo "$output" | awk '$1 == "RESULT" {print $2, $3}')"
# Each round's median per kind ("warm-up 2: median ms unknown 156.7, argon 141.4, odoo 142.5; ...")
# into the rounds file, for the plot.
start_rounds login-timing
echo "$output" | awk '$1 == "warm-up" || $1 == "round" {
    phase = ($1 == "round") ? "measured" : "warm-up"; n = $2; sub(/:/, "", n)
    for (i = 5; i <= 9; i += 2) {v = $(i + 1); gsub(/[,;]/, "", v); printf "%s\t%s\t%s\t%s\n", phase, n, $i, v}
  }' >> "$rounds_tsv"
within() { awk -v v="$1" 'BEGIN {print (v >= 0.9 && v <= 1.1) ? "yes" : "no"}'; }
{
  echo "# Failed logins: unknown login, Argon2id user, Odoo user"
  echo
  provenance
  echo "- one node (scripts/run.sh, H2), wrong passwords one request at a time, the three kinds interleaved"
  echo "- $per_round attempts per kind per round; warm-up until two rounds agree within 5 %; $rounds measured rounds"
  echo
  echo "| figure | value (median of rounds) | target |"
  echo "|---|---|---|"
  echo "| argon/unknown | $argon | 0.9 to 1.1 |"
  echo "| odoo/unknown | $odoo | 0.9 to 1.1 |"
  echo
  echo "Every round:"
  echo
  echo '```'
  echo "$output" | grep -v '^RESULT'
  echo '```'
  echo
  echo "![each round's median per kind, warm-up first](login-timing.png)"
} > "$results/login-timing.md"
start_figures login-timing
figure login-timing "failed login argon/unknown" "$argon" "0.9 to 1.1" "$(within "$argon")"
figure login-timing "failed login odoo/unknown" "$odoo" "0.9 to 1.1" "$(within "$odoo")"
plot_rounds "Failed logins" "median ms"
cat "$results/login-timing.md"
