namespace MhSupply.Stock;

/// <summary>A batch of events for one facility (a monthly report, a phone syncing), answered per event.</summary>
/// <remarks>
/// The stock messages are values, never shared or cyclic, so their serializers skip reference tracking: a batch
/// carries 50 events to the silo and 50 results back, and tracking each object was a visible share of both hosts' CPU.
/// </remarks>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("mh.stock.StockSubmission")]
public sealed record StockSubmission(
    [property: Id(0)] string RecordedBy,
    [property: Id(1)] StockEventInput[] Events);
