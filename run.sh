#!/usr/bin/env bash
# Runs the whole system on this machine with demo data: a local PostgreSQL under $MHSUPPLY_DATA (default ./.data),
# $MHSUPPLY_SILOS silos (default 1, each with a Hangfire server) and the gateway on http://localhost:$MHSUPPLY_PORT
# (default 5080). Silo i listens on $MHSUPPLY_SILO_PORT + i - 1 and $MHSUPPLY_ORLEANS_GATEWAY_PORT + i - 1.
# Grain state goes to PostgreSQL (MHSUPPLY_GRAIN_STORAGE=adonet, the default) or, with MHSUPPLY_GRAIN_STORAGE=azure, to
# Azure Blob storage on a local Azurite (installed through npm into .tools/azurite when absent, data in $MHSUPPLY_DATA/azurite).
# Ctrl-C stops everything; a second run keeps the data.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

PORT=${MHSUPPLY_PORT:-5080}
DATA=${MHSUPPLY_DATA:-./.data}
mkdir -p "$DATA"
DATA=$(cd "$DATA" && pwd)
PG_PORT=${MHSUPPLY_PG_PORT:-15432}
SILO_PORT=${MHSUPPLY_SILO_PORT:-11111}
GATEWAY_PORT=${MHSUPPLY_ORLEANS_GATEWAY_PORT:-30000}
SILOS=${MHSUPPLY_SILOS:-1}
case "$SILOS" in ''|*[!0-9]*|0) echo "MHSUPPLY_SILOS is a number of silos, 1 or more (was '$SILOS')." >&2; exit 1 ;; esac
GRAIN_STORAGE=${MHSUPPLY_GRAIN_STORAGE:-adonet}
case "$GRAIN_STORAGE" in
  adonet|postgres) GRAIN_STORAGE=adonet ;;
  azure) ;;
  *) echo "MHSUPPLY_GRAIN_STORAGE is 'adonet' (PostgreSQL, the default) or 'azure' (Azurite) (was '$GRAIN_STORAGE')." >&2; exit 1 ;;
esac

command -v dotnet >/dev/null || { echo "The .NET 10 SDK is required (dotnet on PATH)." >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is required." >&2; exit 1; }
command -v python3 >/dev/null || { echo "python3 is required (it reads the demo users list)." >&2; exit 1; }

# shellcheck source=scripts/postgres.sh
source scripts/postgres.sh
# shellcheck source=scripts/azurite.sh
source scripts/azurite.sh
# shellcheck source=scripts/host-env.sh
source scripts/host-env.sh

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "Stopping..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ "$GRAIN_STORAGE" = azure ] && azurite_stop "$DATA/azurite"
  pg_stop "$DATA/pg"
  echo "Stopped. Data kept in $DATA"
}
trap cleanup INT TERM EXIT

pg_start "$DATA/pg" "$PG_PORT"
CONNECTION=$(pg_connection_string "$PG_PORT")
if [ "$GRAIN_STORAGE" = azure ]; then
  azurite_start "$DATA/azurite"
  export Orleans__GrainStorage=AzureBlob
  ConnectionStrings__GrainStorage=$(azurite_connection_string "$DATA/azurite")
  export ConnectionStrings__GrainStorage
fi

echo "Building..."
dotnet build MhSupply.sln -c Release -nologo -v quiet -p:TreatWarningsAsErrors=false >"$DATA/build.log" 2>&1 \
  || { tail -n 30 "$DATA/build.log"; exit 1; }

mkdir -p "$DATA/logs"
export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__MhSupply="$CONNECTION"
export MHSUPPLY_DATA="$DATA"
export Demo__Seed=true
# The demo's facilities start with medicines never stocked: hold 100 units of each until consumption or treatment plans
# give a demand to order from (a country sets its own per medicine, Stock:MinimumSuggestion:Medicines:{code}).
export Stock__MinimumSuggestion__Default=100

# Every silo runs a Hangfire server: Hangfire.PostgreSql hands each job to one server (row locks, a distributed lock per
# recurring job), so several servers run nothing twice, and the schedules go on when any one silo dies.
for i in $(seq 1 "$SILOS"); do
  (cd src/Silo/bin/Release/net10.0 && Orleans__SiloPort=$((SILO_PORT + i - 1)) Orleans__GatewayPort=$((GATEWAY_PORT + i - 1)) \
    exec env "${MHSUPPLY_HOST_ENV[@]}" dotnet MhSupply.Silo.dll) >"$DATA/logs/silo-$i.log" 2>&1 &
  pids+=($!)
done
(cd src/Gateway/bin/Release/net10.0 && ASPNETCORE_URLS="http://localhost:$PORT" exec env "${MHSUPPLY_HOST_ENV[@]}" dotnet MhSupply.Gateway.dll) \
  >"$DATA/logs/gateway.log" 2>&1 &
