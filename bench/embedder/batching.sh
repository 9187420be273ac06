#!/usr/bin/env bash
# Micro-batching under load: 64 concurrent single-text Embed calls over gRPC against an embedder node
# with batches of one, then with dynamic micro-batching; prints both and the ratio (target >= 4x).
# Usage: bench/embedder/batching.sh [--concurrency 64] [--seconds 5] [--hidden 384] [--runs 3]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
concurrency=64 seconds=5 hidden=384 runs=3
while [ $# -gt 0 ]; do
  case $1 in
    --concurrency) concurrency=$2; shift 2 ;;
    --seconds) seconds=$2; shift 2 ;;
    --hidden) hidden=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
bash "$root/scripts/apt-install.sh" embedder-bench python3-torch libopenblas0-openmp
bash "$root/scripts/build-native.sh"
export OPENBLAS_CORETYPE=SkylakeX
dotnet build -c Release "$root/tests/Benchmarks/VectorStudio.Benchmarks" -v q -nologo >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
heads=$(( hidden % 64 == 0 ? hidden / 64 : 4 ))
/usr/bin/python3 "$root/tests/fixtures/embedder/make_model.py" "$work" --hidden "$hidden" --heads "$heads" --layers 2 --max-len 128 --no-expected
for run in $(seq 1 "$runs"); do
  dotnet "$root/tests/Benchmarks/VectorStudio.Benchmarks/bin/Release/net10.0/VectorStudio.Benchmarks.dll" embed-load \
    --model "$work/pooled-torchscript" --concurrency "$concurrency" --seconds "$seconds"
done
