#!/usr/bin/env bash
# A private S3-compatible server for tests: s3rver from the npm registry (a fake S3 in Node that
# keeps objects in a folder; multipart uploads and presigned URLs included), on a loopback port in
# a temp dir, with the test bucket made at start.
#
#   scripts/services/s3.sh start   prints GENHUB_TEST_S3_ENDPOINT=http://127.0.0.1:PORT and the
#                                  GENHUB_TEST_S3_* lines the tests need (bucket, credentials, region)
#   scripts/services/s3.sh stop    stops it and removes its data dir
#
# Progress goes to stderr, so `.ci/run` can export what start prints. The state (data dir, pid,
# variables) lives in GENHUB_S3_STATE_DIR (default: a folder under TMPDIR keyed by the user id), so
# `stop` finds what `start` made. Installs s3rver into .tools/s3rver with npm when it is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Keyed by GENHUB_SERVICES_DIR too, so two runs with their own services folders get their own servers.
SERVICES_KEY="$(printf '%s' "${GENHUB_SERVICES_DIR:-}" | cksum | cut -d' ' -f1)"
STATE_DIR="${GENHUB_S3_STATE_DIR:-${TMPDIR:-/tmp}/genhub-s3-$(id -u)-${SERVICES_KEY}}"
S3RVER_VERSION="3.7.1"
S3RVER_DIR="$ROOT/.tools/s3rver"
S3RVER="$S3RVER_DIR/node_modules/s3rver/bin/s3rver.js"
BUCKET="genhub-test"
# s3rver's fixed credentials: it accepts requests signed with these only.
ACCESS_KEY_ID="S3RVER"
SECRET_ACCESS_KEY="S3RVER"

log() { printf 's3.sh: %s\n' "$*" >&2; }

ensure_s3rver() {
  if [[ -f "$S3RVER" ]] && [[ "$(node -p "require('$S3RVER_DIR/node_modules/s3rver/package.json').version" 2>/dev/null)" == "$S3RVER_VERSION" ]]; then
    return 0
  fi
  log "installing s3rver $S3RVER_VERSION into .tools/s3rver"
  npm install --prefix "$S3RVER_DIR" --no-save --no-package-lock --no-audit --no-fund "s3rver@$S3RVER_VERSION" >&2
}

running() {
  [[ -f "$STATE_DIR/pid" ]] && kill -0 "$(cat "$STATE_DIR/pid")" 2>/dev/null
}

start() {
  if running && [[ -f "$STATE_DIR/env" ]]; then
    log "already running"
    cat "$STATE_DIR/env"
    return 0
  fi
  ensure_s3rver
  rm -rf "$STATE_DIR"
  mkdir -p "$STATE_DIR/data"
  chmod 700 "$STATE_DIR"

  # Port 0: the server picks a free port and says which in its first line.
  nohup node "$S3RVER" --directory "$STATE_DIR/data" --address 127.0.0.1 --port 0 --silent \
    --no-vhost-buckets --configure-bucket "$BUCKET" >"$STATE_DIR/server.log" 2>&1 </dev/null &
  echo $! >"$STATE_DIR/pid"

  local port="" i
  for i in $(seq 1 120); do
    port="$(sed -n 's/.*listening on 127\.0\.0\.1:\([0-9][0-9]*\).*/\1/p' "$STATE_DIR/server.log" | head -1)"
    [[ -n "$port" ]] && break
    running || { cat "$STATE_DIR/server.log" >&2; log "s3rver exited at start"; exit 1; }
    sleep 0.5
  done
  [[ -n "$port" ]] || { cat "$STATE_DIR/server.log" >&2; log "s3rver did not start within 60 s"; stop; exit 1; }

  cat >"$STATE_DIR/env" <<VARS
GENHUB_TEST_S3_ENDPOINT=http://127.0.0.1:$port
GENHUB_TEST_S3_BUCKET=$BUCKET
GENHUB_TEST_S3_REGION=us-east-1
GENHUB_TEST_S3_ACCESS_KEY_ID=$ACCESS_KEY_ID
GENHUB_TEST_S3_SECRET_ACCESS_KEY=$SECRET_ACCESS_KEY
VARS
  log "ready on 127.0.0.1:$port (bucket $BUCKET)"
  cat "$STATE_DIR/env"
}

stop() {
  if [[ ! -d "$STATE_DIR" ]]; then log "not running"; return 0; fi
  if running; then
    local pid
    pid="$(cat "$STATE_DIR/pid")"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$STATE_DIR"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
