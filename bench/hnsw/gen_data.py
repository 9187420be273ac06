"""Writes seeded clustered .fvecs files for the HNSW benchmark.

Usage: gen_data.py OUT_DIR N D NQ SEED [--normalise]  ->  prints BASE QUERY paths
Gaussian clusters (sigma 0.25, 100 centres uniform in [-1, 1]); queries come from the same clusters.
With --normalise every vector has unit length (cosine / inner product).
"""
import os
import sys

import numpy as np


def write_fvecs(path, x):
    n, d = x.shape
    out = np.empty((n, d + 1), dtype=np.float32)
    out[:, 0] = np.array([d], dtype=np.int32).view(np.float32)[0]
    out[:, 1:] = x
    out.tofile(path)


def main():
    out_dir, n, d, nq, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    normalise = "--normalise" in sys.argv
    tag = f"{n}_{d}{'_norm' if normalise else ''}"
    base = os.path.join(out_dir, f"base_{tag}.fvecs")
    query = os.path.join(out_dir, f"query_{tag}.fvecs")
    if not os.path.exists(base):
        rng = np.random.default_rng(seed)
        centres = rng.uniform(-1, 1, (100, d)).astype(np.float32)
        x = centres[rng.integers(0, 100, n + nq)] + 0.25 * rng.standard_normal((n + nq, d), dtype=np.float32)
        if normalise:
            x /= np.linalg.norm(x, axis=1, keepdims=True)
        write_fvecs(base, x[:n])
        write_fvecs(query, x[n:])
    print(base, query)


if __name__ == "__main__":
    main()
