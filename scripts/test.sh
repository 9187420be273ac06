#!/usr/bin/env bash
# The whole test suite, exactly as CI runs it (.ci/run calls this script).
# On a fresh Debian machine with only the .NET SDK it installs what the tests need first
# (apt: python3-grpcio, python3-grpc-tools, prometheus; npm: @grpc/grpc-js), then checks
# formatting, builds with warnings as errors, runs every test project and prints one summary
# line: "Summary: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The node hosts turn quick JIT off for steady throughput on one CPU (docs/rpc.md); the suite starts
# hundreds of short-lived nodes, where that only adds start-up time, so it turns quick JIT back on.
export DOTNET_TC_QuickJit=1

configuration=${CONFIGURATION:-Release}
log_dir=$(mktemp -d)
trap 'rm -rf "$log_dir"' EXIT

echo "== setup: test dependencies"
bash scripts/setup-test-deps.sh

echo "== format: dotnet format --verify-no-changes"
dotnet format VectorStudio.slnx --verify-no-changes

echo "== build: $configuration, warnings as errors"
dotnet build VectorStudio.slnx -c "$configuration" -warnaserror -nologo -clp:NoSummary

echo "== test"
set +e
dotnet test VectorStudio.slnx -c "$configuration" --no-build --nologo \
  --blame-hang-timeout 5m --logger "console;verbosity=minimal" 2>&1 | tee "$log_dir/test.log"
status=${PIPESTATUS[0]}
set -e

# Each test assembly prints "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T, ..." (or Failed!).
read -r passed failed skipped < <(awk '
  /(Passed|Failed)! +- +Failed:/ {
    gsub(",", ""); for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") f += $(i + 1); if ($i == "Passed:") p += $(i + 1); if ($i == "Skipped:") s += $(i + 1)
    }
  }
  END { print p + 0, f + 0, s + 0 }' "$log_dir/test.log")
echo
echo "Summary: $passed passed, $failed failed, $skipped skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
