#!/usr/bin/env bash
# Chat throughput and latency beside /health, in one run on this machine.
# Usage: bench/run.sh [seconds] [connections]     (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
CONNECTIONS=${2:-32}
PORT=${BENCH_PORT:-18090}
JAVA_OPTS=${JAVA_OPTS:-"-Xms64m -Xmx256m -XX:MaxMetaspaceSize=96m -Xss512k -XX:+UseSerialGC"}
DATA=$(mktemp -d)
[ -f target/guidance-assistant.jar ] || mvn -q -DskipTests package

start=$(date +%s%N)
PORT=$PORT DATA_DIR=$DATA java $JAVA_OPTS -jar target/guidance-assistant.jar >"$DATA/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; rm -rf "$DATA"' EXIT
until curl -fs "http://127.0.0.1:$PORT/health" >/dev/null; do sleep 0.05; done
echo "startup_ms=$(( ($(date +%s%N) - start) / 1000000 ))"

# Warm up the JIT, then measure each endpoint with the same settings.
wrk -t2 -c"$CONNECTIONS" -d5s -s bench/chat.lua "http://127.0.0.1:$PORT" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d5s "http://127.0.0.1:$PORT/health" >/dev/null
echo "== /health"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$PORT/health" | tee "$DATA/health.txt"
echo "== /api/chat ($(grep -c . bench/questions.txt) distinct questions)"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/chat.lua "http://127.0.0.1:$PORT" | tee "$DATA/chat.txt"
echo "== /api/chat, every question new (no cache can help)"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/chat-unique.lua "http://127.0.0.1:$PORT" | tee "$DATA/unique.txt"
h=$(awk '/Requests\/sec/{print $2}' "$DATA/health.txt")
u=$(awk '/Requests\/sec/{print $2}' "$DATA/unique.txt")
c=$(awk '/Requests\/sec/{print $2}' "$DATA/chat.txt")
echo "chat_rps=$c unique_chat_rps=$u health_rps=$h ratio=$(awk -v c="$c" -v h="$h" 'BEGIN{printf "%.3f", c/h}') unique_ratio=$(awk -v c="$u" -v h="$h" 'BEGIN{printf "%.3f", c/h}')"
echo "rss_kb=$(ps -o rss= -p $PID)"
