"""FAISS exact search, timed the way `VectorStudio.Benchmarks exact` times ours.

Usage: faiss_exact.py --base B --queries Q [--k 10] [--threads 1] [--batch 200] [--single 100]
                      [--metric l2,ip] [--repeat 3]
Prints one JSON object per metric: IndexFlatL2 (l2) or IndexFlatIP (ip); single = one search() call
per query, batch = one call with `batch` queries (FAISS then uses BLAS sgemm); best of `repeat` after
a warm-up run.
"""
import argparse
import json
import time

import faiss
import numpy as np


def read_vecs(path):
    raw = np.fromfile(path, dtype=np.uint8)
    if path.endswith(".bvecs"):
        d = int(raw[:4].view(np.int32)[0])
        return raw.reshape(-1, d + 4)[:, 4:].astype(np.float32)
    d = int(raw[:4].view(np.int32)[0])
    return raw.view(np.float32).reshape(-1, d + 1)[:, 1:].copy()


def best(repeat, fn):
    fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return min(times)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", required=True)
    p.add_argument("--queries", required=True)
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batch", type=int, default=200)
    p.add_argument("--single", type=int, default=100)
    p.add_argument("--metric", default="l2,ip")
    p.add_argument("--repeat", type=int, default=3)
    a = p.parse_args()
    faiss.omp_set_num_threads(a.threads)
    xb = np.ascontiguousarray(read_vecs(a.base))
    xq = np.ascontiguousarray(read_vecs(a.queries))
    batch = min(a.batch, len(xq))
    single = min(a.single, len(xq))
    for metric in a.metric.split(","):
        index = faiss.IndexFlatL2(xb.shape[1]) if metric == "l2" else faiss.IndexFlatIP(xb.shape[1])
        t = time.perf_counter()
        index.add(xb)
        load_ms = (time.perf_counter() - t) * 1000
        singles = [xq[i:i + 1] for i in range(single)]
        single_ms = best(a.repeat, lambda: [index.search(q, a.k) for q in singles])
        xbatch = xq[:batch]
        batch_ms = best(a.repeat, lambda: index.search(xbatch, a.k))
        print(json.dumps({
            "engine": "faiss", "metric": metric, "n": int(xb.shape[0]), "d": int(xb.shape[1]), "k": a.k,
            "threads": a.threads, "load_ms": round(load_ms, 1), "single_queries": single,
            "single_ms_per_query": round(single_ms / single, 4), "single_qps": round(single * 1000 / single_ms, 1),
            "batch": batch, "batch_ms": round(batch_ms, 3), "batch_qps": round(batch * 1000 / batch_ms, 1),
        }))


if __name__ == "__main__":
    main()
