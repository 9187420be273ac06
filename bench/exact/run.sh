#!/usr/bin/env bash
# Exact search, Vector Studio vs FAISS (IndexFlatL2 / IndexFlatIP) on the same files and threads.
# Usage: bench/exact/run.sh [--threads N] [--runs 3] [--mnist DIR]
#   Generates 100k×128 and 100k×768 uniform random .fvecs (seed 42) in a temp dir, runs each engine
#   --runs times (each run: best of 3 after a warm-up, single-query and batch-of-200 modes), prints
#   the medians as a ratio table. Also runs the mnist-9k set (784-d bvecs) when its directory exists.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
threads=1
runs=3
mnist=/work/shared/data/mnist-9k
while [ $# -gt 0 ]; do
  case $1 in
    --threads) threads=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --mnist) mnist=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

# Debian's faiss is visible to /usr/bin/python3 only (not a pyenv python3 first on PATH). FAISS's batch
# mode runs BLAS sgemm: without OpenBLAS it falls back to the slow reference BLAS, which would make an
# unfairly weak baseline, so OpenBLAS is installed too. OpenBLAS 0.3.21 misdetects this CPU, hence the
# core type below.
py=/usr/bin/python3
packages=(python3-faiss python3-numpy libopenblas0-openmp)
bash "$root/scripts/apt-install.sh" exact "${packages[@]}"
export OPENBLAS_CORETYPE=SkylakeX OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads

echo "exact: building the benchmark runner (Release)" >&2
dotnet build -c Release "$root/tests/Benchmarks/VectorStudio.Benchmarks" -v q -nologo >/dev/null
runner=(dotnet "$root/tests/Benchmarks/VectorStudio.Benchmarks/bin/Release/net10.0/VectorStudio.Benchmarks.dll" exact)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results="$work/results.jsonl"
datasets=()
for d in 128 768; do
  read -r base query < <("$py" "$here/gen_data.py" "$work" 100000 "$d" 1000 42)
  datasets+=("random-100k-$d:$base:$query")
done
if [ -f "$mnist/mnist9k_base.bvecs" ] && [ -f "$mnist/mnist1k_query.bvecs" ]; then
  datasets+=("mnist-9k:$mnist/mnist9k_base.bvecs:$mnist/mnist1k_query.bvecs")
else
  echo "exact: mnist-9k is absent at $mnist (expected mnist9k_base.bvecs, mnist1k_query.bvecs); skipping it" >&2
fi

for entry in "${datasets[@]}"; do
  IFS=: read -r name base query <<<"$entry"
  for run in $(seq 1 "$runs"); do
    echo "exact: $name run $run/$runs" >&2
    args=(--base "$base" --queries "$query" --k 10 --threads "$threads" --batch 200 --single 100 --repeat 3)
    "$py" "$here/faiss_exact.py" "${args[@]}" | sed "s/^{/{\"dataset\": \"$name\", \"run\": $run, /" >>"$results"
    "${runner[@]}" "${args[@]}" | sed "s/^{/{\"dataset\": \"$name\", \"run\": $run, /" >>"$results"
  done
done

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc --all) cores; BLAS: $(readlink -f /usr/lib/x86_64-linux-gnu/libblas.so.3)"
"$py" "$here/compare.py" "$results"
cp "$results" "${EXACT_RESULTS:-/dev/null}" 2>/dev/null || true
