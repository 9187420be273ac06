#!/usr/bin/env bash
# Durable ingest and recovery through gRPC against the real node process (`durable-ingest` in
# tests/Benchmarks/VectorStudio.Benchmarks): 128-d points in batches of 100 from CONCURRENCY writers
# with fsync `interval` and `always` (group commit), then RECOVERY_POINTS points ingested, kill -9,
# and the time from process start to ready (snapshot + WAL replay). Each mode runs on its own node after a
# warm-up of WARMUP points into a separate collection (not measured); RUNS measured runs per mode, each
# on a fresh collection, print RUN lines and a RESULT line with the median.
# Environment: POINTS (200000), CONCURRENCY (32), RECOVERY_POINTS (1000000; 0 skips), MODES (interval,always),
# WARMUP (20000), RUNS (3), NODE_DIR (another build's vector-studio-node.dll directory, to compare builds).
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
dotnet build "$repo/tests/Benchmarks/VectorStudio.Benchmarks" -c Release -v quiet -nologo >&2
dotnet "$repo/tests/Benchmarks/VectorStudio.Benchmarks/bin/Release/net10.0/VectorStudio.Benchmarks.dll" durable-ingest \
  --points "${POINTS:-200000}" --concurrency "${CONCURRENCY:-32}" \
  --recovery-points "${RECOVERY_POINTS:-1000000}" --modes "${MODES:-interval,always}" \
  --warmup "${WARMUP:-20000}" --runs "${RUNS:-3}" ${NODE_DIR:+--node-dir "$NODE_DIR"}
