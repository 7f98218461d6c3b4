#!/usr/bin/env bash
# Prints the URL of a PostgreSQL server the test suite may create databases on:
# the one at 127.0.0.1:5432 when it answers, else a throwaway cluster under .pg/
# started from the local PostgreSQL binaries. All diagnostics go to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${DASHBOARD_TEST_PG_URL:-}" ]; then echo "$DASHBOARD_TEST_PG_URL"; exit 0; fi
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "postgresql://postgres@127.0.0.1:5432/postgres"; exit 0
fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "no PostgreSQL binaries under /usr/lib/postgresql" >&2; exit 1; }
dir="$PWD/.pg"
port=55432
as_owner=()
if [ "$(id -u)" = 0 ]; then as_owner=(runuser -u postgres --); fi
if [ ! -f "$dir/PG_VERSION" ]; then
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  "${as_owner[@]}" "$bindir/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 >&2
fi
if ! pg_isready -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
  "${as_owner[@]}" "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1" -w start >&2
fi
echo "postgresql://postgres@127.0.0.1:$port/postgres"