pids+=($!)

base="http://localhost:$PORT"
echo "Waiting for $base/health/ready ..."
for i in $(seq 1 180); do
  if curl -fsS "$base/health/ready" >/dev/null 2>&1; then break; fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "A process exited; see $DATA/logs" >&2; tail -n 20 "$DATA"/logs/*.log >&2; exit 1; }
  done
  sleep 1
done
curl -fsS "$base/health/ready" >/dev/null || { echo "not ready after 180 s; see $DATA/logs" >&2; exit 1; }

# Tokens for curl, one per demo user (the list the sign-in page shows, /dev/demo-users), go to a file rather than the
# screen: each is ~330 characters and the web app signs in without them.
tokens_file="$DATA/demo-tokens.env"
users=$(curl -fsS "$base/dev/demo-users")
: >"$tokens_file"
chmod 600 "$tokens_file"
echo "# Demo users' API tokens (valid 12 h), written by ./run.sh: source this file, then curl -H \"Authorization: Bearer \$TOKEN_PHARMACIST_CAMPA\" ..." >>"$tokens_file"
while IFS='|' read -r sub body; do
  token=$(curl -fsS -X POST "$base/dev/token" -H 'Content-Type: application/json' -d "$body" | sed -E 's/.*"token":"([^"]+)".*/\1/')
  var=TOKEN_$(echo "$sub" | tr '[:lower:].-' '[:upper:]__')
  echo "export $var=$token" >>"$tokens_file"
done < <(echo "$users" | python3 -c '
import json, sys
for u in json.load(sys.stdin):
    claims = {"sub": u["sub"], "role": u["role"], "facilities": u["facilities"], "districts": u["districts"]}
    print(u["sub"] + "|" + json.dumps(claims))')
# shellcheck disable=SC1090
source "$tokens_file"
scripts/demo-stock.sh "$base" "$TOKEN_PHARMACIST_CAMPA"

echo
echo "MhSupply is running. Open the web app:  $base/"
echo
echo "Sign in: the sign-in page lists the demo users; pick one (a development system, no password):"
facilities=$(curl -fsS -H "Authorization: Bearer $TOKEN_ADMIN" "$base/api/v1/facilities?pageSize=500")
places=$(curl -fsS -H "Authorization: Bearer $TOKEN_ADMIN" "$base/api/v1/places?pageSize=500")
USERS="$users" FACILITIES="$facilities" PLACES="$places" python3 -c '
import json, os
names = {f["id"]: f["name"] for f in json.loads(os.environ["FACILITIES"])["items"]}
names.update({p["id"]: p["name"] for p in json.loads(os.environ["PLACES"])["items"]})
for u in json.loads(os.environ["USERS"]):
    where = ", ".join([names.get(f, f) for f in u["facilities"]] + [names.get(d, d) for d in u["districts"]]) or "all districts"
    print("  %-24s %-22s %s" % (u["sub"], u["role"].replace("_", " "), where))'
echo
echo "  API tokens for curl (valid 12 h): source $tokens_file   (\$TOKEN_PHARMACIST_CAMPA, \$TOKEN_HEAD_CAMPA, ...)"
echo "  API reference:  $base/scalar/v1        Health: $base/health/ready"
echo "  Logs:           $DATA/logs             $SILOS silo(s), grain state on $([ "$GRAIN_STORAGE" = azure ] && echo "Azure Blob storage (Azurite)" || echo PostgreSQL)"
cat <<DEMO

Try the stock-out demo: the pharmacist dispenses the last fluoxetine at Camp A; the alert is in the facility head's inbox at once.
  source $tokens_file
  SOH=\$(curl -s -H "Authorization: Bearer \$TOKEN_PHARMACIST_CAMPA" $base/api/v1/facilities/phc-camp-a/stock | grep -o '"medicine":"fluoxetine-cap-20mg","soh":[0-9]*' | grep -o '[0-9]*\$')
  curl -s -H "Authorization: Bearer \$TOKEN_PHARMACIST_CAMPA" -H 'Content-Type: application/json' $base/api/v1/facilities/phc-camp-a/stock-events \\
    -d "{\"events\":[{\"id\":\"\$(cat /proc/sys/kernel/random/uuid)\",\"medicine\":\"fluoxetine-cap-20mg\",\"type\":\"issue\",\"quantity\":\$SOH,\"occurredAt\":\"\$(date -u +%Y-%m-%dT%H:%M:%SZ)\"}]}"
  curl -s -H "Authorization: Bearer \$TOKEN_HEAD_CAMPA" "$base/api/v1/alerts?status=open"
DEMO
echo
echo "Press Ctrl-C to stop."
wait "${pids[@]}"
