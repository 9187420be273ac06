"""Medians over runs per (dataset, engine, ef), a table, and ratios against hnswlib.

Usage: compare.py RESULTS.jsonl
Each engine is compared at the smallest ef whose median recall@10 >= 0.95. Ratios are taken within each
run (the engines of one run ran back to back under the same machine load) and the median over runs is
printed with the per-run values: single-thread QPS (wall-clock, and per CPU second of the process, which is
steadier when other jobs share the cores), build time, bytes per vector as resident-set growth
during the build (B/vec RSS) and as accounted vectors + graph (B/vec acc.; see ref_hnsw.py and the
runner's remarks for what each side counts). vectorstudio-int8 is also compared with vectorstudio.
"""
import json
import statistics
import sys
from collections import defaultdict

FIELDS = ("build_s", "bytes_per_vector", "index_bytes_per_vector", "recall", "qps_1", "qps_1_cpu", "qps_all",
          "p50_ms", "p99_ms")


def ratio_line(rows, a, b, field, invert=False):
    """Median and per-run values of rows[a][run][field] / rows[b][run][field] over runs both have."""
    runs = sorted(set(rows[a]) & set(rows[b]))
    values = [rows[a][r][field] / rows[b][r][field] for r in runs if rows[a][r].get(field) and rows[b][r].get(field)]
    if invert:
        values = [1 / v for v in values]
    if not values:
        return "n/a"
    return f"{statistics.median(values):.2f}x ({', '.join(f'{v:.2f}' for v in values)})"


def main():
    rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
    groups = defaultdict(list)
    for r in rows:
        groups[(r["dataset"], r["engine"], r["ef"])].append(r)
    med = {}
    for key, rs in groups.items():
        m = dict(rs[0])
        for f in FIELDS:
            m[f] = statistics.median(r.get(f) or 0 for r in rs)
        m["runs"] = len(rs)
        med[key] = m
    for dataset in sorted({k[0] for k in med}):
        print(f"\n== {dataset}")
        print(f"{'engine':<18}{'ef':>5}{'recall':>8}{'QPS(1)':>9}{'QPS(all)':>10}{'p50 ms':>9}{'p99 ms':>9}"
              f"{'build s':>9}{'B/vec RSS':>10}{'B/vec acc.':>11}{'runs':>5}")
        engines = sorted({k[1] for k in med if k[0] == dataset})
        at95 = {}
        for e in engines:
            for key in sorted(k for k in med if k[0] == dataset and k[1] == e):
                m = med[key]
                print(f"{e:<18}{m['ef']:>5}{m['recall']:>8.4f}{m['qps_1']:>9.0f}{m['qps_all']:>10.0f}"
                      f"{m['p50_ms']:>9.3f}{m['p99_ms']:>9.3f}{m['build_s']:>9.2f}{m['bytes_per_vector']:>10.0f}"
                      f"{m['index_bytes_per_vector']:>11.0f}{m['runs']:>5}")
                if m["recall"] >= 0.95 and e not in at95:
                    at95[e] = m
        # Per run, each engine's row at its chosen ef.
        per_run = {e: {r["run"]: r for r in groups[(dataset, e, m["ef"])]} for e, m in at95.items()}
        if "hnswlib" not in at95:
            print("hnswlib did not reach recall 0.95; no ratios against it")
        else:
            for e, m in at95.items():
                print(f"  {e:<18} at recall>=0.95 (ef {m['ef']}, recall {m['recall']:.3f}) vs hnswlib "
                      f"(ef {at95['hnswlib']['ef']}): QPS(1) {ratio_line(per_run, e, 'hnswlib', 'qps_1')}, "
                      f"QPS(1) per CPU s {ratio_line(per_run, e, 'hnswlib', 'qps_1_cpu')}, "
                      f"build {ratio_line(per_run, e, 'hnswlib', 'build_s')}, "
                      f"B/vec RSS {ratio_line(per_run, e, 'hnswlib', 'bytes_per_vector')}, "
                      f"B/vec acc. {ratio_line(per_run, e, 'hnswlib', 'index_bytes_per_vector')}")
        if "vectorstudio" in at95 and "vectorstudio-int8" in at95:
            print(f"  int8 vs float (ef {at95['vectorstudio-int8']['ef']} vs {at95['vectorstudio']['ef']}): "
                  f"QPS(1) {ratio_line(per_run, 'vectorstudio-int8', 'vectorstudio', 'qps_1')}, "
                  f"B/vec acc. {ratio_line(per_run, 'vectorstudio-int8', 'vectorstudio', 'index_bytes_per_vector')}")


if __name__ == "__main__":
    main()
