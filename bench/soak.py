#!/usr/bin/env python3
"""Open-loop soak driver for bench/soak.sh: POST /api/chat at a fixed rate, every question new.

Usage: soak.py URL SERVER_PID RATE SECONDS [SAMPLE_SECONDS]

Requests are scheduled at fixed times (RATE per second), whatever the server's latency: a slow server
makes requests start late (counted as "late"), it does not lower the offered rate the way a closed loop
(wrk) would. The questions are built from the word lists of bench/chat-new.lua (read from it) and a
counter, so none repeats and none is in the server's cache of recent questions.

Every SAMPLE_SECONDS the server gets a full GC (jcmd GC.run); the heap in use after it (jcmd
GC.heap_info: the old generation, which is the live set, and the whole heap) and the process's RSS
(/proc/PID/status) are printed with the window's requests done per second, errors, late starts and
latency percentiles, one line per sample, then a summary.
"""
import http.client
import json
import os
import queue
import re
import subprocess
import sys
import threading
import time
import urllib.parse

WORKERS = 32  # enough to keep the schedule at a few hundred requests per second with ~100 ms latency


def word_lists(lua_path):
    text = open(lua_path, encoding="utf-8").read()
    lists = []
    for name in ("who", "where", "business", "topic", "when"):
        body = re.search(r"local %s = \{(.*?)\}" % name, text, re.S).group(1)
        lists.append(re.findall(r'"([^"]*)"', body))
    return lists


def question(lists, n):
    parts = []
    for words in lists:
        parts.append(words[n % len(words)])
        n //= len(words)
    tail = "（第%d次问）" % (n + 1) if n > 0 else ""
    return "%s%s%s，%s%s%s" % (parts[0], parts[1], parts[2], parts[3], parts[4], tail)


def heap_after_gc_kb(pid):
    """(old generation in use, whole heap in use) right after a full GC, in KiB. The old generation is
    the live set (the full GC leaves the young one empty); the whole heap also holds what the requests
    allocated in the second or so between the two jcmd calls."""
    subprocess.run(["jcmd", str(pid), "GC.run"], check=True, capture_output=True)
    info = subprocess.run(["jcmd", str(pid), "GC.heap_info"], check=True, capture_output=True, text=True).stdout
    old = re.search(r"tenured generation\s+total \d+K, used (\d+)K", info)
    total = sum(int(m.group(1)) for m in re.finditer(
        r"(?:def new generation|tenured generation|garbage-first heap)\s+total \d+K, used (\d+)K", info))
    return (int(old.group(1)) if old else total), total


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(p / 100.0 * len(sorted_values)))]


def main():
    url, pid, rate, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    sample = int(sys.argv[5]) if len(sys.argv) > 5 else 30
    lists = word_lists(os.path.join(os.path.dirname(os.path.abspath(__file__)), "chat-new.lua"))
    target = urllib.parse.urlsplit(url)
    # Far past the counters bench/run.sh uses, so that a soak after a benchmark still asks new questions.
    offset = 10_000_000 + int(time.time()) % 1000 * 100_000
    jobs = queue.Queue()
    lock = threading.Lock()
    window = {"ok": 0, "errors": 0, "late": 0, "latencies": []}

    def worker():
        conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
        while True:
            job = jobs.get()
            if job is None:
                return
            due, n = job
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            late = wait < -0.05
            body = json.dumps({"question": question(lists, offset + n)}, ensure_ascii=False).encode("utf-8")
            start = time.monotonic()
            try:
                conn.request("POST", "/api/chat", body, {"Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
            elapsed = time.monotonic() - start
            with lock:
                window["ok" if ok else "errors"] += 1
                window["late"] += late
                window["latencies"].append(elapsed)

    threads = [threading.Thread(target=worker, daemon=True) for _ in range(WORKERS)]
    for t in threads:
        t.start()

    heaps, rsses = [], []
    done = threading.Event()

    def sampler():
        # Its own thread: jcmd takes a second or so, and the schedule must not wait for it.
        k = 1
        while not done.wait(max(0.0, t0 + k * sample - time.monotonic())):
            with lock:
                w = dict(window)
                window.update(ok=0, errors=0, late=0, latencies=[])
            lat = sorted(w["latencies"])
            (old, heap), rss = heap_after_gc_kb(pid), rss_kb(pid)
            heaps.append(old)
            rsses.append(rss)
            print("%-4d %-9.1f %-7d %-5d %-7.1f %-7.1f %-12d %-13d %d" % (
                k * sample, (w["ok"] + w["errors"]) / sample, w["errors"], w["late"],
                percentile(lat, 50) * 1000, percentile(lat, 99) * 1000, old, heap, rss), flush=True)
            k += 1

    print("t_s  done_rps  errors  late  p50_ms  p99_ms  old_gen_kb   heap_used_kb  rss_kb", flush=True)
    t0 = time.monotonic()
    sampling = threading.Thread(target=sampler, daemon=True)
    sampling.start()
    for n in range(int(rate * seconds)):
        due = t0 + n / rate
        # Keep the queue short: enqueue each job shortly before it is due.
        while due - time.monotonic() > 0.2:
            time.sleep(0.05)
        jobs.put((due, n))
    for _ in threads:
        jobs.put(None)
    for t in threads:
        t.join()
    done.set()
    sampling.join()
    if heaps:
        print("old_gen_after_gc_kb min=%d max=%d first=%d last=%d; rss_kb min=%d max=%d first=%d last=%d" % (
            min(heaps), max(heaps), heaps[0], heaps[-1], min(rsses), max(rsses), rsses[0], rsses[-1]))


if __name__ == "__main__":
    main()
