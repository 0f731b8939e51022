#!/usr/bin/env python3
"""The emulator's request log, seen from outside: collect it, and report what it says.

  request_log.py jobs URL OUT.json
      Lists the jobs with a cancel pending (before the app starts; the log is cleared after).
  request_log.py collect URL OUT.jsonl SECONDS
      Polls GET URL/_emulator/requests?since=N every 5 s for SECONDS, writing each request
      with the wall-clock second it was seen at (t, from the start of the collection).
  request_log.py report OUT.jsonl [JOBS.json]
      Prints per subscription: reads, reads an hour after the first listing, pages per
      listing, the longest time between two listing starts, 429s, and with JOBS.json the
      longest time between two reads of a job with a cancel pending.

Standard library only: CI and a fresh machine have python3 and nothing else for it.
"""

import json
import sys
import time
import urllib.error
import urllib.request

API = "api-version=2020-08-01"


def get(url, token=None):
    request = urllib.request.Request(url)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    for _ in range(100):
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return json.load(answer)
        except urllib.error.HTTPError as e:
            # The emulator's request limits (--arm-limits): wait as asked.
            if e.code != 429:
                raise
            time.sleep(float(e.headers.get("Retry-After", "1")))
    raise RuntimeError(f"still throttled: {url}")


def jobs(base, out):
    subs = [s["subscriptionId"] for s in get(f"{base}/subscriptions?api-version=2022-12-01", "x")["value"]]
    pending = []
    for sub in subs:
        url = f"{base}/subscriptions/{sub}/providers/Microsoft.ImportExport/jobs?{API}"
        while url:
            page = get(url, "x")
            for job in page.get("value", []):
                props = job.get("properties", {})
                if props.get("cancelRequested") and props.get("state") not in ("Completed", "Closed"):
                    pending.append({"subscription": sub.lower(), "name": job["name"]})
            url = page.get("nextLink")
    urllib.request.urlopen(urllib.request.Request(f"{base}/_emulator/requests", method="DELETE"))
    with open(out, "w") as f:
        json.dump(pending, f)
    print(f"{len(pending)} jobs with a cancel pending")


def collect(base, out, seconds):
    start = time.monotonic()
    since = 0
    with open(out, "w") as f:
        while time.monotonic() - start < seconds:
            time.sleep(5)
            t = round(time.monotonic() - start, 1)
            for request in get(f"{base}/_emulator/requests?since={since}")["requests"]:
                since = max(since, request["seq"])
                request["t"] = t
                f.write(json.dumps(request) + "\n")
            f.flush()


def subscription(request):
    parts = request["path"].split("/")
    return parts[2].lower() if len(parts) > 2 and parts[1] == "subscriptions" else None


def report(path, jobs_path=None):
    log = [json.loads(line) for line in open(path)]
    duration = max((r["t"] for r in log), default=0)
    pending = json.load(open(jobs_path)) if jobs_path else []
    print(f"collected {len(log)} requests over {duration / 60:.1f} min")
    print("| subscription | reads | pages per listing | reads/h after the first listing | "
          "longest time between listing starts (s) | 429s | longest time between reads of "
          "a job with a cancel pending (s) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for sub in sorted({s for s in map(subscription, log) if s}):
        mine = [r for r in log if subscription(r) == sub]
        reads = [r for r in mine if r["method"] == "GET"]
        lists = [r for r in mine if r.get("route") == "list" and r["status"] == 200]
        starts = [r["t"] for r in lists if "skiptoken" not in (r.get("query") or "")]
        pages = round(len(lists) / len(starts), 1) if starts else 0
        gaps = [b - a for a, b in zip(starts, starts[1:])]
        if len(starts) >= 2:
            after = [r for r in reads if r["t"] >= starts[1]]
            span = max(duration - starts[1], 1)
            rate = round(len(after) * 3600 / span)
        else:
            rate = "n/a"
        throttled = sum(1 for r in mine if r["status"] == 429)
        worst = ""
        watched = [j for j in pending if j["subscription"] == sub]
        if watched and pages > 1:
            worst = f"n/a: {pages} pages; listings {max(gaps, default=0):.0f} s apart ({len(watched)} jobs)"
        elif watched:
            longest = 0
            for job in watched:
                seen = [r["t"] for r in reads
                        if (r.get("route") == "list" and pages <= 1)
                        or r["path"].lower().endswith("/" + job["name"].lower())]
                seen = [0.0] + seen + [duration]
                longest = max(longest, max(b - a for a, b in zip(seen, seen[1:])))
            worst = f"{longest:.0f} ({len(watched)} jobs)"
        print(f"| {sub} | {len(reads)} | {pages} | {rate} | {max(gaps, default=0):.0f} | "
              f"{throttled} | {worst} |")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "jobs":
        jobs(sys.argv[2], sys.argv[3])
    elif command == "collect":
        collect(sys.argv[2], sys.argv[3], float(sys.argv[4]))
    elif command == "report":
        report(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    else:
        sys.exit(__doc__)
