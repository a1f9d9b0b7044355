#!/usr/bin/env bash
# A private Redis for tests: `start` runs redis-server (Debian's package, installed if missing) on a
# free loopback port, without persistence, and prints the variable the tests read; `stop` stops it.
#   export "$(scripts/services/redis.sh start)"   # GENHUB_TEST_REDIS_URL=redis://127.0.0.1:PORT
#   scripts/services/redis.sh stop
set -euo pipefail
source "$(dirname "$0")/../lib-services.sh"

STATE="$SERVICES_DIR/redis"

answers() {
  redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null | grep -q PONG
}

start() {
  ensure_apt redis-server redis-server
  ensure_apt redis-cli redis-tools
  if [ -f "$STATE/port" ] && answers "$(cat "$STATE/port")"; then
    echo "GENHUB_TEST_REDIS_URL=redis://127.0.0.1:$(cat "$STATE/port")"
    return
  fi
  mkdir -p "$STATE"
  local port
  port="$(free_port)"
  redis-server --bind 127.0.0.1 --port "$port" --dir "$STATE" --save '' --appendonly no \
    --daemonize yes --pidfile "$STATE/redis.pid" --logfile "$STATE/redis.log" >/dev/null
  for _ in $(seq 1 100); do
    if answers "$port"; then
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
    local pid
    pid="$(cat "$STATE/redis.pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
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
