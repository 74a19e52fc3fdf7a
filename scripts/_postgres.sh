# Shared by the scripts: a throwaway PostgreSQL cluster for the tests.
# Usage: start_test_postgres   → exports JAMFOR_TEST_POSTGRES_URL; stopped when the shell exits.
start_test_postgres() {
    local bin
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -z "$bin" ]; then
        echo "PostgreSQL saknas; installera paketet postgresql." >&2
        return 1
    fi
    local dir="${JAMFOR_PG_DIR:-/tmp/jamfor-pg}" port="${JAMFOR_PG_PORT:-5433}"
    local as=()
    if [ "$(id -u)" = "0" ]; then
        as=(su postgres -s /bin/sh -c)
    else
        as=(sh -c)
    fi
    if [ -f "$dir/data/postmaster.pid" ]; then
        "${as[@]}" "$bin/pg_ctl -D $dir/data -m fast -w stop" >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = "0" ] && chown postgres "$dir"
    "${as[@]}" "$bin/initdb -D $dir/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
    "${as[@]}" "$bin/pg_ctl -D $dir/data -l $dir/log -o '-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off' -w start" >/dev/null
    export JAMFOR_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
    JAMFOR_PG_STOP="${as[*]} \"$bin/pg_ctl -D $dir/data -m fast -w stop\""
    trap 'eval "$JAMFOR_PG_STOP" >/dev/null 2>&1 || true' EXIT
    echo "PostgreSQL för testerna kör på 127.0.0.1:$port." >&2
}
