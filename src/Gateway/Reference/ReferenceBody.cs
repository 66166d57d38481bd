using MhSupply.Gateway.Errors;
using MhSupply.Messages;

namespace MhSupply.Gateway.Reference;

/// <summary>A reference-data item as an admin writes it under its code (a medicine, an adjustment reason).</summary>
public interface IReferenceBody
{
    /// <summary>Adds each field's problem under <paramref name="prefix"/> (an import names the item); false when there was one.</summary>
    bool ValidateFields(ValidationErrors errors, string prefix);
}

public static class ReferenceBody
{
    /// <summary>PUT /{items}/{code}: the code and the body first; the fields only once both are there.</summary>
    public static ValidationErrors Validate(string code, IReferenceBody? body)
    {
        var errors = new ValidationErrors();
        errors.Require(Ids.IsValid(code), "code", () => RequestMessages.Of("request.id_invalid", ("field", "code"), ("value", code)));
        errors.Require(body is not null, "body", RequestMessages.Of("request.body_required"));
        if (!errors.Any)
        {
            body!.ValidateFields(errors, prefix: "");
        }
        return errors;
    }
}
