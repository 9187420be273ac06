#!/usr/bin/env bash
# HNSW, Vector Studio vs hnswlib vs FAISS IndexHNSWFlat on the same files, M, ef_construction and ef.
# Usage: bench/hnsw/run.sh [--threads N] [--runs 3] [--m 16] [--efc 200] [--ef 16,32,64,128,256]
#                          [--sets clustered128,normalised768,mnist] [--int8] [--mnist DIR]
#                          [--engines hnswlib,faiss,vectorstudio]
#   Generates 100k×128 clustered (L2) and 100k×768 clustered unit-length (inner product = cosine)
#   .fvecs (seed 42), runs each engine --runs times, prints medians and ratios against hnswlib.
#   Also runs mnist-9k (784-d bvecs, L2) when its directory exists. --int8 adds our int8 traversal.
#   --engines leaves engines out (hnswlib is the reference of every ratio; FAISS is the slowest to build).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
threads=$(nproc)
runs=3
m=16
efc=200
ef=16,32,64,128,256
sets=clustered128,normalised768,mnist
int8=0
mnist=/work/shared/data/mnist-9k
engines=hnswlib,faiss,vectorstudio
while [ $# -gt 0 ]; do
  case $1 in
    --threads) threads=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --m) m=$2; shift 2 ;;
    --efc) efc=$2; shift 2 ;;
    --ef) ef=$2; shift 2 ;;
    --sets) sets=$2; shift 2 ;;
    --int8) int8=1; shift ;;
    --mnist) mnist=$2; shift 2 ;;
    --engines) engines=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

# Debian's hnswlib and faiss are visible to /usr/bin/python3 only (not a pyenv python3 first on PATH).
#
py=/usr/bin/python3
packages=(python3-hnswlib python3-faiss python3-numpy libopenblas0-openmp)
bash "$root/scripts/apt-install.sh" hnsw "${packages[@]}"
export OPENBLAS_CORETYPE=SkylakeX OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=1

echo "hnsw: building the benchmark runner (Release)" >&2
dotnet build -c Release "$root/tests/Benchmarks/VectorStudio.Benchmarks" -v q -nologo >/dev/null
runner=(dotnet "$root/tests/Benchmarks/VectorStudio.Benchmarks/bin/Release/net10.0/VectorStudio.Benchmarks.dll" hnsw)

work=${HNSW_WORK:-$(mktemp -d)}
results="$work/results.jsonl"
: >"$results"
datasets=()
if [[ $sets == *clustered128* ]]; then
  read -r base query < <("$py" "$here/gen_data.py" "$work" 100000 128 1000 42)
  datasets+=("clustered-100k-128:l2:$base:$query")
fi
if [[ $sets == *normalised768* ]]; then
  read -r base query < <("$py" "$here/gen_data.py" "$work" 100000 768 1000 42 --normalise)
  datasets+=("normalised-100k-768:ip:$base:$query")
fi
if [[ $sets == *mnist* ]]; then
  if [ -f "$mnist/mnist9k_base.bvecs" ] && [ -f "$mnist/mnist1k_query.bvecs" ]; then
    datasets+=("mnist-9k:l2:$mnist/mnist9k_base.bvecs:$mnist/mnist1k_query.bvecs")
  else
    echo "hnsw: mnist-9k is ABSENT at $mnist (expected mnist9k_base.bvecs, mnist1k_query.bvecs); skipping it" >&2
  fi
fi

tag() { sed "s/^{/{\"dataset\": \"$1\", \"run\": $2, /"; }
for entry in "${datasets[@]}"; do
  IFS=: read -r name metric base query <<<"$entry"
  args=(--base "$base" --queries "$query" --metric "$metric" --m "$m" --efc "$efc" --ef "$ef" --threads "$threads" --k 10)
  for run in $(seq 1 "$runs"); do
    echo "hnsw: $name run $run/$runs" >&2
    if [[ $engines == *hnswlib* ]]; then
      "$py" "$here/ref_hnsw.py" --engine hnswlib "${args[@]}" | tag "$name" "$run" >>"$results"
    fi
    if [[ $engines == *faiss* ]]; then
      "$py" "$here/ref_hnsw.py" --engine faiss "${args[@]}" | tag "$name" "$run" >>"$results"
    fi
    if [[ $engines == *vectorstudio* ]]; then
      "${runner[@]}" "${args[@]}" | tag "$name" "$run" >>"$results"
    fi
    if [ "$int8" = 1 ]; then
      "${runner[@]}" "${args[@]}" --int8 | tag "$name" "$run" >>"$results"
    fi
  done
done

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores (shared, noisy); M=$m ef_construction=$efc threads=$threads"
"$py" "$here/compare.py" "$results"
echo "raw results: $results" >&2
