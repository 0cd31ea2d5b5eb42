#!/usr/bin/env python3
"""/health latency with and without N connections trickling a POST /api/chat body (issue #13, item 1).

Usage: python3 bench/slow-clients.py [PORT] [N]   (the server must run with MAX_CONNECTIONS_PER_ADDRESS=0,
since all slow connections come from this one address). Prints medians and p99 over 200 requests each.
"""
import socket, statistics, sys, time, http.client

port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
n = int(sys.argv[2]) if len(sys.argv) > 2 else 300


def health_ms(count=200):
    out = []
    for _ in range(count):
        t = time.perf_counter()
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        c.request("GET", "/health")
        r = c.getresponse()
        r.read()
        assert r.status == 200, r.status
        c.close()
        out.append((time.perf_counter() - t) * 1000)
    out.sort()
    return statistics.median(out), out[int(len(out) * 0.99) - 1]


base = health_ms()
slow = []
for _ in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{")
    slow.append(s)
time.sleep(1)
loaded = health_ms()
for s in slow:
    s.close()
print(f"health without slow clients: median {base[0]:.2f} ms, p99 {base[1]:.2f} ms")
print(f"health with {n} slow bodies: median {loaded[0]:.2f} ms, p99 {loaded[1]:.2f} ms, ratio {loaded[0] / base[0]:.2f}")
