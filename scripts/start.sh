#!/usr/bin/env bash
# `npm start`: installs what is missing, builds, migrates and starts Treffpunkt on the embedded defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_node
ensure_apt janus janus espeak-ng espeak-ng sox sox
ensure_node_modules
say "Building"
npm run build --silent
say "Starting (Ctrl+C stops)"
export NODE_ENV="${NODE_ENV:-production}"
exec node server/dist/main.js
