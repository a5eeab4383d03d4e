# Sourced by ./dev test: start a throw-away PostgreSQL cluster on loopback for the intake tests
# and export KIOSK_TEST_POSTGRES_URL. Tests marked `postgres` skip when it is not set.
_pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -n "$_pg_bin" ] && [ -z "${KIOSK_TEST_POSTGRES_URL:-}" ]; then
  _pg_dir=$(mktemp -d /tmp/kiosk-pg.XXXXXX)
  _pg_port=$(( 54000 + RANDOM % 1000 ))
  _pg_user=postgres
  _pg_run=()
  if [ "$(id -u)" = "0" ]; then
    chown postgres "$_pg_dir"
    _pg_run=(runuser -u postgres --)
  else
    _pg_user=$(id -un)
  fi
  if "${_pg_run[@]}" "$_pg_bin/initdb" -D "$_pg_dir/data" -U "$_pg_user" -A trust >/dev/null \
     && "${_pg_run[@]}" "$_pg_bin/pg_ctl" -D "$_pg_dir/data" -l "$_pg_dir/log" -w \
          -o "-k $_pg_dir -h 127.0.0.1 -p $_pg_port" start >/dev/null; then
    export KIOSK_TEST_POSTGRES_URL="postgresql://$_pg_user@127.0.0.1:$_pg_port/postgres"
    trap '"${_pg_run[@]}" "$_pg_bin/pg_ctl" -D "$_pg_dir/data" -m fast stop >/dev/null 2>&1; rm -rf "$_pg_dir"' EXIT
  else
    echo "==> PostgreSQL did not start; postgres tests will be skipped" >&2
  fi
fi
