namespace MhSupply.Stock;

/// <summary>
/// One line of a stock card as shown to people (docs/api.md, ".../card"): the event and the running balance after it.
/// <see cref="Variance"/> is set on physical counts only: counted − balance before the count.
/// </summary>
public sealed record StockCardLine(
    Guid EventId,
    StockEventType Type,
    int Quantity,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    string? Reason,
    string? Lot,
    int Balance,
    int? Variance);
