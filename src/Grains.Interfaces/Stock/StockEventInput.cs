namespace MhSupply.Stock;

/// <summary>One stock event as a pharmacist reported it (docs/api.md "Stock"); the server stamps recordedAt.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("mh.stock.StockEventInput")]
public sealed record StockEventInput(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Medicine,
    [property: Id(2)] string Type,
    [property: Id(3)] int Quantity,
    [property: Id(4)] DateTimeOffset OccurredAt,
    [property: Id(5)] string? Reason,
    [property: Id(6)] string? Lot,
    [property: Id(7)] DateOnly? Expiry,
    [property: Id(8)] string? OtherFacility,
    [property: Id(9)] string? Note);
