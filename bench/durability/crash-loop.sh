#!/usr/bin/env bash
# Long crash loop: the suite's CrashLoop test (tests/VectorStudio.ShardNode.Tests/CrashLoop.Integration.Test.cs)
# with CYCLES kill -9 / restart cycles (default 100) instead of 10. Each cycle starts the real
# vector-studio-node, drives 4 concurrent writers (upserts and deletes on disjoint ids, recording every
# acknowledged operation), kills the node at a random moment, restarts it, and checks that every
# acknowledged operation is present and no batch in flight is half-applied. Prints the seed, cycles,
# acknowledged operations and time; exits non-zero on the first violation.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
cycles=${CYCLES:-100}
VS_CRASH_CYCLES=$cycles dotnet test "$repo/tests/VectorStudio.ShardNode.Tests" -c Release \
  --filter "FullyQualifiedName~CrashLoopIntegrationTests" \
  --logger "console;verbosity=detailed" -- xUnit.LongRunningTestSeconds=600 2>&1 \
  | grep -E "seed|cycles|Passed|Failed|half-applied|expected|Error" 
