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
/// <c>unknown_medicine</c>, <c>only_expired_stock</c> (only lots expired on the event's day could cover a debit naming no lot).
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("mh.stock.StockEventError")]
public sealed record StockEventError(
    [property: Id(0)] string Code,
    [property: Id(1)] string Message,
    [property: Id(2)] string? Field = null,
    [property: Id(3)] DateTimeOffset? BreaksAt = null,
    [property: Id(4)] Guid? BreaksEventId = null,
    [property: Id(5)] int? Balance = null,
    [property: Id(6)] string? MessageCode = null,
    [property: Id(7)] Dictionary<string, object>? Params = null)
{
    /// <summary>
    /// The error of a message (<see cref="StockMessages"/>): <paramref name="code"/> says what broke (the codes above),
    /// <see cref="MessageCode"/> which template the text is (the web app's key <c>error.{messageCode}</c>), with its parameters.
    /// </summary>
    public static StockEventError Of(string code, StockMessage message, string? field = null) =>
        new(code, message.Text, field, MessageCode: message.Code, Params: new Dictionary<string, object>(message.Params));

    public const string Invalid = "invalid";
    public const string Conflict = "conflict";
    public const string NegativeBalance = "negative_balance";
    public const string NegativeLotBalance = "negative_lot_balance";
    public const string BalanceOverflow = "balance_overflow";
    public const string UnknownMedicine = "unknown_medicine";
    public const string OnlyExpiredStock = "only_expired_stock";

    /// <summary>A line of a count sheet that was fine on its own, not recorded because another line of the sheet was refused.</summary>
    public const string SheetRejected = "sheet_rejected";
}
