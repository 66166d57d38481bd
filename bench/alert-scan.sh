#!/usr/bin/env bash
# Alert-scan benchmark (bench/README.md): a throwaway PostgreSQL, the schema, 1,000,000 stock cards and 1,000,000
# follow-ups in the due-index with 1% due, then the real alert-scan job, timed, against the baseline of one pass over
# every card's lots. Options: --cards N --followups N --due-percent P (1, 2, 5, 10, 20, 25, 50 or 100).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/postgres.sh
source scripts/postgres.sh
work=$(mktemp -d /tmp/mhsupply-scanbench.XXXXXX)
trap 'pg_stop "$work/pg"; rm -rf "$work"' EXIT
port=$(pg_free_port)
pg_start "$work/pg" "$port"
dotnet build bench/MhSupply.ScanBench -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log"; exit 1; }
dotnet bench/MhSupply.ScanBench/bin/Release/net10.0/MhSupply.ScanBench.dll "$(pg_connection_string "$port")" "$@"
