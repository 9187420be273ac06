"""Medians over runs per (dataset, engine, ef), a table, and ratios against hnswlib.

Usage: compare.py RESULTS.jsonl
Ratios: single-thread QPS at the smallest ef whose median recall@10 >= 0.95 (per engine), build time and
bytes per vector (ours: accounted collection bytes; hnswlib/FAISS: process RSS growth during the build).
"""
import json
import statistics
import sys
from collections import defaultdict


def main():
    rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
    groups = defaultdict(list)
    for r in rows:
        groups[(r["dataset"], r["engine"], r["ef"])].append(r)
    med = {}
    for key, rs in groups.items():
        m = dict(rs[0])
        for f in ("build_s", "bytes_per_vector", "recall", "qps_1", "qps_all", "p50_ms", "p99_ms"):
            m[f] = statistics.median(r[f] for r in rs)
        m["runs"] = len(rs)
        med[key] = m
    for dataset in sorted({k[0] for k in med}):
        print(f"\n== {dataset}")
        print(f"{'engine':<18}{'ef':>5}{'recall':>8}{'QPS(1)':>9}{'QPS(all)':>10}{'p50 ms':>9}{'p99 ms':>9}"
              f"{'build s':>9}{'B/vec':>8}{'runs':>5}")
        engines = sorted({k[1] for k in med if k[0] == dataset})
        at95 = {}
        for e in engines:
            for key in sorted(k for k in med if k[0] == dataset and k[1] == e):
                m = med[key]
                print(f"{e:<18}{m['ef']:>5}{m['recall']:>8.4f}{m['qps_1']:>9.0f}{m['qps_all']:>10.0f}{m['p50_ms']:>9.3f}"
                      f"{m['p99_ms']:>9.3f}{m['build_s']:>9.2f}{m['bytes_per_vector']:>8.0f}{m['runs']:>5}")
                if m["recall"] >= 0.95 and e not in at95:
                    at95[e] = m
        ref = at95.get("hnswlib")
        if not ref:
            print("hnswlib did not reach recall 0.95; no ratios")
            continue
        for e, m in at95.items():
            print(f"  {e:<18} at recall>=0.95 (ef {m['ef']}, recall {m['recall']:.3f}): "
                  f"QPS(1) {m['qps_1'] / ref['qps_1']:.2f}x hnswlib, build {m['build_s'] / ref['build_s']:.2f}x, "
                  f"bytes/vector {m['bytes_per_vector'] / ref['bytes_per_vector']:.2f}x")


if __name__ == "__main__":
    main()
