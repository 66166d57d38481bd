namespace MhSupply.Stock;

/// <summary>
/// The adjustment reasons catalogue as one reader holds it: signs events by their reason and names what may be used.
/// </summary>
public sealed class AdjustmentReasons
{
    private readonly Dictionary<string, AdjustmentReason> _byCode;

    public AdjustmentReasons(IEnumerable<AdjustmentReason> reasons) =>
        _byCode = reasons.ToDictionary(r => r.Code, StringComparer.Ordinal);

    public IReadOnlyCollection<AdjustmentReason> All => _byCode.Values;

    public int Count => _byCode.Count;

    public AdjustmentReason? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var r) ? r : null;

    /// <summary>The codes a new report may use, as the messages list them.</summary>
    public string Allowed => string.Join(", ", _byCode.Values.Where(r => r.Active).Select(r => r.Code).Order(StringComparer.Ordinal));

    /// <summary>
    /// The event with the sign of its reason (an adjustment naming a reason of the catalogue, active or not); any other
    /// event unchanged. An adjustment left unsigned is refused by its validation, naming the reason field.
    /// </summary>
    public StockEvent Sign(StockEvent e) =>
        e.Type == StockEventType.Adjustment && Find(e.Reason) is { } reason ? e with { Credit = reason.Credit } : e;
}
