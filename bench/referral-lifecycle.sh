#!/usr/bin/env bash
# Referral lifecycle benchmark (bench/README.md): a throwaway PostgreSQL, one silo and the gateway (Release, separate
# processes), then bench/MhSupply.ReferralBench: N referrals through 7 API steps each, and the plain-commit baseline.
#   bench/referral-lifecycle.sh                     # 100,000 referrals, 16 clients
#   bench/referral-lifecycle.sh --referrals 5000    # a quick run
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=../scripts/postgres.sh
source scripts/postgres.sh
# shellcheck source=scripts/host-env.sh
source scripts/host-env.sh
work=$(mktemp -d /tmp/mhsupply-refbench.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pg_stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT
ports=()
while [ "${#ports[@]}" -lt 4 ]; do
  p=$(pg_free_port)
  case " ${ports[*]-} " in *" $p "*) ;; *) ports+=("$p") ;; esac
done
pg_start "$work/pg" "${ports[0]}"
connection=$(pg_connection_string "${ports[0]}")
mkdir -p "$work/logs"
for project in src/Silo/MhSupply.Silo.csproj src/Gateway/MhSupply.Gateway.csproj bench/MhSupply.ReferralBench/MhSupply.ReferralBench.csproj; do
  dotnet build "$project" -c Release -nologo -v quiet >>"$work/logs/build.log" 2>&1 || { tail -n 30 "$work/logs/build.log"; exit 1; }
done
export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__MhSupply="$connection"
export MHSUPPLY_DATA="$work/data" Demo__Seed=false Orleans__ServiceId=bench Orleans__ClusterId=bench Logging__LogLevel__Default=Warning
export Jobs__RunServer=false
(cd src/Silo/bin/Release/net10.0 && Orleans__SiloPort="${ports[1]}" Orleans__GatewayPort="${ports[2]}" exec env "${MHSUPPLY_HOST_ENV[@]}" dotnet MhSupply.Silo.dll) >"$work/logs/silo.log" 2>&1 &
pids+=($!)
(cd src/Gateway/bin/Release/net10.0 && ASPNETCORE_URLS="http://127.0.0.1:${ports[3]}" exec env "${MHSUPPLY_HOST_ENV[@]}" dotnet MhSupply.Gateway.dll) >"$work/logs/gateway.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:${ports[3]}/health/ready" >/dev/null 2>&1 && break; sleep 1; done
curl -fsS "http://127.0.0.1:${ports[3]}/health/ready" >/dev/null || { tail -n 20 "$work"/logs/*.log; exit 1; }
dotnet bench/MhSupply.ReferralBench/bin/Release/net10.0/MhSupply.ReferralBench.dll "http://127.0.0.1:${ports[3]}" "$connection" "$@"
