namespace MhSupply.Stock;

/// <summary>A batch of events for one facility (a monthly report, a phone syncing), answered per event.</summary>
[GenerateSerializer, Immutable, Alias("mh.stock.StockSubmission")]
public sealed record StockSubmission(
    [property: Id(0)] string RecordedBy,
    [property: Id(1)] StockEventInput[] Events);
