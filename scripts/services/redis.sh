#!/usr/bin/env bash
# A private Redis for tests: `start` runs redis-server (Debian's package, installed if missing) on a
# free loopback port in a temp folder, without persistence, and prints the variable tests read;
# `stop` stops it. The folder is named after this checkout, so two checkouts never share a server.
#   export "$(scripts/services/redis.sh start)"   # GENHUB_TEST_REDIS_URL=redis://127.0.0.1:PORT
#   scripts/services/redis.sh stop
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${GENHUB_SERVICES_DIR:-${TMPDIR:-/tmp}/genhub-services-$(printf '%s' "$ROOT" | md5sum | cut -c1-12)}/redis"

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

ping() {
  redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null | grep -q PONG
}

start() {
  if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null; then
    echo "Installing redis-server from Debian's packages..." >&2
    apt-get install -y redis-server >&2
  fi
  if [ -f "$STATE/port" ] && ping "$(cat "$STATE/port")"; then
    echo "GENHUB_TEST_REDIS_URL=redis://127.0.0.1:$(cat "$STATE/port")"
    return
  fi
  mkdir -p "$STATE"
  local port
  port="$(free_port)"
  redis-server --bind 127.0.0.1 --port "$port" --dir "$STATE" --save '' --appendonly no \
    --daemonize yes --pidfile "$STATE/redis.pid" --logfile "$STATE/redis.log" >/dev/null
  for _ in $(seq 1 50); do
    if ping "$port"; then
      echo "$port" >"$STATE/port"
      echo "GENHUB_TEST_REDIS_URL=redis://127.0.0.1:$port"
      return
    fi
    sleep 0.1
  done
  echo "Redis did not start; see $STATE/redis.log." >&2
  exit 1
}

stop() {
  if [ -f "$STATE/redis.pid" ]; then
    kill "$(cat "$STATE/redis.pid")" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$(cat "$STATE/redis.pid")" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -rf "$STATE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "Usage: $0 start|stop" >&2
    exit 2
    ;;
esac
