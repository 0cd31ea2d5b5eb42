#!/usr/bin/env bash
# Start-up and chat throughput beside /health, in ONE run on this machine. Builds nothing: it takes
# target/guidance-assistant.jar as it is (build it first: mvn -q -o -DskipTests package).
#
# Usage: bench/run.sh [seconds] [connections] [starts]      (needs wrk: apt-get install -y wrk)
#        seconds=0 measures start-up only; JAR=other.jar compares another build in the same session.
#
#  1. start-up: `starts` times on an empty DATA_DIR, then `starts` times on the DATA_DIR the first start
#     left behind (database and embedding cache present); time from process start to /health 200;
#     medians reported;
#  2. on the warm server: /health, POST /api/chat rotating the questions of bench/questions.txt, and
#     POST /api/chat with every question new (bench/chat-new.lua), each for `seconds`, the same
#     connections, after a JIT warm-up; req/s and p99 side by side and the ratios to /health.
# The server runs on a free port with the rate limits off, with the Dockerfile's JVM options unless
# JAVA_OPTS says otherwise. Extra server environment (e.g. DENSE=off, or KB_DIR=/abs/path for another knowledge
# base such as a synthetic one from `synth-kb`) is passed through.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-20}
CONNECTIONS=${2:-8}
STARTS=${3:-3}
JAR=${JAR:-target/guidance-assistant.jar}
JAVA_OPTS=${JAVA_OPTS:-"-Xms64m -Xmx256m -XX:MaxMetaspaceSize=96m -Xss512k -XX:+UseSerialGC -XX:Tier4InvocationThreshold=40000 -XX:Tier4MinInvocationThreshold=20000 -XX:Tier4CompileThreshold=45000 -XX:Tier4BackEdgeThreshold=400000"}  # the Dockerfile's
# CDS=1 (the default, as the Dockerfile does at image build): one `self-test` run of the jar under
# -XX:ArchiveClassesAtExit writes a class-data archive first (its time is reported, not counted as start-up),
# and every start below uses it. CDS=0 for a jar without the self-test command, or to measure without.
CDS=${CDS:-1}
[ -f "$JAR" ] || { echo "no $JAR: build it first (mvn -q -o -DskipTests package)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk" >&2; exit 2; }

WORK=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

if [ "$CDS" = 1 ]; then
  t0=$(date +%s%N)
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  if java $JAVA_OPTS -XX:ArchiveClassesAtExit="$WORK/app.jsa" -jar "$JAR" self-test >"$WORK/cds.log" 2>&1; then
    echo "cds_archive_ms=$(( ($(date +%s%N) - t0) / 1000000 )) size_mb=$(( $(stat -c %s "$WORK/app.jsa") / 1048576 ))"
    JAVA_OPTS="$JAVA_OPTS -XX:SharedArchiveFile=$WORK/app.jsa"
  else
    echo "cds: the self-test failed, measuring without an archive:"; grep -v "\[cds\]" "$WORK/cds.log" | tail -5
  fi
fi
echo "java_opts=\"$JAVA_OPTS\""

# shellcheck source=bench/probe.sh
source bench/probe.sh
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# start DATA_DIR → sets PID, PORT and MS (milliseconds from process start to /health 200)
start() {
  PORT=$(free_port)
  local t0=$(date +%s%N)
  PORT=$PORT DATA_DIR=$1 RATE_LIMIT_CHAT_PER_MINUTE=0 RATE_LIMIT_WRITES_PER_HOUR=0 MAX_CONNECTIONS_PER_ADDRESS=0 \
    java $JAVA_OPTS -jar "$JAR" >>"$WORK/server.log" 2>&1 &
  PID=$!
  wait_healthy "$PORT" "$PID" "$WORK/server.log"
  MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}
stop() { kill "$PID"; wait "$PID" 2>/dev/null || true; PID=; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END{print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "date=$(date -u '+%Y-%m-%d %H:%M UTC') cores=$(nproc) cpu=\"$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)\" java=\"$(java -version 2>&1 | head -1)\""
echo "load_average_before=\"$(cut -d' ' -f1-3 /proc/loadavg)\""

empty=(); warm=()
for k in $(seq "$STARTS"); do
  d="$WORK/empty-$k"; mkdir -p "$d"
  start "$d"; empty+=("$MS"); stop
  [ "$k" = 1 ] && WARM_DIR=$d
done
for k in $(seq "$STARTS"); do
  start "$WARM_DIR"; warm+=("$MS")
  [ "$k" = "$STARTS" ] || stop
done
echo "startup_empty_ms=${empty[*]} median=$(echo "${empty[*]}" | median)"
echo "startup_warm_ms=${warm[*]} median=$(echo "${warm[*]}" | median)"
curl -fs "http://127.0.0.1:$PORT/health"; echo

[ "$DURATION" = 0 ] && exit 0
URL="http://127.0.0.1:$PORT"
# JIT warm-up on all three paths (the new-question counter restarts below, but the texts it builds at
# warm-up are the first ones again, so the measured run starts with remembered questions: a few
# hundred out of thousands; acceptable, and the same in every run).
wrk -t2 -c"$CONNECTIONS" -d5s -s bench/chat.lua "$URL" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d3s "$URL/health" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d3s -s bench/chat-unique.lua "$URL" >/dev/null

measure() { # name, extra wrk args...
  local name=$1; shift
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" >"$WORK/$name.txt"
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/{print $2}' "$WORK/$name.txt")
  p50=$(awk '$1=="50%"{print $2}' "$WORK/$name.txt")
  p99=$(awk '$1=="99%"{print $2}' "$WORK/$name.txt")
  non2xx=$(awk '/Non-2xx/{print $NF}' "$WORK/$name.txt"); non2xx=${non2xx:-0}
  printf '%-10s rps=%-10s p50=%-9s p99=%-9s non2xx=%s\n' "$name" "$rps" "$p50" "$p99" "$non2xx"
  eval "RPS_$name=$rps"
}
echo "== ${DURATION}s each, $CONNECTIONS connections, 2 wrk threads on the same machine"
measure health "$URL/health"
measure rotating -s bench/chat.lua "$URL"
measure new -s bench/chat-new.lua "$URL"
awk -v h="$RPS_health" -v r="$RPS_rotating" -v n="$RPS_new" \
  'BEGIN{printf "ratio rotating/health=%.4f new/health=%.4f new/rotating=%.3f\n", r/h, n/h, n/r}'
echo "rss_kb=$(ps -o rss= -p "$PID") load_average_after=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
