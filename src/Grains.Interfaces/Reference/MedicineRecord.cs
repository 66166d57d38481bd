namespace MhSupply.Reference;

[GenerateSerializer, Immutable]
public sealed record MedicineRecord(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] string Form,
    [property: Id(3)] string Strength,
    [property: Id(4)] string Unit,
    [property: Id(5)] string? Atc,
    [property: Id(6)] string Category,
    [property: Id(7)] string? Source,
    [property: Id(8)] bool Tracer,
    [property: Id(9)] string[] Levels,
    [property: Id(10)] DateTimeOffset? RetiredAt);
