using MhSupply.Messages;
using MhSupply.Gateway.Errors;
using MhSupply.Reference;

namespace MhSupply.Gateway.Reference;

/// <summary>A facility as an admin registers it (PUT /facilities/{facilityId}), and the one place its rules are checked.</summary>
public sealed record FacilityBody(string? Name, string? Level, string? District, string? Region, string[]? Services, bool? Active,
    DateOnly? OpenedOn)
{
    /// <summary>Every field's problem at once, so a form can mark them all; empty when the facility can be registered.</summary>
    public static ValidationErrors Validate(string facilityId, FacilityBody? body, DateOnly earliest, DateOnly today)
    {
        var errors = new ValidationErrors();
        errors.Require(Ids.IsValid(facilityId), "facilityId", () => RequestMessages.Of("request.id_invalid", ("field", "facilityId"), ("value", facilityId)));
        errors.Require(body is not null, "body", RequestMessages.Of("request.body_required"));
        if (body is null)
        {
            return errors;
        }
        errors.Require(!string.IsNullOrWhiteSpace(body.Name), "name", RequestMessages.Of("request.required", ("field", "name")));
        errors.Require(WireNames<MhSupply.Stock.FacilityLevel>.IsValid(body.Level), "level", () => ReferenceMessages.Of("reference.level_invalid", ("value", body.Level), ("allowed", string.Join(", ", WireNames<MhSupply.Stock.FacilityLevel>.All))));
        errors.Require(body.District is not null && Ids.IsValid(body.District), "district", () => RequestMessages.Of("request.id_invalid", ("field", "district"), ("value", body.District)));
        errors.Require(body.Region is not null && Ids.IsValid(body.Region), "region", () => RequestMessages.Of("request.id_invalid", ("field", "region"), ("value", body.Region)));
        errors.Require(body.Services?.All(Ids.IsValid) ?? true, "services", () => ReferenceMessages.Of("reference.service_invalid", ("value", body.Services!.First(s => !Ids.IsValid(s)))));
        // A facility may be registered up to a year before it opens.
        var latestOpening = today.AddYears(1);
        errors.Require(body.OpenedOn is null || (body.OpenedOn >= earliest && body.OpenedOn <= latestOpening), "openedOn",
            () => ReferenceMessages.Of("reference.opened_on_range", ("value", body.OpenedOn!.Value), ("from", earliest), ("to", latestOpening)));
        return errors;
    }

    /// <summary>The record to register, once <see cref="Validate"/> found nothing wrong.</summary>
    public FacilityRecord ToRecord(string facilityId, DateOnly openedOn) =>
        new(facilityId, Name!.Trim(), Level!, District!, Region!, Services?.Distinct().ToArray() ?? [], Active ?? true, openedOn);
}
