using System.Diagnostics.Metrics;
using MhSupply.Telemetry;

namespace MhSupply.Stock;

/// <summary>Stock events by outcome, counted once a submission is answered (a retried batch counts once).</summary>
internal static class StockMetrics
{
    private static readonly Counter<long> Events = MhSupplyMeter.Meter.CreateCounter<long>(
        "mhsupply.stock.events", unit: "{event}", description: "Stock events answered, by outcome (accepted, duplicate, rejected)");

    private static readonly KeyValuePair<string, object?> Accepted = new("outcome", StockEventResult.Accepted);
    private static readonly KeyValuePair<string, object?> Duplicate = new("outcome", StockEventResult.Duplicate);
    private static readonly KeyValuePair<string, object?> Rejected = new("outcome", StockEventResult.Rejected);

    public static void Answered(StockEventResult[] results)
    {
        if (!Events.Enabled)
        {
            return;
        }
        long accepted = 0, duplicate = 0, rejected = 0;
        foreach (var result in results)
        {
            switch (result.Outcome)
            {
                case StockEventResult.Accepted: accepted++; break;
                case StockEventResult.Duplicate: duplicate++; break;
                default: rejected++; break;
            }
        }
        Add(accepted, Accepted);
        Add(duplicate, Duplicate);
        Add(rejected, Rejected);
    }

    private static void Add(long count, KeyValuePair<string, object?> outcome)
    {
        if (count > 0)
        {
            Events.Add(count, outcome);
        }
    }
}
