namespace MhSupply.Stock;

/// <summary>Wire names of <see cref="StockEventType"/> as the API spells them (api.md, "Stock").</summary>
public static class StockEventTypes
{
    public const string Receipt = "receipt";
    public const string Issue = "issue";
    public const string TransferIn = "transfer_in";
    public const string TransferOut = "transfer_out";
    public const string Adjustment = "adjustment";
    public const string PhysicalCount = "physical_count";

    public static IReadOnlyList<string> WireNames { get; } = [Receipt, Issue, TransferIn, TransferOut, Adjustment, PhysicalCount];

    /// <summary>Exact, case-sensitive match: the wire names are part of the fixed API.</summary>
    public static bool TryParse(string? value, out StockEventType type)
    {
        type = value switch
        {
            Receipt => StockEventType.Receipt,
            Issue => StockEventType.Issue,
            TransferIn => StockEventType.TransferIn,
            TransferOut => StockEventType.TransferOut,
            Adjustment => StockEventType.Adjustment,
            PhysicalCount => StockEventType.PhysicalCount,
            _ => default,
        };
        return type != default;
    }

    public static StockEventType Parse(string value) =>
        TryParse(value, out var type) ? type : throw new FormatException($"'{value}' is not a stock event type ({string.Join(", ", WireNames)}).");

    public static string ToWireName(this StockEventType type) => type switch
    {
        StockEventType.Receipt => Receipt,
        StockEventType.Issue => Issue,
        StockEventType.TransferIn => TransferIn,
        StockEventType.TransferOut => TransferOut,
        StockEventType.Adjustment => Adjustment,
        StockEventType.PhysicalCount => PhysicalCount,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown stock event type."),
    };

    public static bool IsTransfer(this StockEventType type) => type is StockEventType.TransferIn or StockEventType.TransferOut;
}
