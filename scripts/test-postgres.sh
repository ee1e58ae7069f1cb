#!/usr/bin/env bash
# Starts Debian's PostgreSQL cluster on loopback and creates a test role that may create databases.
set -euo pipefail
cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
[ -n "$cluster" ] || { pg_createcluster 15 main >/dev/null; cluster="15 main"; }
# shellcheck disable=SC2086
pg_ctlcluster $cluster start 2>/dev/null || true
for _ in $(seq 1 30); do
  su postgres -c "psql -qAt -c 'select 1'" >/dev/null 2>&1 && break
  sleep 0.5
done
su postgres -c "psql -qAt -c \"do \\\$\\\$ begin if not exists (select from pg_roles where rolname = 'treffpunkt_test') then create role treffpunkt_test login createdb password 'treffpunkt_test'; end if; end \\\$\\\$;\"" >/dev/null
