#!/usr/bin/env bash
# Where one unary call's time goes, per server: runs the same pinned unary load as run.sh and, in
# a window inside the measured phase, measures the CPU time (/proc/PID/stat) and the context
# switches (perf stat) of the server process and of the client process; then, in a separate and
# slower run (tracing costs more than the calls), the server's syscalls with `strace -c`.
# Prints per-call figures: CPU µs, core busy %, context switches, syscalls by name. Needs perf and
# strace (linux-perf, strace; not installed by the script).
#
# Needs run.sh to have built everything once (same paths). Environment: SERVERS ("csharp cpp"),
# DURATION (8), WARMUP (3), CONCURRENCY (16), PAYLOAD (64), STRACE (1: also count syscalls),
# CSHARP_ENV (extra VAR=value words for the C# server, for A/Bs).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out="$repo/.bench/grpc"
seconds=${DURATION:-8}
warmup=${WARMUP:-3}
concurrency=${CONCURRENCY:-16}
payload=${PAYLOAD:-64}
servers=${SERVERS:-csharp cpp}
do_strace=${STRACE:-1}
read -r -a csharp_env <<<"${CSHARP_ENV:-}"
cpp_server="$out/cpp/interop_server"
csharp_server="$repo/tests/Interop/VectorStudio.Interop.Server/bin/Release/net10.0/VectorStudio.Interop.Server.dll"
driver="$repo/tests/Benchmarks/VectorStudio.Benchmarks/bin/Release/net10.0/VectorStudio.Benchmarks.dll"
for f in "$cpp_server" "$csharp_server" "$driver"; do
  [ -e "$f" ] || { echo "percall: $f missing; run bench/grpc/run.sh once first" >&2; exit 1; }
done
command -v perf >/dev/null || { echo "percall: needs perf (linux-perf)" >&2; exit 1; }

launch_server() {
  local log=$2
  case "$1" in
    csharp) env "${csharp_env[@]}" taskset -c 1 dotnet "$csharp_server" --port 0 >"$log" 2>&1 & ;;
    cpp) taskset -c 1 "$cpp_server" --port 0 >"$log" 2>&1 & ;;
    *) echo "unknown server $1" >&2; exit 2 ;;
  esac
}
. "$here/servers.sh"

# Starts the pinned unary load driver against $port with its output in $1; sets $start and $driver_pid.
start_driver() {
  start=$(date +%s%N)
  taskset -c 0 dotnet "$driver" grpc-load --target "http://127.0.0.1:$port" --mode unary \
    --concurrency "$concurrency" --seconds "$seconds" --warmup "$warmup" --payload "$payload" >"$1" &
  driver_pid=$!
}

# utime + stime of process $1 in clock ticks (fields 14 and 15 after the "(comm)" field).
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }

# Waits until the driver (pid $1) has run for $2 seconds: it starts the measured phase after its
# own start-up (~1 s of JIT) plus the warm-up, so the window below lies inside the measured phase.
window() {
  local start=$1 delay=$2
  while [ "$(($(date +%s%N) - start))" -lt "$((delay * 1000000000))" ]; do sleep 0.05; done
}

for server in $servers; do
  start_server "$server"
  log="$out/percall-driver-$server.log"
  start_driver "$log"
  window "$start" $((warmup + 2))
  span=$((seconds - 3))
  # CPU time from /proc/PID/stat (utime + stime, clock ticks): unlike perf stat -p, it also counts
  # threads that start or exit inside the window (gRPC C++'s sync server makes and ends threads).
  s0=$(cpu_ticks "$server_pid"); c0=$(cpu_ticks "$driver_pid")
  perf stat -x, -e context-switches -p "$server_pid" 2>/dev/null -o "$out/perf-$server-server.csv" -- sleep "$span" &
  perf_pid=$!
  perf stat -x, -e context-switches -p "$driver_pid" -o "$out/perf-$server-client.csv" -- sleep "$span"
  wait "$perf_pid"
  s1=$(cpu_ticks "$server_pid"); c1=$(cpu_ticks "$driver_pid")
  wait "$driver_pid"
  rate=$(sed -n 's/.*calls_per_s=\([0-9]*\).*/\1/p' "$log")
  calls=$((rate * span))
  for side in server client; do
    if [ "$side" = server ]; then ticks=$((s1 - s0)); else ticks=$((c1 - c0)); fi
    cs=$(awk -F, '$3 == "context-switches" { print $1 }' "$out/perf-$server-$side.csv")
    awk -v calls="$calls" -v span="$span" -v who="$server $side" -v rate="$rate" -v ticks="$ticks" \
      -v hz="$(getconf CLK_TCK)" -v cs="${cs:-0}" 'BEGIN {
        cpu = ticks / hz
        printf "%-14s calls/s %6d  busy %5.1f %%  CPU %6.1f us/call  ctx-switches %5.2f/call\n",
          who, rate, 100 * cpu / span, cpu * 1e6 / calls, cs / calls }'
  done
  stop_server

  if [ "$do_strace" = 1 ] && command -v strace >/dev/null; then
    start_server "$server"
    log="$out/percall-strace-driver-$server.log"
    start_driver "$log"
    window "$start" $((warmup + 2))
    timeout -s INT "$((seconds - 2))" strace -qq -f -c -p "$server_pid" -o "$out/strace-$server.txt" || true
    wait "$driver_pid"
    rate=$(sed -n 's/.*calls_per_s=\([0-9]*\).*/\1/p' "$log")
    calls=$((rate * (seconds - 2)))
    echo "$server server syscalls per call under strace (${rate} calls/s traced):"
    awk -v calls="$calls" '$1 ~ /^[0-9.]+$/ && NF >= 5 { n = $4; printf "  %-16s %6.2f\n", $NF, n / calls }' \
      "$out/strace-$server.txt" | sort -k2 -nr | head -12
    stop_server
  fi
done
