namespace MhSupply.Stock;

/// <summary>Wire names of <see cref="StockStatus"/> (api.md, "Stock").</summary>
public static class StockStatuses
{
    public const string StockedOut = "stocked_out";
    public const string BelowEop = "below_eop";
    public const string BelowMin = "below_min";
    public const string Ok = "ok";
    public const string Overstocked = "overstocked";
    public const string Unknown = "unknown";

    public static IReadOnlyList<string> WireNames { get; } = [StockedOut, BelowEop, BelowMin, Ok, Overstocked, Unknown];

    public static bool TryParse(string? value, out StockStatus status)
    {
        (var known, status) = value switch
        {
            StockedOut => (true, StockStatus.StockedOut),
            BelowEop => (true, StockStatus.BelowEop),
            BelowMin => (true, StockStatus.BelowMin),
            Ok => (true, StockStatus.Ok),
            Overstocked => (true, StockStatus.Overstocked),
            Unknown => (true, StockStatus.Unknown),
            _ => (false, StockStatus.Unknown),
        };
        return known;
    }

    public static string ToWireName(this StockStatus status) => status switch
    {
        StockStatus.StockedOut => StockedOut,
        StockStatus.BelowEop => BelowEop,
        StockStatus.BelowMin => BelowMin,
        StockStatus.Ok => Ok,
        StockStatus.Overstocked => Overstocked,
        StockStatus.Unknown => Unknown,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown stock status."),
    };
}
