#!/usr/bin/env bash
# Indicators benchmark (bench/README.md): a throwaway PostgreSQL, the schema, 3,300 facilities x 30 medicines x 24
# months of stock history (about 4.8 million ledger lines) with each card's month-end rows and 200,000 referrals (history,
# follow-ups, prescribed-item alerts), then one month's national and one district's indicators and 12-month trends, timed,
# against one plain SQL query over the raw stock tables and one over the raw referral tables, compared.
# Options: --facilities N --medicines N --months N --runs N --referrals N
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/postgres.sh
source scripts/postgres.sh
work=$(mktemp -d /tmp/mhsupply-indicatorbench.XXXXXX)
trap 'pg_stop "$work/pg"; rm -rf "$work"' EXIT
port=$(pg_free_port)
pg_start "$work/pg" "$port"
dotnet build bench/MhSupply.IndicatorBench -c Release -nologo -v quiet >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log"; exit 1; }
dotnet bench/MhSupply.IndicatorBench/bin/Release/net10.0/MhSupply.IndicatorBench.dll "$(pg_connection_string "$port")" "$@"
