#!/usr/bin/env bash
# `npm test`: installs what the tests need, then lint, typecheck, format check, unit, integration, end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

require_node
ensure_apt janus janus chromium chromium sox sox espeak-ng espeak-ng baresip-core baresip bsdutils script
ensure_node_modules
# The SIP provider in the registration test; unpacked only, since the package would run a SIP server as a service.
ensure_extracted_deb kamailio .cache/kamailio usr/sbin/kamailio

# A real PostgreSQL for the integration suite when we can run one (always in CI); PGlite otherwise.
if [ -z "${TEST_DATABASE_URL:-}" ] && [ "$(id -u)" -eq 0 ]; then
  ensure_apt postgresql pg_ctlcluster
  bash scripts/test-postgres.sh
  export TEST_DATABASE_URL="postgres://treffpunkt_test:treffpunkt_test@127.0.0.1:5432/postgres"
fi

say "Lint, types and format"
npm run --silent lint
npm run --silent typecheck
npm run --silent format:check

say "Unit tests"
npx vitest run --project unit
say "Scheduling unit tests again under another time zone (DST must not depend on the machine's zone)"
TZ=America/New_York npx vitest run --project unit server/src/features/meetings

say "Building"
npm run --silent build

db_label=PGlite
[ -n "${TEST_DATABASE_URL:-}" ] && db_label=PostgreSQL
say "Integration tests (database: $db_label; the PGlite smoke test always runs)"
npx vitest run --project integration

say "End-to-end tests (Chromium, Janus)"
npx vitest run --project e2e
