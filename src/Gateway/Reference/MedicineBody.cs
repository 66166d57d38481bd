using MhSupply.Messages;
using MhSupply.Gateway.Errors;
using MhSupply.Reference;

namespace MhSupply.Gateway.Reference;

/// <summary>
/// A medicine as an admin writes it (PUT /medicines/{code}, or one item of a JSON import), and the one place its rules
/// are checked.
/// </summary>
public sealed record MedicineBody(string? Name, string? Form, string? Strength, string? Unit, string? Atc, string? Category,
    bool? Tracer, string[]? Levels, string? Source) : IReferenceBody
{
    /// <inheritdoc />
    public bool ValidateFields(ValidationErrors errors, string prefix)
    {
        var before = errors.ToDictionary().Count;
        errors.Require(!string.IsNullOrWhiteSpace(Name), prefix + "name", RequestMessages.Of("request.required", ("field", "name")));
        errors.Require(!string.IsNullOrWhiteSpace(Form), prefix + "form", RequestMessages.Of("request.required", ("field", "form")));
        errors.Require(!string.IsNullOrWhiteSpace(Strength), prefix + "strength", RequestMessages.Of("request.required", ("field", "strength")));
        errors.Require(!string.IsNullOrWhiteSpace(Unit), prefix + "unit", RequestMessages.Of("request.required", ("field", "unit")));
        errors.Require(!string.IsNullOrWhiteSpace(Category), prefix + "category", RequestMessages.Of("request.required", ("field", "category")));
        errors.Require(Levels?.All(WireNames<MhSupply.Stock.FacilityLevel>.IsValid) ?? true, prefix + "levels", () => ReferenceMessages.Of("reference.levels_invalid", ("allowed", string.Join(", ", WireNames<MhSupply.Stock.FacilityLevel>.All))));
        return errors.ToDictionary().Count == before;
    }

    /// <summary>The list's record, once the fields are valid; a retired item stays retired until it is reinstated.</summary>
    public MedicineRecord ToRecord(string code, DateTimeOffset? retiredAt) =>
        new(code, Name!.Trim(), Form!.Trim(), Strength!.Trim(), Unit!.Trim(), string.IsNullOrWhiteSpace(Atc) ? null : Atc.Trim(),
            Category!.Trim(), Source, Tracer ?? false, Levels?.Distinct().ToArray() ?? [], retiredAt);
}
