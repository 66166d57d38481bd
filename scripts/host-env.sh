#!/usr/bin/env bash
# Runtime settings of our .NET hosts (silo, gateway) that only the environment can carry; run.sh, the benchmarks and the
# Dockerfiles start the hosts with them. Source this file; it defines a variable only.
#
# DOTNET_GCgen0size: a 64 MB gen0 budget. A stock batch allocates a few hundred KB (50 events parsed, serialised for
# Orleans, the touched cards' figures, the Npgsql parameters); with the default budget (sized from the CPU cache) the
# silo collected gen0 so often that a third of its CPU was the runtime. Measured with bench/stock-ingest.sh: about
# 25,000-26,500 events/s without it, about 29,700 with it. The runtime reads it from the environment only (it has no
# runtimeconfig.json name).
MHSUPPLY_HOST_ENV=(DOTNET_GCgen0size=0x4000000)
