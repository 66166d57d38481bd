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
        errors.Require(Ids.IsValid(facilityId), "facilityId", Ids.Rule);
        errors.Require(body is not null, "body", "a JSON body is required");
        if (body is null)
        {
            return errors;
        }
        errors.Require(!string.IsNullOrWhiteSpace(body.Name), "name", "name is required");
        errors.Require(WireNames<MhSupply.Stock.FacilityLevel>.IsValid(body.Level), "level", $"level must be one of {string.Join(", ", WireNames<MhSupply.Stock.FacilityLevel>.All)}");
        errors.Require(body.District is not null && Ids.IsValid(body.District), "district", "district is required; " + Ids.Rule);
        errors.Require(body.Region is not null && Ids.IsValid(body.Region), "region", "region is required; " + Ids.Rule);
        errors.Require(body.Services?.All(Ids.IsValid) ?? true, "services", "each service is a code; " + Ids.Rule);
        // A facility may be registered up to a year before it opens.
        var latestOpening = today.AddYears(1);
        errors.Require(body.OpenedOn is null || (body.OpenedOn >= earliest && body.OpenedOn <= latestOpening), "openedOn",
            $"openedOn is a date between {earliest:yyyy-MM-dd} and {latestOpening:yyyy-MM-dd}");
        return errors;
    }

    /// <summary>The record to register, once <see cref="Validate"/> found nothing wrong.</summary>
    public FacilityRecord ToRecord(string facilityId, DateOnly openedOn) =>
        new(facilityId, Name!.Trim(), Level!, District!, Region!, Services?.Distinct().ToArray() ?? [], Active ?? true, openedOn);
}
