using System.Diagnostics.Metrics;

namespace MhSupply.Telemetry;

/// <summary>
/// Our own instruments, on one process-wide meter that every host's OpenTelemetry listens to (TelemetryExtensions). An
/// instrument with no listener costs a branch, so the write path may record without asking whether anyone watches.
/// </summary>
public static class MhSupplyMeter
{
    public const string Name = "MhSupply";

    public static readonly Meter Meter = new(Name);
}
