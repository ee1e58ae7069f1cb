# Shared helpers for scripts/start.sh and scripts/test.sh. Sourced, not run.

say() { printf '\033[1m▸ %s\033[0m\n' "$*"; }
die() { printf '\033[31m✗ %s\033[0m\n' "$*" >&2; exit 1; }

require_node() {
  local major minor
  major=$(node -p 'process.versions.node.split(".")[0]')
  minor=$(node -p 'process.versions.node.split(".")[1]')
  if [ "$major" -lt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -lt 19 ]; }; then
    die "Node.js 20.19 or newer is needed (found $(node --version))."
  fi
}

# ensure_apt PACKAGE COMMAND...: installs the Debian package PACKAGE unless COMMAND exists.
ensure_apt() {
  local missing=()
  while [ $# -gt 0 ]; do
    command -v "$2" >/dev/null 2>&1 || missing+=("$1")
    shift 2
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    die "Missing system packages. Please run as root: apt-get install -y ${missing[*]}"
  fi
  say "Installing ${missing[*]} (Debian packages)"
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_node_modules() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "Installing npm packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}
