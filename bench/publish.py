#!/usr/bin/env python3
"""Publishing latency through the staff API (issue 18: one entry stays under 1 s at 2,500 entries).

Usage: bench/publish.py URL AUTHOR_PASSWORD REVIEWER_PASSWORD [N]
  AUTHOR is the account "admin" (ADMIN_PASSWORD at the server's start), REVIEWER the account "reviewer1"
  (made with `create-admin reviewer1` before the start, so the four-eyes rule lets it approve admin's work).
For N live entries spread over the base: revise (the answer with a marker appended, a new phrasing),
submit, approve, then time POST /admin/api/entries/{id}/publish alone: the request that makes the new
version answer (database transaction, live store, Lucene, the dense index and its cache). Prints each
time and the median. Standard library only.
"""
import http.cookiejar
import json
import statistics
import sys
import time
import urllib.request


class Staff:
    def __init__(self, url, username, password):
        self.url = url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = self.call("POST", "/admin/api/login", {"username": username, "password": password})["csrfToken"]

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        if getattr(self, "csrf", None):
            req.add_header("X-CSRF-Token", self.csrf)
        try:
            with self.opener.open(req) as resp:
                return json.loads(resp.read().decode("utf-8") or "null")
        except urllib.error.HTTPError as e:
            sys.exit(f"{method} {path}: {e.code} {e.read().decode('utf-8', 'replace')}")


def main():
    url, author_password, reviewer_password = sys.argv[1:4]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 7
    author = Staff(url, "admin", author_password)
    reviewer = Staff(url, "reviewer1", reviewer_password)
    listing = author.call("GET", "/admin/api/entries")
    entries = listing["entries"] if isinstance(listing, dict) else listing
    live = [e["id"] for e in entries if e.get("latestStatus") == "published"]
    chosen = [live[i * len(live) // n] for i in range(n)]
    times = []
    for k, entry_id in enumerate(chosen):
        history = author.call("GET", f"/admin/api/entries/{entry_id}")
        versions = history["versions"] if isinstance(history, dict) else history
        fields = json.loads(versions[-1]["content"])
        fields["answer"] = fields["answer"] + f"（发布测试 {k}）"
        fields["questions"] = [f"发布测试问法第{k}条{entry_id}"] + fields["questions"]
        fields.pop("verify", None)  # a revision that needs no staff verification, so it may be approved at once
        author.call("POST", f"/admin/api/entries/{entry_id}/versions", fields)
        author.call("POST", f"/admin/api/entries/{entry_id}/submit", {})
        reviewer.call("POST", f"/admin/api/entries/{entry_id}/approve", {"comment": "性能测试"})
        t0 = time.perf_counter()
        reviewer.call("POST", f"/admin/api/entries/{entry_id}/publish", {})
        times.append((time.perf_counter() - t0) * 1000)
        print(f"publish {entry_id}: {times[-1]:.0f} ms", flush=True)
    print(f"publish_ms median={statistics.median(times):.0f} min={min(times):.0f} max={max(times):.0f} n={n}")


if __name__ == "__main__":
    main()
