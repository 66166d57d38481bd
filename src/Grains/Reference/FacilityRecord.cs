namespace MhSupply.Reference;

public sealed record FacilityRecord(
    string Id,
    string Name,
    string Level,
    string District,
    string Region,
    string[] Services,
    bool Active);
