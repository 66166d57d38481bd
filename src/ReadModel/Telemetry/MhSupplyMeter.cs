using System.Diagnostics.Metrics;

namespace MhSupply.Telemetry;

/// <summary>
/// Our own instruments, on one process-wide meter that every host's OpenTelemetry listens to (TelemetryExtensions). An
/// instrument with no listener costs a branch, so the write path may record without asking whether anyone watches.
/// The instruments (Prometheus names; README "Watching the cluster" lists them for operators):
/// <list type="bullet">
/// <item><c>mhsupply_stock_events_total{outcome}</c>: stock events answered (Grains/Stock/StockMetrics, silo).</item>
/// <item><c>mhsupply_stock_projection_lag_seconds</c>: commit to read model (<see cref="StockTelemetry"/>, silo).</item>
/// <item><c>mhsupply_job_duration_seconds{job_name, outcome}</c>: recurring job runs (<see cref="JobTelemetry"/>, silo).</item>
/// <item><c>mhsupply_outbox_pending{channel}</c> and <c>mhsupply_alerts_open{kind, status}</c>: read from PostgreSQL at
/// collection time (<see cref="DatabaseGauges"/>, gateway).</item>
/// </list>
/// </summary>
public static class MhSupplyMeter
{
    public const string Name = "MhSupply";

    public static readonly Meter Meter = new(Name);
}
