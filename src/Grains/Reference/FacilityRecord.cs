namespace MhSupply.Reference;

/// <summary>A facility of the registry. <see cref="OpenedOn"/> decides from which month it is expected to report.</summary>
public sealed record FacilityRecord(
    string Id,
    string Name,
    string Level,
    string District,
    string Region,
    string[] Services,
    bool Active,
    DateOnly OpenedOn);
