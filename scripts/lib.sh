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

# ensure_extracted_deb PACKAGE DIR FILE: unpacks Debian's PACKAGE into DIR unless DIR/FILE exists. Nothing is
# installed: no maintainer scripts, no service (kamailio as a package would run a SIP server on port 5060).
ensure_extracted_deb() {
  local package=$1 dir=$2 file=$3 tmp
  [ -e "$dir/$file" ] && return 0
  tmp=$(mktemp -d)
  # apt's "unsandboxed download" warning as root is expected here; its messages are shown only on failure.
  if ! (cd "$tmp" && apt-get download -qq "$package") >"$tmp/log" 2>&1; then
    apt-get update -qq >>"$tmp/log" 2>&1 || true
    if ! (cd "$tmp" && apt-get download -qq "$package") >>"$tmp/log" 2>&1; then
      cat "$tmp/log" >&2
      rm -rf "$tmp"
      die "Could not download the Debian package $package (as root: apt-get update, then run again)."
    fi
  fi
  rm -rf "$dir" && mkdir -p "$dir"
  dpkg-deb -x "$tmp"/"$package"_*.deb "$dir"
  rm -rf "$tmp"
  [ -e "$dir/$file" ] || die "The Debian package $package has no $file."
}

ensure_node_modules() {
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "Installing npm packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}
