#!/usr/bin/env bash
# Failover benchmark (bench/README.md): a throwaway PostgreSQL on a free port, a Release build, two silo processes and the
# gateway process (as `MHSUPPLY_SILOS=2 ./run.sh` runs them), then the C# client bench/MhSupply.FailoverBench: a mixed stock
# and referral load from several clients, first as a baseline with both silos up, then the same load while the second
# silo is killed with SIGKILL; the checks by SQL. Exit 2 when an acknowledged write is lost or a retry-safe request got 5xx.
# Everything it started is stopped on exit. Options are the client's, e.g.
#   bench/failover.sh                                  # 8 clients, 30 s per phase, the kill 8 s into the second
#   bench/failover.sh --clients 16 --seconds 60 --kill-after 20
# BENCH_KEEP=1 keeps the temporary folder (logs, database) for a look afterwards.
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."

case " $* " in
  *" -h "*|*" --help "*)
    sed -n '2,9p' "$self" | sed 's/^# \{0,1\}//'
    echo
    echo "Client options: --clients N (8)  --seconds N per phase (30)  --kill-after N s into the failover phase (8)  --warmup N s (5)"
    exit 0
    ;;
esac

# shellcheck source=../scripts/bench-host.sh
source scripts/bench-host.sh
bench_host_setup failover

# Six distinct free ports: PostgreSQL, two silo ports, two Orleans gateway ports and HTTP.
ports=()
while [ "${#ports[@]}" -lt 6 ]; do
  p=$(pg_free_port)
  case " ${ports[*]-} " in *" $p "*) ;; *) ports+=("$p") ;; esac
done
pg_port=${ports[0]} http_port=${ports[5]}

echo "Building (Release)..."
mkdir -p "$work/logs"
for project in bench/MhSupply.FailoverBench/MhSupply.FailoverBench.csproj src/Silo/MhSupply.Silo.csproj src/Gateway/MhSupply.Gateway.csproj; do
  dotnet build "$project" -c Release -nologo -v quiet -p:TreatWarningsAsErrors=false >>"$work/logs/build.log" 2>&1 \
    || { tail -n 30 "$work/logs/build.log" >&2; exit 1; }
done
client=bench/MhSupply.FailoverBench/bin/Release/net10.0/MhSupply.FailoverBench.dll

pg_start "$work/pg" "$pg_port"
connection=$(pg_connection_string "$pg_port")

export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__MhSupply="$connection"
export MHSUPPLY_DATA="$work/data"
export Demo__Seed=false Orleans__ClusterId=failover Orleans__ServiceId=failover
mkdir -p "$MHSUPPLY_DATA"

silo_pids=()
for i in 1 2; do
  (cd src/Silo/bin/Release/net10.0 && Orleans__SiloPort=${ports[$i]} Orleans__GatewayPort=${ports[$((i + 2))]} \
    exec env "${MHSUPPLY_HOST_ENV[@]}" dotnet MhSupply.Silo.dll) >"$work/logs/silo-$i.log" 2>&1 &
  silo_pids+=($!)
  pids+=($!)
done
(cd src/Gateway/bin/Release/net10.0 && ASPNETCORE_URLS="http://127.0.0.1:$http_port" exec env "${MHSUPPLY_HOST_ENV[@]}" dotnet MhSupply.Gateway.dll) \
  >"$work/logs/gateway.log" 2>&1 &
pids+=($!)

base="http://127.0.0.1:$http_port"
active_silos() {
  "$PG_BIN/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d mhsupply -tAc \
    "SELECT count(*) FROM orleans.orleansmembershiptable WHERE deploymentid = 'failover' AND status = 3" 2>/dev/null || echo 0
}
echo "Waiting for $base/health/ready and two active silos ..."
for _ in $(seq 1 180); do
  if curl -fsS "$base/health/ready" >/dev/null 2>&1 && [ "$(active_silos)" = "2" ]; then break; fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "A process exited before the system was ready." >&2; exit 1; }
  done
  sleep 1
done
[ "$(active_silos)" = "2" ] && curl -fsS "$base/health/ready" >/dev/null || { echo "Not ready after 180 s." >&2; exit 1; }
# The gateway learns the second silo from its gateway list refresh (Faults:GatewayListRefreshPeriod, 5 s).
sleep 6
echo "Ready: silos pid ${silo_pids[0]} and ${silo_pids[1]} (the second is killed), gateway pid ${pids[2]}, postgres 127.0.0.1:$pg_port."

status=0
dotnet "$client" --url "$base" --pg "$connection" --cluster failover --kill-pid "${silo_pids[1]}" --kill-port "${ports[2]}" "$@" || status=$?
echo
echo "Gateway: $(grep -c 'Retrying' "$work/logs/gateway.log" || true) retries of retry-safe calls, $(grep -c 'answered 503' "$work/logs/gateway.log" || true) requests answered 503."
exit "$status"
