#!/usr/bin/env bash
# Installs what the test suite needs on a fresh Debian machine that has only the .NET SDK:
# independent gRPC peers (Python grpcio, Node grpc-js), promtool. Idempotent: a second run
# only checks. Needs root (or sudo) for apt-get.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

sudo_cmd=()
if [ "$(id -u)" != 0 ]; then sudo_cmd=(sudo); fi

# This image's dpkg hook deletes downloaded archives between dpkg passes, which breaks large
# installs; a config that clears DPkg::Post-Invoke avoids it.
apt_conf=$(mktemp)
trap 'rm -f "$apt_conf"' EXIT
printf '#clear DPkg::Post-Invoke;\n' >"$apt_conf"

apt_packages=(python3-grpcio python3-grpc-tools protobuf-compiler protobuf-compiler-grpc python3-numpy prometheus nodejs npm)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
# Node may come from elsewhere (an SDK image ships its own); only install it when absent.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing apt packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get -c "$apt_conf" update -qq
  "${sudo_cmd[@]}" apt-get -c "$apt_conf" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

node_dir="$here/tests/interop/node"
if [ -f "$node_dir/package.json" ] && [ ! -d "$node_dir/node_modules/@grpc/grpc-js" ]; then
  echo "setup: installing npm packages in tests/interop/node"
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
echo "setup: test dependencies ready"
