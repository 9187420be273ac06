"""PyTorch baseline for bench/embedder/run.sh (Debian's python3-torch, run with /usr/bin/python3).

Loads the same TorchScript file the node loads and runs forward(input_ids, attention_mask) under
inference mode with the same loop and JSON lines as `VectorStudio.Benchmarks embedder`: embeddings
per wall-clock second and per CPU second of the process (the steadier figure on a shared machine).
Usage: torch_bench.py --model M.pt [--threads 1] [--batches 1,32] [--seqs 32,128] [--seconds 2]
                      [--repeat 3] [--vocab 1000]
"""
import argparse
import json
import time

import torch


def inputs(batch, seq, vocab):
    """Deterministic ids shared by all three drivers: [CLS]=2, words, [SEP]=3; every token attended."""
    ids = torch.tensor([5 + ((i * 7919 + 13) % (vocab - 5)) for i in range(batch * seq)], dtype=torch.int64).view(batch, seq)
    ids[:, 0] = 2
    ids[:, seq - 1] = 3
    return ids, torch.ones(batch, seq, dtype=torch.int64)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--batches", default="1,32")
    p.add_argument("--seqs", default="32,128")
    p.add_argument("--seconds", type=float, default=2)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--vocab", type=int, default=1000)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    model = torch.jit.load(a.model).eval()
    for batch in map(int, a.batches.split(",")):
        for seq in map(int, a.seqs.split(",")):
            ids, mask = inputs(batch, seq, a.vocab)
            with torch.inference_mode():
                for _ in range(3):
                    model(ids, mask)
                best, best_cpu = 0.0, 0.0
                for _ in range(a.repeat):
                    n, start, cpu_start, elapsed = 0, time.perf_counter(), time.process_time(), 0.0
                    while n < 3 or elapsed < a.seconds:
                        model(ids, mask)
                        n += 1
                        elapsed = time.perf_counter() - start
                    best = max(best, n * batch / elapsed)
                    best_cpu = max(best_cpu, n * batch / (time.process_time() - cpu_start))
            print(json.dumps({"engine": "pytorch", "backend": "torchscript", "batch": batch, "seq": seq,
                              "threads": a.threads, "emb_per_s": round(best, 1),
                              "emb_per_cpu_s": round(best_cpu, 1)}), flush=True)


if __name__ == "__main__":
    main()
