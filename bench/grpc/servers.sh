# Sourced by run.sh and percall.sh: one benchmark server at a time, stopped on exit.
# The caller sets $out and defines launch_server NAME LOG (starts the server in the background).

server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
trap stop_server EXIT

# Starts server $1 with launch_server and sets $port once it prints "listening on port N".
start_server() {
  local log="$out/server-$1.log"
  launch_server "$1" "$log"
  server_pid=$!
  port=""
  for _ in $(seq 1 600); do
    port=$(sed -n 's/^listening on port \([0-9]*\)$/\1/p' "$log" | head -n1)
    [ -n "$port" ] && return 0
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "bench: server $1 did not start:" >&2
  cat "$log" >&2
  exit 1
}
