#!/usr/bin/env bash
# A private PostgreSQL for tests, from Debian's package, on a loopback port in a temp dir.
#
#   scripts/services/postgres.sh start   prints GENHUB_TEST_POSTGRES_URL=postgres://... on stdout
#   scripts/services/postgres.sh stop    stops it and removes its data dir
#
# Progress goes to stderr, so `.ci/run` can export what start prints. The state (data dir, port)
# lives in GENHUB_POSTGRES_STATE_DIR (default: a folder under TMPDIR keyed by the user id and by
# GENHUB_SERVICES_DIR, so two runs with their own services folders get their own servers), so `stop`
# finds what `start` made. Not inside GENHUB_SERVICES_DIR itself: the server runs as postgres, which
# may not enter a private temp folder of root's. Installs `postgresql` with apt-get when its binaries are missing.
set -euo pipefail

SERVICES_KEY="$(printf '%s' "${GENHUB_SERVICES_DIR:-}" | cksum | cut -d' ' -f1)"
STATE_DIR="${GENHUB_POSTGRES_STATE_DIR:-${TMPDIR:-/tmp}/genhub-postgres-$(id -u)-${SERVICES_KEY}}"
DATABASE="genhub_test"
USER_NAME="genhub"

log() { printf 'postgres.sh: %s\n' "$*" >&2; }

find_bin_dir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [[ -x "$dir/initdb" ]] && { echo "$dir"; return 0; }
  done
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

ensure_binaries() {
  if find_bin_dir >/dev/null; then return 0; fi
  log "PostgreSQL is not installed; installing Debian's postgresql package."
  local sudo=""
  [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
  find_bin_dir >/dev/null || { log "initdb is still missing after installing postgresql."; exit 1; }
}

# Runs a command as the server's owner: postgres when we are root (it refuses to run as root).
as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

start() {
  if [[ -f "$STATE_DIR/url" ]] && pg_running; then
    log "already running"
    echo "GENHUB_TEST_POSTGRES_URL=$(cat "$STATE_DIR/url")"
    return 0
  fi
  ensure_binaries
  local bin port password data
  bin="$(find_bin_dir)"
  port="$(free_port)"
  password="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  rm -rf "$STATE_DIR"
  mkdir -p "$STATE_DIR"
  data="$STATE_DIR/data"
  mkdir -p "$data"
  printf '%s\n' "$password" >"$STATE_DIR/password"
  if [[ "$(id -u)" -eq 0 ]]; then chown -R postgres:postgres "$STATE_DIR"; fi
  chmod 700 "$STATE_DIR"

  log "initdb in $data"
  as_owner "$bin/initdb" -D "$data" -U "$USER_NAME" --pwfile="$STATE_DIR/password" \
    --auth=scram-sha-256 --encoding=UTF8 --no-locale >"$STATE_DIR/initdb.log" 2>&1 ||
    { cat "$STATE_DIR/initdb.log" >&2; exit 1; }

  log "starting on 127.0.0.1:$port"
  as_owner "$bin/pg_ctl" -D "$data" -l "$STATE_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $STATE_DIR -c max_connections=200 -c max_locks_per_transaction=256 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2 || { cat "$STATE_DIR/server.log" >&2; exit 1; }

  local i
  for i in $(seq 1 60); do
    if "$bin/pg_isready" -h 127.0.0.1 -p "$port" -q; then break; fi
    sleep 0.5
  done
  PGPASSWORD="$password" "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$USER_NAME" "$DATABASE"

  echo "$bin" >"$STATE_DIR/bin"
  local url="postgres://$USER_NAME:$password@127.0.0.1:$port/$DATABASE"
  echo "$url" >"$STATE_DIR/url"
  log "ready"
  echo "GENHUB_TEST_POSTGRES_URL=$url"
}

pg_running() {
  [[ -f "$STATE_DIR/bin" ]] && as_owner "$(cat "$STATE_DIR/bin")/pg_ctl" -D "$STATE_DIR/data" status >/dev/null 2>&1
}

stop() {
  if [[ ! -d "$STATE_DIR" ]]; then log "not running"; return 0; fi
  if pg_running; then
    as_owner "$(cat "$STATE_DIR/bin")/pg_ctl" -D "$STATE_DIR/data" -m fast -w stop >&2 || true
  fi
  rm -rf "$STATE_DIR"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
