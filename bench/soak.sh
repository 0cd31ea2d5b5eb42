#!/usr/bin/env bash
# Memory under a steady load (issue #18 item 4): the server at a fixed rate of new questions for a while,
# with the heap in use after a full GC and the RSS sampled every 30 s. Builds nothing: it takes
# target/guidance-assistant.jar as it is (or JAR=…).
#
# Usage: bench/soak.sh [rate_per_second] [seconds] [sample_seconds]      (default 100 600 30)
#
# The server runs as bench/server.sh starts it (free port, rate limits off, the Dockerfile's JVM options
# unless JAVA_OPTS says otherwise, empty DATA_DIR). bench/soak.py drives it open-loop (requests at fixed
# times, however slow the replies), every question new (word lists of bench/chat-new.lua and a counter),
# and prints one line per sample: requests done per second, errors, requests started late (> 50 ms),
# p50/p99, heap after a full GC (jcmd GC.run, then GC.heap_info: old generation = live set, and the whole
# heap; the forced GC costs a pause every sample), RSS.
# Choose a rate the machine sustains (about two thirds of what it completes flat out): above it the
# queue grows and the soak measures the backlog, not the steady state.
set -euo pipefail
cd "$(dirname "$0")/.."
RATE=${1:-100}
SECONDS_TOTAL=${2:-600}
SAMPLE=${3:-30}
. bench/server.sh
start_server
echo "date=$(date -u '+%Y-%m-%d %H:%M UTC') cores=$(nproc) java=\"$(java -version 2>&1 | head -1)\" java_opts=\"$JAVA_OPTS\""
echo "rate=${RATE}/s seconds=$SECONDS_TOTAL sample=${SAMPLE}s load_average_before=\"$(cut -d' ' -f1-3 /proc/loadavg)\" rss_kb_at_start=$(ps -o rss= -p "$PID")"
python3 bench/soak.py "$URL" "$PID" "$RATE" "$SECONDS_TOTAL" "$SAMPLE"
echo "load_average_after=\"$(cut -d' ' -f1-3 /proc/loadavg)\" server_errors_logged=$(grep -c ' ERROR ' "$WORK/server.log" || true)"
