#!/usr/bin/env python3
"""Grouping accuracy and throughput of casefile's template miner beside Drain3.

Usage: patterns_bench.py CASEFILE_BINARY LOGHUB_DIR WORK_DIR

Grouping accuracy (GA) on the five Loghub 2k samples: a line counts as right
when the set of lines grouped with it equals its ground-truth group
(`EventId` in *_structured.csv). Drain3 (PyPI drain3, default settings, no
masking config) is given each line's ground-truth `Content` (its best case:
the header already split off); casefile is given the raw log file and finds
the message itself (`casefile merge --json --patterns`).

Throughput: the five samples repeated to 200,000 lines; Drain3 mines every raw
line in-process (load and parse not counted), casefile's time is the whole
`casefile patterns --json` process (read, detect, index, mine, print).
"""
import csv
import json
import logging
import os
import resource
import subprocess
import sys
import time
from collections import defaultdict

from drain3 import TemplateMiner

logging.disable(logging.WARNING)  # drain3 warns that it has no config file: defaults are intended

FILES = ["Android", "HDFS", "OpenStack", "Spark", "Thunderbird"]


def ga(pred, truth):
    """Grouping accuracy of predicted labels against true labels (same length)."""
    by_pred, by_truth = defaultdict(set), defaultdict(set)
    for i, (p, t) in enumerate(zip(pred, truth)):
        by_pred[p].add(i)
        by_truth[t].add(i)
    right = 0
    for members in by_pred.values():
        first = next(iter(members))
        if by_truth[truth[first]] == members:
            right += len(members)
    return right / len(truth)


def drain3_labels(lines):
    """Labels, and the CPU seconds mining took."""
    tm = TemplateMiner()
    t0 = time.process_time()
    labels = [tm.add_log_message(l)["cluster_id"] for l in lines]
    return labels, time.process_time() - t0


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def casefile_labels(binary, path):
    out = subprocess.run(
        [binary, "merge", "--json", "--patterns", "--tz", "UTC", path],
        check=True, capture_output=True, text=True).stdout
    recs = [json.loads(l) for l in out.splitlines()]
    recs.sort(key=lambda r: r["record"])
    return [r["pattern"] for r in recs]


def main():
    binary, loghub, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    print("| file | lines | Drain3 GA | casefile GA |")
    print("|---|---|---|---|")
    sums = [0.0, 0.0]
    for name in FILES:
        rows = list(csv.DictReader(open(f"{loghub}/{name}_2k.log_structured.csv", encoding="utf-8")))
        truth = [r["EventId"] for r in rows]
        d, _ = drain3_labels([r["Content"] for r in rows])
        c = casefile_labels(binary, f"{loghub}/{name}_2k.log")
        if len(c) != len(truth):
            print(f"| {name} | {len(truth)} | {ga(d, truth):.3f} | casefile read {len(c)} records, not {len(truth)} lines |")
            continue
        g = (ga(d, truth), ga(c, truth))
        sums[0] += g[0]
        sums[1] += g[1]
        print(f"| {name} | {len(truth)} | {g[0]:.3f} | {g[1]:.3f} |")
    print(f"| **average** | | **{sums[0] / 5:.3f}** | **{sums[1] / 5:.3f}** |")

    lines = []
    for name in FILES:
        with open(f"{loghub}/{name}_2k.log", encoding="utf-8", errors="replace") as f:
            lines.extend(l.rstrip("\n") for l in f)
    lines = (lines * (200_000 // len(lines) + 1))[:200_000]
    big = f"{work}/loghub-200k.log"
    with open(big, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    _, dt = drain3_labels(lines)
    runs = []
    for _ in range(3):
        t0, c0 = time.perf_counter(), child_cpu()
        subprocess.run([binary, "patterns", "--json", "--tz", "UTC", big], check=True, stdout=subprocess.DEVNULL)
        runs.append((child_cpu() - c0, time.perf_counter() - t0))
    ct, wall = min(runs)
    # CPU time, not wall time: on a shared machine wall time measures the neighbours.
    print()
    print("| 200,000 lines | CPU seconds | lines per CPU second |")
    print("|---|---|---|")
    print(f"| Drain3 (mining only) | {dt:.2f} | {200_000 / dt:,.0f} |")
    print(f"| casefile patterns (whole process: read, index, mine, print; best of 3; wall {wall:.2f} s) | {ct:.3f} | {200_000 / ct:,.0f} |")
    print(f"\ncasefile / Drain3 throughput: **{dt / ct:.0f}×** (load average {os.getloadavg()[0]:.1f})")


if __name__ == "__main__":
    main()
