#!/usr/bin/env bash
# gRPC transport benchmark: the same client (our C# GrpcChannel, `grpc-load` in
# tests/Benchmarks/VectorStudio.Benchmarks) drives three InteropTest servers in one run:
#   csharp  tests/Interop/VectorStudio.Interop.Server (our transport on Kestrel)
#   cpp     bench/grpc/cpp/interop_server.cc (gRPC C++ 1.51 sync API, Debian's libgrpc++)
#   python  tests/interop/python/interop_server.py (grpcio 1.51)
# Modes: unary (small request and response, CONCURRENCY calls in flight: calls/s, p50, p99) and
# stream (one ServerStream: messages/s). Each round runs every server once, interleaved, so slow
# drift of a shared machine spreads over all three; the table shows medians over ROUNDS.
#
# Pinning (PIN=1, the default, on machines with 2+ CPUs): the server runs on CPU 1 and the client
# on CPU 0, so every server gets the same single core and never competes with the client. PIN=0
# lets everything share all CPUs.
#
# Environment: ROUNDS (3), DURATION (10, seconds measured), WARMUP (3), CONCURRENCY (16), PAYLOAD (64), PIN (1),
# SERVERS ("csharp cpp python"), MODES ("unary stream"). Results go to .bench/grpc/results.tsv and a
# markdown table on stdout.
#
# A/B runs: a server named csharp-NAME is the same C# server started with the extra environment in
# $ENV_NAME (VAR=value words), e.g. SERVERS="csharp csharp-spin cpp" ENV_spin="DOTNET_X=1". With
# $DLL_NAME set it runs that server build instead (a copy built from another commit). CLIENT_ENV
# (VAR=value words) is extra environment for the load driver, the same for every server.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
out="$repo/.bench/grpc"
rounds=${ROUNDS:-3}
seconds=${DURATION:-10}
warmup=${WARMUP:-3}
concurrency=${CONCURRENCY:-16}
payload=${PAYLOAD:-64}
pin=${PIN:-1}
servers=${SERVERS:-csharp cpp python}
modes=${MODES:-unary stream}
read -r -a client_env <<<"${CLIENT_ENV:-}"
mkdir -p "$out"

# --- dependencies -----------------------------------------------------------------------------
apt_packages=(libgrpc++-dev protobuf-compiler-grpc protobuf-compiler pkg-config g++ make python3-grpcio python3-grpc-tools)
bash "$repo/scripts/apt-install.sh" grpc-bench "${apt_packages[@]}"

# --- builds -----------------------------------------------------------------------------------
cpp_server="$out/cpp/interop_server"
cpp_source="$here/cpp/interop_server.cc"
proto="$repo/proto/vectorstudio/testing/v1/interop.proto"
if [ ! -x "$cpp_server" ] || [ "$cpp_source" -nt "$cpp_server" ] || [ "$proto" -nt "$cpp_server" ]; then
  echo "bench: building the C++ server" >&2
  mkdir -p "$out/cpp"
  protoc -I "$repo/proto" --cpp_out="$out/cpp" --grpc_out="$out/cpp" \
    --plugin=protoc-gen-grpc="$(command -v grpc_cpp_plugin)" vectorstudio/testing/v1/interop.proto
  # shellcheck disable=SC2046 # pkg-config prints several flags on purpose
  g++ -O2 -std=c++17 -o "$cpp_server" "$cpp_source" \
    "$out/cpp/vectorstudio/testing/v1/interop.pb.cc" "$out/cpp/vectorstudio/testing/v1/interop.grpc.pb.cc" \
    -I"$out/cpp" $(pkg-config --cflags --libs grpc++ protobuf)
fi
echo "bench: building the C# server and the load driver (Release)" >&2
dotnet build -c Release -v quiet -nologo "$repo/tests/Interop/VectorStudio.Interop.Server/VectorStudio.Interop.Server.csproj" >&2
dotnet build -c Release -v quiet -nologo "$repo/tests/Benchmarks/VectorStudio.Benchmarks/VectorStudio.Benchmarks.csproj" >&2
csharp_server="$repo/tests/Interop/VectorStudio.Interop.Server/bin/Release/net10.0/VectorStudio.Interop.Server.dll"
driver="$repo/tests/Benchmarks/VectorStudio.Benchmarks/bin/Release/net10.0/VectorStudio.Benchmarks.dll"

