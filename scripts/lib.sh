# Shared by scripts/start and scripts/test: puts the pinned pnpm on PATH and installs the workspace.
# Needs only Node and npm; installs nothing globally.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PNPM_VERSION="$(node -p "require('$ROOT/package.json').packageManager.split('@')[1]")"
TOOLS="$ROOT/.tools"

ensure_node() {
  local major
  major="$(node -p 'process.versions.node.split(".").map(Number).slice(0,2).join(".")')"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' || {
    echo "GenHub needs Node 20.19 or newer (found $major); install Node 24 LTS from nodejs.org or your package manager." >&2
    exit 1
  }
}

ensure_pnpm() {
  if [ "$(pnpm --version 2>/dev/null || true)" = "$PNPM_VERSION" ]; then return; fi
  if [ "$("$TOOLS/node_modules/.bin/pnpm" --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
    echo "Installing pnpm $PNPM_VERSION into .tools/ ..."
    npm install --prefix "$TOOLS" --no-save --no-package-lock --no-audit --no-fund "pnpm@$PNPM_VERSION" >/dev/null
  fi
  export PATH="$TOOLS/node_modules/.bin:$PATH"
}

install_workspace() {
  cd "$ROOT"
  # Native addons (better-sqlite3) compile against the running Node's headers.
  export npm_config_nodedir="$(node_headers_dir)"
  pnpm install --frozen-lockfile --prefer-offline
}

# The folder whose include/node holds headers of the Node that is running (for node-gyp, offline).
node_headers_dir() {
  local prefix candidate
  prefix="$(node -p 'require("path").resolve(process.execPath, "../..")')"
  for candidate in "$prefix" "$prefix"/node_modules/node-*; do
    if [ -f "$candidate/include/node/node_api.h" ] && grep -q "NODE_MAJOR_VERSION $(node -p 'process.versions.node.split(".")[0]')\b" "$candidate/include/node/node_version.h"; then
      echo "$candidate"; return
    fi
  done
  echo "${npm_config_nodedir:-/usr}"
}

# better-sqlite3 serves Node 20 only (newer Nodes use the built-in node:sqlite). It is compiled for
# one Node ABI; rebuild it when it does not load (CI runs two Nodes on one checkout).
ensure_native_addons() {
  if node -e 'require("node:sqlite")' 2>/dev/null; then return; fi
  if ! (cd "$ROOT/packages/core" && node -e 'new (require("better-sqlite3"))(":memory:").close()' 2>/dev/null); then
    echo "Rebuilding better-sqlite3 for Node $(node --version) ..."
    (cd "$ROOT" && pnpm rebuild better-sqlite3)
  fi
}
