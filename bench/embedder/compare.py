"""Median embeddings/s of each engine's runs and the ours/baseline ratios (> 1 means ours is faster):
the ratio of the medians, and the median of the per-round ratios (each round runs a pair back to back,
so a per-round ratio cancels the slow load drift of a shared machine).

Usage: compare.py RESULTS.jsonl  (lines tagged with "run" by run.sh)
"""
import collections
import json
import statistics
import sys

PAIRS = [("torchscript", "vectorstudio-torchscript", "pytorch", "PyTorch (python3-torch)"),
         ("onnx", "vectorstudio-onnx", "onnxruntime-node", "onnxruntime-node")]


def main():
    rows = collections.defaultdict(list)
    for line in open(sys.argv[1]):
        r = json.loads(line)
        rows[(r["engine"], r["batch"], r["seq"], r["threads"])].append(r)
    for metric, unit in (("emb_per_s", "embeddings per wall-clock second"), ("emb_per_cpu_s", "embeddings per CPU second")):
        table(rows, metric, unit)


def table(all_rows, metric, unit):
    rows = {k: [r[metric] for r in v] for k, v in all_rows.items()}
    by_run = {k: {r["run"]: r[metric] for r in v} for k, v in all_rows.items()}
    shapes = sorted({(b, s, t) for (_, b, s, t) in rows})
    for backend, ours, base, label in PAIRS:
        print(f"\n{backend}: ours vs {label} ({unit}, median of runs)")
        print("| batch | seq | threads | baseline | ours | ours/baseline | median of round ratios | runs (ours; baseline) |")
        print("|---:|---:|---:|---:|---:|---:|---:|---|")
        for b, s, t in shapes:
            o, f = rows.get((ours, b, s, t)), rows.get((base, b, s, t))
            if not o or not f:
                continue
            mo, mf = statistics.median(o), statistics.median(f)
            po, pf = by_run[(ours, b, s, t)], by_run[(base, b, s, t)]
            paired = statistics.median(po[run] / pf[run] for run in po if run in pf)
            runs = f"{', '.join(f'{x:.0f}' for x in o)}; {', '.join(f'{x:.0f}' for x in f)}"
            print(f"| {b} | {s} | {t} | {mf:,.1f} | {mo:,.1f} | {mo / mf:.2f}× | {paired:.2f}× | {runs} |")


if __name__ == "__main__":
    main()
