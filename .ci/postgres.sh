# Start a throwaway PostgreSQL server on 127.0.0.1 for the store's server-mode
# tests; sourced by .ci/run (and usable by hand: `source .ci/postgres.sh`).
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$PG_BIN" ]; then
  echo "postgres: server binaries missing; install them with .ci/system-deps.sh" >&2
  return 1
fi
PG_DIR=$(mktemp -d /tmp/corroborate-pg.XXXXXX)
PG_PORT=${PG_PORT:-54329}
chown postgres "$PG_DIR" 2>/dev/null || true
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
as_pg "$PG_BIN/initdb -D $PG_DIR/data -U corroborate --auth=trust -E UTF8 >/dev/null"
as_pg "$PG_BIN/pg_ctl -D $PG_DIR/data -o '-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1' -l $PG_DIR/log -w start >/dev/null"
as_pg "$PG_BIN/createdb -h 127.0.0.1 -p $PG_PORT -U corroborate corroborate_test"
export CORROBORATE_TEST_PG="postgresql+psycopg://corroborate@127.0.0.1:$PG_PORT/corroborate_test"
trap 'as_pg "$PG_BIN/pg_ctl -D $PG_DIR/data -m fast stop >/dev/null" || true' EXIT
echo "postgres: test server on 127.0.0.1:$PG_PORT"
