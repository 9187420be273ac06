"""Median of each engine's runs and the ours/FAISS ratio table (QPS ratio: > 1 means ours is faster).

Usage: compare.py RESULTS.jsonl  (lines tagged with "dataset" and "run" by run.sh)
"""
import collections
import json
import statistics
import sys


def main():
    rows = collections.defaultdict(list)
    for line in open(sys.argv[1]):
        r = json.loads(line)
        rows[(r["dataset"], r["metric"], r["threads"], r["engine"])].append(r)
    keys = sorted({(d, m, t) for (d, m, t, _) in rows})
    print(f"| dataset | metric | threads | mode | FAISS QPS | ours QPS | ours/FAISS |")
    print(f"|---|---|---|---|---:|---:|---:|")
    for d, m, t in keys:
        ours, faiss = rows.get((d, m, t, "vectorstudio")), rows.get((d, m, t, "faiss"))
        if not ours or not faiss:
            continue
        for mode in ("single", "batch"):
            o = statistics.median(r[f"{mode}_qps"] for r in ours)
            f = statistics.median(r[f"{mode}_qps"] for r in faiss)
            label = "1 query/call" if mode == "single" else f"batch of {ours[0]['batch']}"
            print(f"| {d} | {m} | {t} | {label} | {f:,.0f} | {o:,.0f} | {o / f:.2f}× |")


if __name__ == "__main__":
    main()
