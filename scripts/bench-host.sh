#!/usr/bin/env bash
# What the host benchmarks share (bench/stock-ingest.sh, bench/failover.sh): the prerequisites, a temporary folder, and a
# cleanup on exit that stops every process the benchmark started (listed in `pids`) and its PostgreSQL, shows the end
# of the hosts' logs when the run failed, and removes the folder unless BENCH_KEEP=1. Source it; then call
# `bench_host_setup NAME` (the folder is `$work`, logs go to `$work/logs`).

# shellcheck source=postgres.sh
source "$(dirname "${BASH_SOURCE[0]}")/postgres.sh"
# shellcheck source=host-env.sh
source "$(dirname "${BASH_SOURCE[0]}")/host-env.sh"

bench_host_setup() {
  command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }
  command -v curl >/dev/null || { echo "curl is required." >&2; exit 1; }
  work=$(mktemp -d "/tmp/mhsupply-$1.XXXXXX")
  mkdir -p "$work/logs"
  pids=()
  trap bench_host_cleanup INT TERM EXIT
}

bench_host_cleanup() {
  local status=$?
  trap - INT TERM EXIT
  local pid log
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pg_stop "$work/pg"
  if [ "$status" -ne 0 ]; then
    for log in "$work"/logs/silo*.log "$work"/logs/gateway.log; do
      [ -s "$log" ] || continue
      echo "--- last lines of $(basename "$log")" >&2
      tail -n 15 "$log" >&2
    done
  fi
  if [ "${BENCH_KEEP:-0}" = "1" ]; then
    echo "Kept $work (logs in $work/logs)." >&2
  else
    rm -rf "$work"
  fi
  exit "$status"
}
