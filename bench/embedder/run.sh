#!/usr/bin/env bash
# Embedder runtimes on CPU: our TorchScript backend vs PyTorch (Debian's python3-torch) on the same
# TorchScript file, and our ONNX Runtime backend vs onnxruntime-node on the same ONNX export; same
# threads, batch 1 and 32, sequence 32 and 128.
# Usage: bench/embedder/run.sh [--threads 1] [--runs 3] [--seconds 2] [--hidden 384]
#   Builds a BERT-like model (tests/fixtures/embedder/make_model.py: 2 layers, hidden 384, 6 heads,
#   fixed seed) in a temp dir, then per run and shape executes each engine once, each pair back to
#   back (pytorch / ours torchscript, onnxruntime-node / ours onnx; baseline first in odd runs, ours
#   first in even ones) so drift of the shared machine hits both sides of a ratio alike; each engine
#   reports the best of 3 windows of --seconds, as embeddings per wall-clock second and per CPU second
#   (steadier on a shared machine). Prints median-of-runs tables of both.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
threads=1
runs=3
seconds=2
hidden=384
while [ $# -gt 0 ]; do
  case $1 in
    --threads) threads=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --hidden) hidden=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

py=/usr/bin/python3
bash "$root/scripts/apt-install.sh" embedder-bench python3-torch libopenblas0-openmp
bash "$root/scripts/build-native.sh"
if [ ! -d "$here/node/node_modules/onnxruntime-node" ]; then
  # --ignore-scripts: onnxruntime-node's install script only downloads CUDA add-ons (and fails offline).
  (cd "$here/node" && ONNXRUNTIME_NODE_INSTALL=skip npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
# Both LibTorch sides need the OpenBLAS core type (0.3.21 misdetects AVX-512 CPUs); one thread pool size for all.
export OPENBLAS_CORETYPE=SkylakeX OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads
# Our LibTorch process sets these glibc malloc thresholds itself (MallocTuning.cs: LibTorch's per-forward
# buffers stay in the heap instead of being unmapped and faulted in again); PyTorch gets the same through
# glibc's variables, so the comparison is not won on a setting the baseline could use too.
malloc_env=(MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=536870912)

echo "embedder: building the benchmark runner (Release)" >&2
dotnet build -c Release "$root/tests/Benchmarks/VectorStudio.Benchmarks" -v q -nologo >/dev/null
runner=(dotnet "$root/tests/Benchmarks/VectorStudio.Benchmarks/bin/Release/net10.0/VectorStudio.Benchmarks.dll" embedder)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
heads=$(( hidden % 64 == 0 ? hidden / 64 : 4 ))
"$py" "$root/tests/fixtures/embedder/make_model.py" "$work" --hidden "$hidden" --heads "$heads" --layers 2 --max-len 128 --no-expected
results="$work/results.jsonl"
pytorch() { env "${malloc_env[@]}" "$py" "$here/torch_bench.py" --model "$work/pooled-torchscript/model.pt" "$@"; }
ours_torchscript() { "${runner[@]}" --package "$work/pooled-torchscript" "$@" 2>/dev/null; }
ort_node() { node "$here/node/ort_bench.js" --model "$work/pooled-onnx/model.onnx" "$@"; }
ours_onnx() { "${runner[@]}" --package "$work/pooled-onnx" "$@" 2>/dev/null; }
for run in $(seq 1 "$runs"); do
  echo "embedder: run $run/$runs" >&2
  tag="s/^{/{\"run\": $run, /"
  for shape in "1 32" "1 128" "32 32" "32 128"; do
    read -r batch seq <<<"$shape"
    common=(--threads "$threads" --batches "$batch" --seqs "$seq" --seconds "$seconds" --repeat 3)
    # Each pair runs back to back on one shape, the baseline first in odd rounds and ours first in even
    # ones, so a load swing of the shared machine falls on both sides of a ratio alike.
    if [ $((run % 2)) -eq 1 ]; then
      order=(pytorch ours_torchscript ort_node ours_onnx)
    else
      order=(ours_torchscript pytorch ours_onnx ort_node)
    fi
    for engine in "${order[@]}"; do
      "$engine" "${common[@]}" | sed "$tag" >>"$results"
    done
  done
done

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc --all) cores, load $(cut -d' ' -f1-3 /proc/loadavg); model: hidden $hidden, 2 layers, $heads heads"
"$py" "$here/compare.py" "$results"
cp "$results" "${EMBEDDER_RESULTS:-/dev/null}" 2>/dev/null || true
