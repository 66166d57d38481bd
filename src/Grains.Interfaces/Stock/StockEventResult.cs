namespace MhSupply.Stock;

/// <summary>Outcome of one submitted event: accepted, duplicate (already recorded, applied once) or rejected with why.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("mh.stock.StockEventResult")]
public sealed record StockEventResult(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Outcome,
    [property: Id(2)] StockEventError? Error)
{
    public const string Accepted = "accepted";
    public const string Duplicate = "duplicate";
    public const string Rejected = "rejected";
}

/// <summary>
/// Why an event was rejected. Codes: <c>invalid</c> (a field, named in <see cref="Field"/>), <c>conflict</c> (the id
/// was recorded with other content), <c>negative_balance</c> (the balance it would break, when and where),
/// <c>unknown_medicine</c>.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("mh.stock.StockEventError")]
public sealed record StockEventError(
    [property: Id(0)] string Code,
    [property: Id(1)] string Message,
    [property: Id(2)] string? Field = null,
    [property: Id(3)] DateTimeOffset? BreaksAt = null,
    [property: Id(4)] Guid? BreaksEventId = null,
    [property: Id(5)] int? Balance = null)
{
    public const string Invalid = "invalid";
    public const string Conflict = "conflict";
    public const string NegativeBalance = "negative_balance";
    public const string NegativeLotBalance = "negative_lot_balance";
    public const string BalanceOverflow = "balance_overflow";
    public const string UnknownMedicine = "unknown_medicine";
}
