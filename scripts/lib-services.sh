# Shared by scripts/services/*.sh (sourced: `source "$(dirname "$0")/../lib-services.sh"`): state folder, apt.

# Each service keeps its data, logs and pid under here; .ci/run sets it to a scratch folder.
SERVICES_DIR="${GENHUB_SERVICES_DIR:-${TMPDIR:-/tmp}/genhub-services}"
mkdir -p "$SERVICES_DIR"

# Installs Debian packages when `command` is missing, refreshing apt's lists once per run.
ensure_apt() {
  local command="$1"
  shift
  command -v "$command" >/dev/null 2>&1 && return 0
  [ -x "$command" ] && return 0
  if [ ! -e "$SERVICES_DIR/.apt-updated" ]; then
    apt-get update -qq >&2
    touch "$SERVICES_DIR/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# A free TCP port on 127.0.0.1.
free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}
