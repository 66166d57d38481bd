namespace MhSupply.Stock;

/// <summary>A line of a stock card with the running balance after it.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("mh.stock.StockCardLineView")]
public sealed record StockCardLineView(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string Type,
    [property: Id(2)] int Quantity,
    [property: Id(3)] DateTimeOffset OccurredAt,
    [property: Id(4)] DateTimeOffset RecordedAt,
    [property: Id(5)] string? Reason,
    [property: Id(6)] string? Lot,
    [property: Id(7)] int Balance,
    [property: Id(8)] int? Variance,
    [property: Id(9)] string? OtherFacility,
    [property: Id(10)] DateOnly? Expiry);
