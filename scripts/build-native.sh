#!/usr/bin/env bash
# Builds the embedder's native libraries into embedder-node/native/out/ (the C# project copies what
# is there next to its assembly):
#   libvstorch.so          our LibTorch shim (CMake against Debian's libtorch-dev 1.13, CPU)
#   libonnxruntime.so.1    ONNX Runtime's C API, taken from the npm package onnxruntime-node
# Idempotent: apt and npm steps run only when something is missing; CMake rebuilds only what changed.
# Usage: scripts/build-native.sh [--clean]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
native="$root/embedder-node/native"
out="$native/out"
build="$native/build"
ort_version=1.30.0

if [ "${1:-}" = "--clean" ]; then
  rm -rf "$out" "$build"
fi

# libopenblas0-openmp: Debian's default reference BLAS makes LibTorch 30-60x slower.
# libdnnl-dev: the headers of the oneDNN LibTorch links, for the prepacked linear layers (prepack.cpp).
bash "$root/scripts/apt-install.sh" native cmake g++ make libtorch-dev libopenblas0-openmp libdnnl-dev

mkdir -p "$out" "$build"
cmake -S "$native" -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_LIBRARY_OUTPUT_DIRECTORY="$out" >/dev/null
cmake --build "$build" -j "$(nproc)" >/dev/null
echo "native: $out/libvstorch.so"

# onnxruntime-node carries libonnxruntime.so for linux x64. Its install script downloads CUDA add-ons
# and fails offline, so the tarball is fetched with npm pack and unpacked; no script of it runs.
stamp="$out/onnxruntime.version"
if [ ! -f "$out/libonnxruntime.so.1" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$ort_version" ]; then
  command -v npm >/dev/null || bash "$root/scripts/apt-install.sh" native nodejs npm
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && ONNXRUNTIME_NODE_INSTALL=skip npm pack "onnxruntime-node@$ort_version" --silent >/dev/null)
  tar -xzf "$tmp/onnxruntime-node-$ort_version.tgz" -C "$tmp" package/bin/napi-v6/linux/x64/libonnxruntime.so.1
  install -m 0755 "$tmp/package/bin/napi-v6/linux/x64/libonnxruntime.so.1" "$out/libonnxruntime.so.1"
  echo "$ort_version" >"$stamp"
fi
echo "native: $out/libonnxruntime.so.1 ($ort_version)"
