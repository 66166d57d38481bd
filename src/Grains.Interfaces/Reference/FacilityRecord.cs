namespace MhSupply.Reference;

/// <summary>A facility of the registry. <see cref="OpenedOn"/> decides from which month it is expected to report.</summary>
[GenerateSerializer, Immutable]
public sealed record FacilityRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Level,
    [property: Id(3)] string District,
    [property: Id(4)] string Region,
    [property: Id(5)] string[] Services,
    [property: Id(6)] bool Active,
    [property: Id(7)] DateOnly OpenedOn);
