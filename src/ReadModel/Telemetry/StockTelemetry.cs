using System.Diagnostics.Metrics;

namespace MhSupply.Telemetry;

/// <summary>The stock write path's instruments that the read side also needs to name (README, dashboards).</summary>
public static class StockTelemetry
{
    public const string ProjectionLagName = "mhsupply.stock.projection.lag";

    /// <summary>Around Stock:ProjectionDelay (2 s by default) when all is well; tens of seconds or more when projections
    /// fall behind or a silo died with a projection pending.</summary>
    private static readonly Histogram<double> Lag = MhSupplyMeter.Meter.CreateHistogram(
        ProjectionLagName, unit: "s", description: "Time from a stock report's commit to its cards' read-model rows and alerts",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.25, 0.5, 1, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10, 30, 60, 300] });

    /// <summary>A projection wrote what <paramref name="lag"/> ago was committed (the oldest report it projects).</summary>
    public static void ProjectionLag(TimeSpan lag)
    {
        if (Lag.Enabled)
        {
            Lag.Record(Math.Max(0, lag.TotalSeconds));
        }
    }
}
