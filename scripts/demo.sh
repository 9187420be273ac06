#!/usr/bin/env bash
# Quick start: builds the shard node and vsctl, starts a standalone node on its defaults
# (gRPC 127.0.0.1:50051, HTTP 127.0.0.1:8080, data in ./vector-studio-data), runs `vsctl demo`
# against it (a collection, 20,000 sample points loaded with a progress bar, searches), and keeps
# the node serving until Ctrl-C. Needs only the .NET SDK.
#   --no-wait   stop the node after the demo instead of serving on
# Ports and paths follow the node's environment variables (VECTORSTUDIO_GRPC_PORT, ...; see
# docs/configuration.md); vsctl follows VECTORSTUDIO_ADDR.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

wait_after=true
for arg in "$@"; do
  case "$arg" in
    --no-wait) wait_after=false ;;
    *) echo "demo.sh: unknown argument $arg (accepted: --no-wait)" >&2; exit 2 ;;
  esac
done

echo "== building the node and vsctl (Release)"
dotnet publish shard-node/VectorStudio.ShardNode -c Release -o artifacts/node -nologo -v quiet
dotnet publish cli/VectorStudio.Cli -c Release -o artifacts/vsctl -nologo -v quiet

grpc_port=${VECTORSTUDIO_GRPC_PORT:-50051}
export VECTORSTUDIO_ADDR=${VECTORSTUDIO_ADDR:-http://127.0.0.1:$grpc_port}
vsctl=artifacts/vsctl/vsctl

echo "== starting vector-studio-node"
artifacts/node/vector-studio-node &
node_pid=$!
trap 'kill "$node_pid" 2>/dev/null || true; wait "$node_pid" 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  if ! kill -0 "$node_pid" 2>/dev/null; then
    echo "demo.sh: the node exited during start-up (see its message above)" >&2
    exit 1
  fi
  if "$vsctl" collections list --timeout 2 >/dev/null 2>&1; then
    break
  fi
  sleep 0.2
done

echo "== vsctl demo"
"$vsctl" demo

if $wait_after; then
  echo
  echo "The node is serving at $VECTORSTUDIO_ADDR (metrics: http://127.0.0.1:${VECTORSTUDIO_HTTP_PORT:-8080}/metrics)."
  echo "Try: $vsctl collections list      Stop: Ctrl-C"
  wait "$node_pid"
fi
