#!/usr/bin/env bash
# Runs every test: provisions a throwaway PostgreSQL and Azurite (Azure Storage emulator, for the grain-state tests on
# Azure Blob storage) on free ports, runs `dotnet test` on the solution, tears both down, and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")"

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }
# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
# shellcheck source=scripts/azurite.sh
source scripts/azurite.sh

# The delivery tests talk to a real SMTP server process: Debian's aiosmtpd.
if ! /usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1; then
  echo "Installing python3-aiosmtpd (SMTP server for the delivery tests)..."
  export DEBIAN_FRONTEND=noninteractive
  pg_sudo apt-get update -qq >/dev/null
  pg_sudo apt-get install -y -qq python3-aiosmtpd >/dev/null
fi

# The web app's browser tests drive Debian's headless Chromium through Playwright (no browser download).
if [ ! -x /usr/bin/chromium ]; then
  echo "Installing chromium (headless browser for the web app tests)..."
  export DEBIAN_FRONTEND=noninteractive
  pg_sudo apt-get update -qq >/dev/null
  pg_sudo apt-get install -y -qq chromium >/dev/null
fi

work=$(mktemp -d /tmp/mhsupply-test.XXXXXX)
port=$(pg_free_port)
cleanup() {
  azurite_stop "$work/azurite"
  pg_stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT
pg_start "$work/pg" "$port"
azurite_start "$work/azurite"

export MHSUPPLY_TEST_PG
MHSUPPLY_TEST_PG=$(pg_connection_string "$port" postgres)
export MHSUPPLY_TEST_AZURITE
MHSUPPLY_TEST_AZURITE=$(azurite_connection_string "$work/azurite")
export MHSUPPLY_TEST_ARTIFACTS=${MHSUPPLY_TEST_ARTIFACTS:-$(pwd)/artifacts/test}
mkdir -p "$MHSUPPLY_TEST_ARTIFACTS"
rm -rf "$MHSUPPLY_TEST_ARTIFACTS"/*.trx

status=0
dotnet test MhSupply.sln -c Release --nologo \
  --logger "console;verbosity=normal" --logger "trx" --results-directory "$MHSUPPLY_TEST_ARTIFACTS" || status=$?

# One plain closing line for whoever reads the log.
passed=0; failed=0; skipped=0
for trx in "$MHSUPPLY_TEST_ARTIFACTS"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(echo "$counters" | sed -nE 's/.* passed="([0-9]+)".*/\1/p'); f=$(echo "$counters" | sed -nE 's/.* failed="([0-9]+)".*/\1/p')
  t=$(echo "$counters" | sed -nE 's/.* total="([0-9]+)".*/\1/p'); e=$(echo "$counters" | sed -nE 's/.* executed="([0-9]+)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
echo "Tests: $passed passed, $failed failed, $skipped skipped"
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "no test ran" >&2
  status=1
fi
exit "$status"
