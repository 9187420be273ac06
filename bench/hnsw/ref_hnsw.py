"""hnswlib or FAISS IndexHNSWFlat on .fvecs/.bvecs files; one JSON line per ef (like `hnsw` of the C# runner).

Usage: ref_hnsw.py --engine hnswlib|faiss --base B --queries Q [--metric l2|ip] [--m 16] [--efc 200]
                   [--ef 16,32,64] [--threads 2] [--k 10] [--nq 1000]
QPS(1) is one batch call over all queries with one thread (no per-query Python overhead), QPS(all) the
same with --threads; latencies are per-query calls and include the Python call overhead (~10 us).
"""
import argparse
import json
import os
import sys
import time

import numpy as np


def read_vecs(path):
    raw = np.fromfile(path, dtype=np.uint8)
    d = raw[:4].view(np.int32)[0]
    if path.endswith(".bvecs"):
        return raw.reshape(-1, d + 4)[:, 4:].astype(np.float32)
    return raw.view(np.float32).reshape(-1, d + 1)[:, 1:].copy()


def rss_bytes():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def ground_truth(base, queries, k, metric):
    truth = []
    base_sq = (base * base).sum(1)
    for start in range(0, len(queries), 256):
        q = queries[start:start + 256]
        scores = q @ base.T
        keys = -scores if metric == "ip" else base_sq[None, :] - 2 * scores
        part = np.argpartition(keys, k, axis=1)[:, :k]
        truth.extend(set(row) for row in part)
    return truth


def build(args, base):
    d = base.shape[1]
    if args.engine == "hnswlib":
        import hnswlib
        index = hnswlib.Index(space="l2" if args.metric == "l2" else "ip", dim=d)
        index.init_index(max_elements=len(base), ef_construction=args.efc, M=args.m, random_seed=42)
        index.set_num_threads(args.threads)
        index.add_items(base, np.arange(len(base)))
        # hnswlib 0.6's own structures per element: the level-0 block (count + 2M links, the vector, the
        # 8-byte label), the link-list pointer (8), the element level (4), one std::mutex (40), and upper
        # links (count + M ints per level, 1/(M-1) levels on average). The label -> id hash map is left
        # out, as ours leaves out its id map: both sides count vectors and graph.
        level0 = 4 + 4 * 2 * args.m + 4 * d + 8
        return index, level0 + 8 + 4 + 40 + 4 * (args.m + 1) / (args.m - 1)
    import faiss
    faiss.omp_set_num_threads(args.threads)
    metric = faiss.METRIC_L2 if args.metric == "l2" else faiss.METRIC_INNER_PRODUCT
    index = faiss.IndexHNSWFlat(d, args.m, metric)
    index.hnsw.efConstruction = args.efc
    index.add(base)
    # FAISS IndexHNSWFlat: the vector, 2M level-0 neighbours plus M per upper level (1/(M-1) levels on
    # average), the per-node offset (8) and level (4).
    return index, 4 * d + 4 * 2 * args.m + 4 * args.m / (args.m - 1) + 12


def search(args, index, queries, ef, threads):
    if args.engine == "hnswlib":
        index.set_ef(ef)
        index.set_num_threads(threads)
        return index.knn_query(queries, k=args.k)[0]
    import faiss
    faiss.omp_set_num_threads(threads)
    index.hnsw.efSearch = ef
    return index.search(queries, args.k)[1]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--engine", required=True)
    p.add_argument("--base", required=True)
    p.add_argument("--queries", required=True)
    p.add_argument("--metric", default="l2")
    p.add_argument("--m", type=int, default=16)
    p.add_argument("--efc", type=int, default=200)
    p.add_argument("--ef", default="16,32,64,128,256")
    p.add_argument("--threads", type=int, default=os.cpu_count())
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--nq", type=int, default=1000)
    args = p.parse_args()
    base = read_vecs(args.base)
    queries = read_vecs(args.queries)[:args.nq]
    truth = ground_truth(base, queries, args.k, args.metric)
    rss0 = rss_bytes()
    start = time.perf_counter()
    index, layout_bytes = build(args, base)
    build_s = time.perf_counter() - start
    rss_delta = rss_bytes() - rss0
    for ef in [int(e) for e in args.ef.split(",")]:
        search(args, index, queries, ef, 1)
        start, cpu = time.perf_counter(), time.process_time()
        labels = search(args, index, queries, ef, 1)
        qps1 = len(queries) / (time.perf_counter() - start)
        qps1_cpu = len(queries) / (time.process_time() - cpu)
        start = time.perf_counter()
        search(args, index, queries, ef, args.threads)
        qps_all = len(queries) / (time.perf_counter() - start)
        lat = []
        for q in queries[:200]:
            t = time.perf_counter()
            search(args, index, q[None, :], ef, 1)
            lat.append((time.perf_counter() - t) * 1000)
        lat.sort()
        recall = sum(len(set(labels[i]) & truth[i]) for i in range(len(queries))) / (len(queries) * args.k)
        print(json.dumps({
            "engine": args.engine, "metric": args.metric, "n": len(base), "d": base.shape[1], "m": args.m,
            "efc": args.efc, "ef": ef, "k": args.k, "threads": args.threads, "build_s": round(build_s, 3),
            "bytes_per_vector": round(rss_delta / len(base), 1),
            "index_bytes_per_vector": round(layout_bytes, 1),
            "recall": round(recall, 4), "qps_1": round(qps1, 1), "qps_1_cpu": round(qps1_cpu, 1),
            "qps_all": round(qps_all, 1),
            "p50_ms": round(lat[len(lat) // 2], 4), "p99_ms": round(lat[int(len(lat) * 0.99)], 4),
        }))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
