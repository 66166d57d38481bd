namespace MhSupply.Stock;

/// <summary>
/// What a facility's activation holds: the ledger position its cards cover, the day through which they folded their
/// lines, how many lines they hold against how many they have had, and what they were loaded from.
/// </summary>
[GenerateSerializer, Immutable, Alias("mh.stock.FacilityStockMemory")]
public sealed record FacilityStockMemory(
    [property: Id(0)] string Source,
    [property: Id(1)] long Position,
    [property: Id(2)] DateOnly ThroughDay,
    [property: Id(3)] int Cards,
    [property: Id(4)] int HeldLines,
    [property: Id(5)] long TotalLines,
    [property: Id(6)] long SnapshotPosition);
