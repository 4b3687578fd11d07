# Sourced by scripts/uji.sh and benchmarks/run.sh: a throw-away PostgreSQL cluster on loopback.
# `start_postgres` exports KURSUS_TEST_POSTGRES_URL (a superuser URL: callers create a database each)
# and installs an EXIT trap that stops the server and removes its folder.
pg_bindir() {  # the folder with initdb and pg_ctl: Debian's newest /usr/lib/postgresql/<ver>/bin, else PATH
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV) "$(dirname "$(command -v initdb || echo .)")"; do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  done
  return 1
}
as_pg_user() {  # initdb and postgres refuse to run as root: run them as the `postgres` account then
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}
pg_dir=""
stop_postgres() {
  [ -n "$pg_dir" ] || return 0
  as_pg_user "$pg_bin/pg_ctl" stop -D "$pg_dir/data" -m fast -w >/dev/null 2>&1 || true
  rm -rf "$pg_dir"
  pg_dir=""
}
start_postgres() {
  pg_bin=$(pg_bindir || true)
  if [ -z "$pg_bin" ]; then
    echo "Memasang postgresql (Debian/Ubuntu) untuk tes gradebook PostgreSQL ..." >&2
    sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq postgresql
    pg_bin=$(pg_bindir || true)
    [ -n "$pg_bin" ] || { echo "Program server PostgreSQL (initdb, pg_ctl) tidak ditemukan." >&2; exit 1; }
  fi
  local port password
  port=$(python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  password=$(python -c 'import secrets; print(secrets.token_hex(16))')
  pg_dir=$(mktemp -d /tmp/kursus-postgres.XXXXXX)
  trap stop_postgres EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  printf '%s\n' "$password" >"$pg_dir/password"
  if [ "$(id -u)" -eq 0 ]; then chown -R postgres: "$pg_dir"; fi
  # password (scram) for TCP on loopback only; the Unix socket lives in the private folder
  as_pg_user "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --pwfile="$pg_dir/password" --auth-host=scram-sha-256 \
    --auth-local=peer --no-sync -E UTF8 --locale=C >"$pg_dir/initdb.log" 2>&1 \
    || { echo "initdb gagal:" >&2; cat "$pg_dir/initdb.log" >&2; exit 1; }
  rm -f "$pg_dir/password"
  # durability off: the cluster lives only as long as this test run
  if ! as_pg_user "$pg_bin/pg_ctl" start -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 -o \
      "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      >/dev/null; then
    echo "Server PostgreSQL sementara gagal dimulai; lognya:" >&2; cat "$pg_dir/server.log" >&2; exit 1
  fi
  export KURSUS_TEST_POSTGRES_URL="postgresql://postgres:$password@127.0.0.1:$port/postgres"
  echo "Server PostgreSQL sementara untuk tes berjalan di 127.0.0.1:$port (dihentikan setelah tes)." >&2
}
