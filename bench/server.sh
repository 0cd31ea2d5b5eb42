# Sourced by bench/soak.sh and bench/cpu-cost.sh (from the repository root): the built jar (JAR=… for
# another) with the Dockerfile's JVM options unless JAVA_OPTS says otherwise, started by `start_server`
# on a free port with the rate limits off and an empty DATA_DIR under a temp folder; it sets PID and URL.
# The server is stopped and the temp folder removed when the script exits.
JAR=${JAR:-target/guidance-assistant.jar}
# The Dockerfile's JVM options without its class-data archive (that only shortens the start, which these do not measure).
JAVA_OPTS=${JAVA_OPTS:-"-Xms64m -Xmx256m -XX:MaxMetaspaceSize=96m -Xss512k -XX:+UseSerialGC -XX:Tier4InvocationThreshold=40000 -XX:Tier4MinInvocationThreshold=20000 -XX:Tier4CompileThreshold=45000 -XX:Tier4BackEdgeThreshold=400000"}
[ -f "$JAR" ] || { echo "no $JAR: build it first (mvn -q -o -DskipTests package)" >&2; exit 2; }

WORK=$(mktemp -d)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# shellcheck source=bench/probe.sh
source bench/probe.sh

start_server() {
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  PORT=$port DATA_DIR=$WORK/data RATE_LIMIT_CHAT_PER_MINUTE=0 RATE_LIMIT_WRITES_PER_HOUR=0 MAX_CONNECTIONS_PER_ADDRESS=0 \
    java $JAVA_OPTS -jar "$JAR" >"$WORK/server.log" 2>&1 &
  PID=$!
  wait_healthy "$port" "$PID" "$WORK/server.log"
  URL="http://127.0.0.1:$port"
}
