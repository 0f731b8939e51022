#!/usr/bin/env python3
"""Times full job listings with the official Python SDK (azure-mgmt-storageimportexport
0.1.0): the whole subscription, page after page through nextLink, as iejobs lists it.

Usage: list_bench.py URL SUBSCRIPTION RUNS
Prints one JSON line: {"jobs": N, "seconds": [run1, run2, ...]}.
"""

import json
import sys
import time

from msrest.authentication import BasicTokenAuthentication

from azure.mgmt.storageimportexport import StorageImportExport


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    url, subscription, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    credentials = BasicTokenAuthentication({"access_token": "bench-token"})
    client = StorageImportExport(credentials, subscription, base_url=url)
    seconds = []
    count = 0
    for _ in range(runs):
        started = time.perf_counter()
        count = sum(1 for _ in client.jobs.list_by_subscription(top=100))
        seconds.append(time.perf_counter() - started)
    print(json.dumps({"jobs": count, "seconds": seconds}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
