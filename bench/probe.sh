# Sourced by bench/run.sh and bench/server.sh: waits for /health with bash builtins only. A probe that starts a
# process (curl every 20 ms) takes a good share of a core from the 2-core start it measures: 4.6 s instead of
# 3.5 s on 2026-12-03 (docs/benchmarks.md, "The probe that slowed the start").

exec {NAP}<> <(:) # a pipe nobody writes to: `read -t` on it sleeps without starting a `sleep` process

# healthy PORT → status 0 when GET /health on 127.0.0.1:PORT answers 200
healthy() {
  local fd line
  exec {fd}<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&"$fd"
  read -r -t 5 line <&"$fd" || line=
  exec {fd}>&-
  [[ $line == HTTP/1.?" 200"* ]]
}

# wait_healthy PORT PID LOG → returns once /health answers 200; exits 1 with the log's tail if PID dies first
wait_healthy() {
  until healthy "$1" 2>/dev/null; do
    kill -0 "$2" 2>/dev/null || { echo "server died; see log:" >&2; tail -20 "$3" >&2; exit 1; }
    read -r -t 0.02 -u "$NAP" || true
  done
}
