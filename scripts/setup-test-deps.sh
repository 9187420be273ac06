#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine that has only the .NET SDK:
# independent gRPC peers (Python grpcio, Node grpc-js), promtool, the embedder's reference
# tokenizer and TFRecord reader (npm @huggingface/tokenizers, @roboflow/tfrecords), the embedder's
# native libraries (LibTorch shim, ONNX Runtime) and python3-torch for its test models. Idempotent: a second run
# only checks. Needs root (or sudo) for apt-get.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

apt_packages=(python3-grpcio python3-grpc-tools protobuf-compiler protobuf-compiler-grpc python3-numpy prometheus)
# Embedder tests: Debian's PyTorch builds the test models (TorchScript + ONNX export) and reads .pt exports.
apt_packages+=(python3-torch)
# Node may come from elsewhere (an SDK image ships its own); only install it when absent.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  apt_packages+=(nodejs npm)
fi
bash "$here/scripts/apt-install.sh" setup "${apt_packages[@]}"

node_dir="$here/tests/interop/node"
# Install when any dependency package.json names is missing (a new one added since the last run too).
node_deps_missing() {
  (cd "$node_dir" && node -e '
    const fs = require("fs");
    const deps = Object.keys(require("./package.json").dependencies || {});
    process.exit(deps.every(d => fs.existsSync(`node_modules/${d}/package.json`)) ? 1 : 0);')
}
if [ -f "$node_dir/package.json" ] && node_deps_missing; then
  echo "setup: installing npm packages in tests/interop/node"
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
# libvstorch.so (CMake against libtorch-dev) and libonnxruntime.so.1 (from npm onnxruntime-node) into
# embedder-node/native/out/, which the embedder project copies next to its assembly.
bash "$here/scripts/build-native.sh"
echo "setup: test dependencies ready"
