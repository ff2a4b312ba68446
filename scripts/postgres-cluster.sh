#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the store's tests and prints its URL.
# Usage: eval "$(bash scripts/postgres-cluster.sh [dir] [port])"   # sets AUTOMAT_PG_URL
# Debian's PostgreSQL refuses to run as root, so initdb and pg_ctl run as `postgres`.
set -euo pipefail
dir=${1:-/tmp/automat-pg}
port=${2:-55432}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ -f "$dir/postmaster.pid" ]; then
    as_pg "$bin/pg_ctl" -D "$dir" stop -m fast >/dev/null 2>&1 || true
fi
rm -rf "$dir"
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
as_pg "$bin/initdb" -D "$dir" -A trust -U postgres >/dev/null
as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/log" -o "-p $port -k $dir -c listen_addresses=127.0.0.1" -w start >/dev/null
as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres automat
echo "export AUTOMAT_PG_URL=postgresql://postgres@127.0.0.1:$port/automat"
