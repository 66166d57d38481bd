using MhSupply.Messages;
using MhSupply.Gateway.Errors;
using MhSupply.Stock;

namespace MhSupply.Gateway.Reference;

/// <summary>
/// An adjustment reason as an admin writes it (PUT /adjustment-reasons/{code}, or one item of an import), and the one
/// place its rules are checked. <see cref="Direction"/> is credit or debit; <see cref="Active"/> defaults to true.
/// </summary>
public sealed record AdjustmentReasonBody(string? Name, string? Direction, string? Category, bool? Active) : IReferenceBody
{
    /// <inheritdoc />
    public bool ValidateFields(ValidationErrors errors, string prefix)
    {
        var before = errors.ToDictionary().Count;
        errors.Require(!string.IsNullOrWhiteSpace(Name) && Name.Trim().Length <= AdjustmentReason.MaxName, prefix + "name",
            () => ReferenceMessages.Of("reference.reason_name", ("max", AdjustmentReason.MaxName)));
        errors.Require(AdjustmentReason.CreditOf(Direction) is not null, prefix + "direction",
            () => ReferenceMessages.Of("reference.reason_direction", ("value", Direction)));
        errors.Require(WireNames<AdjustmentCategory>.IsValid(Category), prefix + "category",
            () => ReferenceMessages.Of("reference.reason_category", ("value", Category), ("allowed", string.Join(", ", WireNames<AdjustmentCategory>.All))));
        return errors.ToDictionary().Count == before;
    }

    /// <summary>The catalogue's reason, once the fields are valid.</summary>
    public AdjustmentReason ToReason(string code) =>
        new(code, Name!.Trim(), AdjustmentReason.CreditOf(Direction)!.Value, WireNames.Parse<AdjustmentCategory>(Category!), Active ?? true);
}
