"""Writes seeded random .fvecs files for the exact-search benchmark.

Usage: gen_data.py OUT_DIR N D NQ SEED  ->  OUT_DIR/base_N_D.fvecs, OUT_DIR/query_N_D.fvecs
Uniform [0, 1) floats, like FAISS's own benchmarks of flat indexes.
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
    rng = np.random.default_rng(seed)
    base = os.path.join(out_dir, f"base_{n}_{d}.fvecs")
    query = os.path.join(out_dir, f"query_{n}_{d}.fvecs")
    if not os.path.exists(base):
        write_fvecs(base, rng.random((n, d), dtype=np.float32))
        write_fvecs(query, rng.random((nq, d), dtype=np.float32))
    print(base, query)


if __name__ == "__main__":
    main()
