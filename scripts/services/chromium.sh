#!/usr/bin/env bash
# The browser for the dashboard's browser test: Debian's chromium, driven by playwright-core.
#   scripts/services/chromium.sh start   installs it with apt-get if missing; prints GENHUB_TEST_CHROMIUM=...
#   scripts/services/chromium.sh stop    nothing to stop (each test launches and closes its own browser)
set -euo pipefail

CHROMIUM=/usr/bin/chromium

case "${1:-}" in
  start)
    if [ ! -x "$CHROMIUM" ]; then
      echo "Installing Debian's chromium..." >&2
      apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
    fi
    echo "GENHUB_TEST_CHROMIUM=$CHROMIUM"
    ;;
  stop) ;;
  *)
    echo "Usage: scripts/services/chromium.sh start|stop" >&2
    exit 2
    ;;
esac
