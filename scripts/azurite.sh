#!/usr/bin/env bash
# Local Azure Storage for run.sh and test.sh: Microsoft's emulator Azurite (npm package), installed into a folder of ours
# (.tools/azurite, git-ignored) and run on free loopback ports with its data in a folder we name. Source this file; it
# defines functions only:
#   azurite_start DIR             starts Azurite with its data, log and PID under DIR (reuses one already running there)
#   azurite_connection_string DIR the connection string of the Azurite started under DIR
#   azurite_stop DIR              stops it by its PID

AZURITE_VERSION=3.37.0
AZURITE_HOME=${AZURITE_HOME:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools/azurite}

azurite_log() { echo "[azurite] $*" >&2; }

# Installs the pinned version into $AZURITE_HOME when it is absent (or another version is there).
azurite_install() {
  local installed
  installed=$(node -p "require('$AZURITE_HOME/node_modules/azurite/package.json').version" 2>/dev/null || true)
  [ "$installed" = "$AZURITE_VERSION" ] && [ -x "$AZURITE_HOME/node_modules/.bin/azurite" ] && return 0
  if ! command -v npm >/dev/null; then
    # A fresh Debian/Ubuntu machine: Node and npm from apt (Azurite 3.37 runs on Node 18 and later).
    azurite_log "npm not found: installing nodejs and npm with apt"
    local as_root=()
    [ "$(id -u)" = "0" ] || as_root=(sudo)
    DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get update -qq >&2 \
      && DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq nodejs npm >&2 \
      || { azurite_log "installing nodejs and npm failed: Azurite needs Node 18 or later with npm"; return 1; }
  fi
  azurite_log "installing azurite@$AZURITE_VERSION into $AZURITE_HOME"
  mkdir -p "$AZURITE_HOME"
  npm install --prefix "$AZURITE_HOME" --no-audit --no-fund --loglevel=error "azurite@$AZURITE_VERSION" >&2 \
    || { azurite_log "npm install azurite@$AZURITE_VERSION failed"; return 1; }
}

# Three distinct free TCP ports on loopback (blob, queue, table), held open together so they cannot coincide.
azurite_free_ports() {
  python3 - <<'PY'
import socket
socks = [socket.socket() for _ in range(3)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks: s.close()
PY
}

azurite_running() {
  local dir=$1 pid
  pid=$(cat "$dir/azurite.pid" 2>/dev/null) || return 1
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}

azurite_listens() {
  local port
  for port in "$@"; do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || return 1
  done
}

azurite_start() {
  local dir=$1
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if azurite_running "$dir"; then
    azurite_log "already running in $dir"
    return 0
  fi
  azurite_install || return 1
  local blob queue table
  read -r blob queue table < <(azurite_free_ports) || { azurite_log "no free ports"; return 1; }
  # The development account only accepts the emulator's key; --skipApiVersionCheck lets a newer Azure SDK talk to it.
  "$AZURITE_HOME/node_modules/.bin/azurite" --silent --location "$dir" --blobHost 127.0.0.1 --blobPort "$blob" \
    --queueHost 127.0.0.1 --queuePort "$queue" --tableHost 127.0.0.1 --tablePort "$table" --skipApiVersionCheck \
    >"$dir/azurite.log" 2>&1 &
  echo $! >"$dir/azurite.pid"
  echo "$blob $queue $table" >"$dir/azurite.ports"
  local i
  for i in $(seq 1 60); do
    if azurite_listens "$blob" "$queue" "$table"; then
      azurite_log "ready on 127.0.0.1:$blob (blob), $queue (queue), $table (table); data in $dir"
      return 0
    fi
    azurite_running "$dir" || break
    sleep 0.5
  done
  azurite_log "did not start; log:"
  tail -n 20 "$dir/azurite.log" >&2
  azurite_stop "$dir"
  return 1
}

# The emulator's well-known development account (public, documented by Microsoft), on the ports azurite_start chose.
azurite_connection_string() {
  local dir=$1 blob queue table
  read -r blob queue table <"$dir/azurite.ports" || { azurite_log "no Azurite started under $dir"; return 1; }
  local account=devstoreaccount1
  local key='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
  echo "DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/$account;QueueEndpoint=http://127.0.0.1:$queue/$account;TableEndpoint=http://127.0.0.1:$table/$account;"
}

azurite_stop() {
  local dir=$1 pid i
  pid=$(cat "$dir/azurite.pid" 2>/dev/null) || return 0
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for i in $(seq 1 20); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  fi
  rm -f "$dir/azurite.pid"
}
