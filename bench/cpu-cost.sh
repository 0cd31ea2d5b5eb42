#!/usr/bin/env bash
# Server CPU time per chat request (issue #18): on a shared, busy machine req/s says more about the
# neighbours than about the code, but the CPU the server process spends per request (utime + stime from
# /proc, divided by the requests wrk completed) moves less with them. Builds nothing: takes
# target/guidance-assistant.jar (or JAR=…); compare two jars by alternating runs in one session.
#
# Usage: bench/cpu-cost.sh [seconds] [connections]      (default 20 8)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
CONNECTIONS=${2:-8}
. bench/server.sh
start_server
TICK=$(getconf CLK_TCK)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
echo "date=$(date -u '+%Y-%m-%d %H:%M UTC') jar=$JAR load_average_before=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
wrk -t2 -c"$CONNECTIONS" -d5s -s bench/chat.lua "$URL" >/dev/null           # JIT warm-up
wrk -t2 -c"$CONNECTIONS" -d5s -s bench/chat-unique.lua "$URL" >/dev/null
for name in rotating:bench/chat.lua new:bench/chat-new.lua; do
  before=$(cpu_ticks)
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "${name#*:}" "$URL" >"$WORK/out.txt"
  after=$(cpu_ticks)
  requests=$(awk '/requests in/{print $1}' "$WORK/out.txt")
  rps=$(awk '/Requests\/sec/{print $2}' "$WORK/out.txt")
  awk -v n="${name%%:*}" -v t=$((after - before)) -v hz="$TICK" -v r="$requests" -v rps="$rps" \
    'BEGIN{printf "%-9s requests=%-6d rps=%-8s server_cpu_ms_per_request=%.2f\n", n, r, rps, t * 1000 / hz / r}'
done
echo "load_average_after=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