server_pin=()
client_pin=()
if [ "$pin" = 1 ] && [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
  server_pin=(taskset -c 1)
  client_pin=(taskset -c 0)
fi

# --- one server at a time ---------------------------------------------------------------------
# Launches server $1 in the background with its output in $2 (servers.sh waits for its port).
launch_server() {
  local log=$2
  case "$1" in
    csharp) "${server_pin[@]}" dotnet "$csharp_server" --port 0 >"$log" 2>&1 & ;;
    csharp-*)
      local variant=${1#csharp-} extra=() dll
      local env_var="ENV_$variant" dll_var="DLL_$variant"
      read -r -a extra <<<"${!env_var:-}"
      dll=${!dll_var:-$csharp_server}
      env "${extra[@]}" "${server_pin[@]}" dotnet "$dll" --port 0 >"$log" 2>&1 &
      ;;
    cpp) "${server_pin[@]}" "$cpp_server" --port 0 >"$log" 2>&1 & ;;
    python) "${server_pin[@]}" /usr/bin/python3 "$repo/tests/interop/python/interop_server.py" --port 0 --workers 16 >"$log" 2>&1 & ;;
    *) echo "unknown server $1" >&2; exit 2 ;;
  esac
}
. "$here/servers.sh"

# Runs the driver in mode $2 against server $1 and appends "round server key value" rows.
measure() {
  local line
  line=$(env "${client_env[@]}" "${client_pin[@]}" dotnet "$driver" grpc-load --target "http://127.0.0.1:$port" --mode "$2" \
    --concurrency "$concurrency" --seconds "$seconds" --warmup "$warmup" --payload "$payload" | grep '^RESULT')
  echo "bench: round $round $1 $line" >&2
  for kv in ${line#RESULT }; do
    case "$kv" in mode=* | calls=*) ;; *) printf '%s\t%s\t%s\t%s\n' "$round" "$1" "${kv%%=*}" "${kv#*=}" >>"$results" ;; esac
  done
}

results="$out/results.tsv"
: >"$results"
echo "bench: $rounds rounds x {$servers}, ${seconds}s after ${warmup}s warm-up, $concurrency in flight," \
  "${payload}-byte payloads, pinning: ${server_pin[*]:-none} (server) / ${client_pin[*]:-none} (client)" >&2
for round in $(seq 1 "$rounds"); do
  for server in $servers; do
    start_server "$server"
    for mode in $modes; do
      measure "$server" "$mode"
    done
    stop_server
  done
done

/usr/bin/python3 - "$results" "$rounds" <<'PY'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
values = {}
for _, server, key, value in rows:
    values.setdefault((server, key), []).append(float(value))
median = {k: statistics.median(v) for k, v in values.items()}
servers = []
for _, server, _, _ in rows:
    if server not in servers:
        servers.append(server)
ours = [s for s in servers if s.startswith("csharp")]
anchors = [s for s in ("cpp", "python") if s in servers]
metrics = [("calls_per_s", "unary calls/s"), ("p50_us", "unary p50 (us)"), ("p99_us", "unary p99 (us)"),
           ("msgs_per_s", "stream msgs/s")]
names = {"cpp": "C++", "python": "Python"}
ratios = [(o, a) for o in ours for a in anchors]
print("| metric (median of %s rounds) | %s | %s |" % (sys.argv[2], " | ".join(servers),
      " | ".join("%s / %s" % (o, names[a]) for o, a in ratios)))
print("|---" * (len(servers) + len(ratios) + 1) + "|")
for key, label in metrics:
    if not any((s, key) in median for s in servers):
        continue
    cells = ["%.0f" % median[(s, key)] if (s, key) in median else "-" for s in servers]
    def ratio(mine, other):
        if (mine, key) not in median or (other, key) not in median or median[(other, key)] == 0:
            return "-"
        return "%.2f" % (median[(mine, key)] / median[(other, key)])
    print("| %s | %s | %s |" % (label, " | ".join(cells), " | ".join(ratio(o, a) for o, a in ratios)))
# Same-round ratios: each round's csharp* / cpp, so drift between rounds cancels out.
if "cpp" in servers:
    by_round = {}
    for rnd, server, key, value in rows:
        if key == "calls_per_s":
            by_round.setdefault(rnd, {})[server] = float(value)
    for o in ours:
        per = ["%.2f" % (r[o] / r["cpp"]) for r in by_round.values() if o in r and r.get("cpp")]
        print("%s / C++ unary calls/s per round: %s" % (o, " ".join(per)))
PY
