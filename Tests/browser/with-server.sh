#!/usr/bin/env bash
# Serves a built site folder with `brightspots serve --no-build` on a free loopback port, runs a command with the
# site's base URL appended, and stops the server. Usage: with-server.sh SITE_FOLDER COMMAND...
set -euo pipefail
site=$1; shift
bin=${BRIGHTSPOTS_BIN:-.build/debug/brightspots}
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
"$bin" serve --no-build --output "$site" --port "$port" >/tmp/brightspots-test-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/" && break
  sleep 0.1
done
"$@" "http://127.0.0.1:$port"
