#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the integration tests: `postgres.sh start <port> <dir>` makes a fresh cluster
# in <dir> (anything there before is stopped and removed), listening on 127.0.0.1:<port> only, with a database
# and superuser "wan" (password "wan-it"); `postgres.sh stop <port> <dir>` stops it. PostgreSQL refuses to run as
# root, so as root the cluster belongs to, and runs as, the "postgres" user (made by Debian's package).
# When the postgres user cannot reach <dir> (e.g. a checkout under /root), the cluster goes to a folder under /tmp
# that <dir>/data-location names. Tuned for tests, not for data: no fsync (a lost cluster is rebuilt by the next
# start).
set -euo pipefail
action=${1:?start or stop}
port=${2:?port}
dir=${3:?cluster folder}
dir=$(realpath -m "$dir")

bin=""
if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
  bin=$(dirname "$(readlink -f "$(command -v pg_ctl)")")
else
  # Debian keeps the server's tools out of PATH, one folder per major version: take the newest
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/pg_ctl" ] && [ -x "$candidate/initdb" ]; then bin=$candidate; break; fi
  done
fi
if [ -z "$bin" ]; then
  echo "postgres.sh: no initdb/pg_ctl found; run src/test/sh/install-test-tools.sh" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

data_location() {
  if [ -f "$dir/data-location" ]; then cat "$dir/data-location"; else echo "$dir/data"; fi
}

stop() {
  local data
  data=$(data_location)
  if [ -f "$data/postmaster.pid" ]; then
    # fast: ends sessions and stops; immediate when that does not finish in time
    as_owner "$bin/pg_ctl" -D "$data" -m fast -w -t 30 stop >/dev/null 2>&1 \
      || as_owner "$bin/pg_ctl" -D "$data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
  fi
}

case "$action" in
  start)
    stop
    old=$(data_location)
    [ "$old" = "$dir/data" ] || rm -rf "$(dirname "$old")"
    rm -rf "$dir"
    mkdir -p "$dir"
    home=$dir
    if [ "$(id -u)" -eq 0 ]; then
      chown postgres: "$dir"
      if ! runuser -u postgres -- test -w "$dir"; then
        home=$(mktemp -d /tmp/wan-postgres-XXXXXX)
        chown postgres: "$home"
        echo "$home/data" > "$dir/data-location"
      fi
    fi
    data="$home/data"
    printf 'wan-it\n' > "$home/password"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$home/password"
    # C collation: the same order of text as H2's, whatever the machine's locale
    as_owner "$bin/initdb" -D "$data" -U wan --pwfile="$home/password" --auth=scram-sha-256 -E UTF8 --locale=C \
      --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    # loopback TCP only, no Unix socket (its default folder may not exist or be writable)
    as_owner "$bin/pg_ctl" -D "$data" -l "$home/postgres.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
      start >/dev/null || { cat "$home/postgres.log" >&2; exit 1; }
    PGPASSWORD=wan-it "$bin/createdb" -h 127.0.0.1 -p "$port" -U wan wan
    echo "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port, cluster in $home"
    ;;
  stop)
    stop
    ;;
  *)
    echo "usage: postgres.sh start|stop <port> <dir>" >&2
    exit 2
    ;;
esac
