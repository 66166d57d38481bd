#!/usr/bin/env bash
# Stock-ingest benchmark (bench/README.md): a throwaway PostgreSQL on a free port, a Release build, one silo and the
# gateway as separate processes (Development, so POST /dev/token works), then the C# client bench/MhSupply.Bench:
# stock events through the HTTP API, the plain-insert baseline on the same PostgreSQL before and after it (the ratio is
# against their mean), and the checks by SQL.
# Everything it started is stopped on exit. Options are the client's, e.g.
#   bench/stock-ingest.sh                  # the reference run: 200,000 timed events, 16 clients, batches of 50
#   bench/stock-ingest.sh --events 20000   # a quick run
# BENCH_KEEP=1 keeps the temporary folder (logs, database) for a look afterwards.
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."


case " $* " in
  *" -h "*|*" --help "*)
    sed -n '2,9p' "$self" | sed 's/^# \{0,1\}//'
    echo
    echo "Client options:"
    echo "  --events N (200000)  --clients N (16)  --batch N (50)  --facilities N (48)  --medicines N (30)"
    echo "  --warmup N batches (12000)  --days N (200)  --seed N  --samples N (12)  --skip-baseline"
    echo "  --target P (50)  --require-target (exit 2 when the ratio is under the target)"
    echo "  --pg-statements (also print the heaviest SQL of the gateway phase, from pg_stat_statements)"
    exit 0
    ;;
esac

# shellcheck source=../scripts/bench-host.sh
source scripts/bench-host.sh
bench_host_setup bench

# Four distinct free ports: PostgreSQL, the silo, the Orleans gateway and HTTP.
ports=()
while [ "${#ports[@]}" -lt 4 ]; do
  p=$(pg_free_port)
  case " ${ports[*]-} " in *" $p "*) ;; *) ports+=("$p") ;; esac
done
pg_port=${ports[0]} silo_port=${ports[1]} orleans_gateway_port=${ports[2]} http_port=${ports[3]}

# The client first, and its options checked, before anything is started.
echo "Building (Release)..."
mkdir -p "$work/logs"
dotnet build bench/MhSupply.Bench/MhSupply.Bench.csproj -c Release -nologo -v quiet >>"$work/logs/build.log" 2>&1 \
  || { tail -n 30 "$work/logs/build.log" >&2; exit 1; }
client=bench/MhSupply.Bench/bin/Release/net10.0/MhSupply.Bench.dll
dotnet "$client" --url http://check --pg check --validate-only "$@"

pg_start "$work/pg" "$pg_port"
case " $* " in
  *" --pg-statements "*)
    # Statement statistics need the module loaded at server start: add it and restart the fresh cluster.
    echo "shared_preload_libraries = 'pg_stat_statements'" >>"$work/pg/postgresql.conf"
    pg_as_owner "$PG_BIN/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w -t 60 -o "-p $pg_port" restart >/dev/null
    ;;
esac
connection=$(pg_connection_string "$pg_port")
pg_pid=$(head -n 1 "$work/pg/postmaster.pid")

for project in src/Silo/MhSupply.Silo.csproj src/Gateway/MhSupply.Gateway.csproj; do
  dotnet build "$project" -c Release -nologo -v quiet -p:TreatWarningsAsErrors=false >>"$work/logs/build.log" 2>&1 \
    || { tail -n 30 "$work/logs/build.log" >&2; exit 1; }
done

export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development
export ConnectionStrings__MhSupply="$connection"
export MHSUPPLY_DATA="$work/data"
export Demo__Seed=false
export Orleans__SiloPort="$silo_port" Orleans__GatewayPort="$orleans_gateway_port"
mkdir -p "$MHSUPPLY_DATA"

(cd src/Silo/bin/Release/net10.0 && exec env "${MHSUPPLY_HOST_ENV[@]}" dotnet MhSupply.Silo.dll) >"$work/logs/silo.log" 2>&1 &
silo_pid=$!
pids+=("$silo_pid")
(cd src/Gateway/bin/Release/net10.0 && ASPNETCORE_URLS="http://127.0.0.1:$http_port" exec env "${MHSUPPLY_HOST_ENV[@]}" dotnet MhSupply.Gateway.dll) \
  >"$work/logs/gateway.log" 2>&1 &
gateway_pid=$!
pids+=("$gateway_pid")

base="http://127.0.0.1:$http_port"
echo "Waiting for $base/health/ready ..."
for _ in $(seq 1 180); do
  if curl -fsS "$base/health/ready" >/dev/null 2>&1; then break; fi
  for pid in "${pids[@]}"; do
    kill -0 "$pid" 2>/dev/null || { echo "A process exited before the system was ready." >&2; exit 1; }
  done
  sleep 1
done
curl -fsS "$base/health/ready" >/dev/null || { echo "Not ready after 180 s." >&2; exit 1; }
watch=(--watch "gateway=$gateway_pid" --watch "postgres=$pg_pid" --watch "silo=$silo_pid")
echo "Ready: silo pid $silo_pid, gateway pid $gateway_pid, postgres pid $pg_pid (127.0.0.1:$pg_port)."
echo

dotnet "$client" --url "$base" --pg "$connection" "${watch[@]}" "$@"
