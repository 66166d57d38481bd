namespace MhSupply.Reference;

public sealed record MedicineRecord(
    string Code,
    string Name,
    string Form,
    string Strength,
    string Unit,
    string? Atc,
    string Category,
    string? Source,
    bool Tracer,
    string[] Levels,
    DateTimeOffset? RetiredAt);
