#!/usr/bin/env bash
# Local PostgreSQL for run.sh, test.sh and the benchmarks: a private cluster in a folder of ours, on loopback,
# run as an unprivileged user (PostgreSQL refuses to run as root). Source this file; it defines functions only.

pg_log() { echo "[postgres] $*" >&2; }

# Runs a command as the user that owns the cluster: the `postgres` system user when we are root, else ourselves.
pg_as_owner() {
  if [ "$(id -u)" = "0" ]; then
    su postgres -s /bin/bash -c "$(printf '%q ' "$@")"
  else
    "$@"
  fi
}

pg_sudo() {
  if [ "$(id -u)" = "0" ]; then "$@"; else sudo "$@"; fi
}

# Sets PG_BIN to the newest installed server's bin folder, installing Debian's server package when absent.
pg_find_bin() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
    pg_log "PostgreSQL server not found: installing it with apt"
    export DEBIAN_FRONTEND=noninteractive
    pg_sudo apt-get update -qq >&2
    # policy-rc.d keeps the package from starting a system-wide cluster we do not use.
    pg_sudo apt-get install -y -qq postgresql >&2 || { pg_log "apt-get install postgresql failed"; return 1; }
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
  [ -x "$PG_BIN/pg_ctl" ] || { pg_log "no pg_ctl after install"; return 1; }
  if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then
    pg_sudo useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
  fi
}

# Makes DIR reachable by the postgres user when we are root: its ancestors need the search bit for others.
pg_make_reachable() {
  local dir=$1
  [ "$(id -u)" = "0" ] || return 0
  local d
  d=$(cd "$dir" && pwd)
  while [ "$d" != "/" ]; do
    if ! su postgres -s /bin/bash -c "test -x $(printf '%q' "$d")" 2>/dev/null; then
      chmod o+x "$d"
    fi
    d=$(dirname "$d")
  done
}

# Returns a free TCP port on loopback.
pg_free_port() {
  python3 - <<'PY' 2>/dev/null || echo $((20000 + RANDOM % 20000))
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

# pg_start DIR PORT: initialises DIR (once) and starts the server; creates database `mhsupply`.
pg_start() {
  local dir=$1 port=$2
  pg_find_bin || return 1
  mkdir -p "$dir"
  pg_make_reachable "$dir"
  if [ "$(id -u)" = "0" ]; then chown -R postgres:postgres "$dir"; fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    pg_log "initialising a cluster in $dir"
    pg_as_owner "$PG_BIN/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null \
      || { pg_log "initdb failed"; return 1; }
    # Sized for 2 cores: enough connections for silos, gateway and Hangfire with capped pools.
    cat >> "$dir/postgresql.conf" <<CONF
max_connections = 200
shared_buffers = 256MB
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
logging_collector = off
CONF
    if [ "$(id -u)" = "0" ]; then chown postgres:postgres "$dir/postgresql.conf"; fi
  fi
  if pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    pg_log "already running in $dir"
  else
    pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 -o "-p $port" start >/dev/null \
      || { pg_log "start failed; log:"; tail -n 20 "$dir/server.log" >&2; return 1; }
  fi
  local i
  for i in $(seq 1 60); do
    if "$PG_BIN/pg_isready" -h 127.0.0.1 -p "$port" -q; then break; fi
    sleep 0.5
  done
  if ! "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "select 1 from pg_database where datname='mhsupply'" | grep -q 1; then
    "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "create database mhsupply" >/dev/null || return 1
  fi
  pg_log "ready on 127.0.0.1:$port"
}

pg_stop() {
  local dir=$1
  [ -n "${PG_BIN:-}" ] || pg_find_bin || return 1
  pg_as_owner "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true
}

pg_connection_string() {
  local port=$1 db=${2:-mhsupply}
  echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=$db"
}
