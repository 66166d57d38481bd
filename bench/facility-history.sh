#!/usr/bin/env bash
# Facility-history benchmark (bench/README.md): a throwaway PostgreSQL, facilities of 30 cards with 1 month and 5 years
# of history, their first read after activation and the memory each holds in this process (the silo), then the nightly
# stock-refresh over 1,000 facilities with a year each; baseline: the same facility read whole from the ledger, as the
# previous design did. Options: --copies N (active facilities per shape for memory) --refresh-facilities N.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/postgres.sh
source scripts/postgres.sh
work=$(mktemp -d /tmp/mhsupply-historybench.XXXXXX)
trap 'pg_stop "$work/pg"; rm -rf "$work"' EXIT
port=$(pg_free_port)
pg_start "$work/pg" "$port"
dotnet build bench/MhSupply.HistoryBench -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log"; exit 1; }
export DOTNET_ENVIRONMENT=Development
dotnet bench/MhSupply.HistoryBench/bin/Release/net10.0/MhSupply.HistoryBench.dll "$(pg_connection_string "$port")" "$@"
