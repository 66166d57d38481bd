using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Validation;
using MhSupply.Reference;
using MhSupply.Stock;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MhSupply.Gateway.Reference;

/// <summary>The facility registry (shared/api.md "Reference data"): admins manage it, everyone reads what their scope covers.</summary>
public static class FacilityEndpoints
{
    public sealed record FacilityBody(string? Name, string? Level, string? District, string? Region, string[]? Services, bool? Active,
        DateOnly? OpenedOn);

    public sealed record FacilityDto(string Id, string Name, string Level, string District, string Region, string[] Services, bool Active,
        DateOnly OpenedOn)
    {
        public static FacilityDto From(FacilityRecord f) => new(f.Id, f.Name, f.Level, f.District, f.Region, f.Services, f.Active, f.OpenedOn);
    }


    public static RouteGroupBuilder MapFacilityApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/facilities").WithTags("Reference data");
        group.MapGet("/", List).WithSummary("List facilities, filtered by district and level, within the caller's scope.");
        group.MapGet("/{facilityId}", Get).WithSummary("One facility.");
        group.MapPut("/{facilityId}", Put).RequireAuthorization(AuthServiceExtensions.AdminPolicy)
            .WithSummary("Create or replace a facility (admin).");
        return api;
    }

    private static async Task<Ok<Paged<FacilityDto>>> List(string? district, string? level, [AsParameters] Paging paging,
        HttpContext http, FacilityDirectory directory, ScopeChecker scope, CancellationToken cancellationToken)
    {
        var all = await directory.ListAsync(district, level, cancellationToken);
        var visible = new List<FacilityDto>();
        foreach (var facility in all)
        {
            if (await scope.CoversFacilityAsync(http.User, facility.Id, cancellationToken))
            {
                visible.Add(FacilityDto.From(facility));
            }
        }
        return TypedResults.Ok(paging.Apply(visible));
    }

    private static async Task<Results<Ok<FacilityDto>, NotFound, ForbidHttpResult>> Get(string facilityId, HttpContext http,
        FacilityDirectory directory, ScopeChecker scope, CancellationToken cancellationToken)
    {
        if (!await scope.CoversFacilityAsync(http.User, facilityId, cancellationToken))
        {
            return TypedResults.Forbid();
        }
        var facility = await directory.FindAsync(facilityId, cancellationToken);
        return facility is null ? TypedResults.NotFound() : TypedResults.Ok(FacilityDto.From(facility));
    }

    private static async Task<IResult> Put(string facilityId, FacilityBody? body, FacilityDirectory directory, IGrainFactory grains, InputBounds bounds,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(Ids.IsValid(facilityId), "facilityId", Ids.Rule);
        errors.Require(body is not null, "body", "a JSON body is required");
        if (body is not null)
        {
            errors.Require(!string.IsNullOrWhiteSpace(body.Name), "name", "name is required");
            errors.Require(WireNames<FacilityLevel>.IsValid(body.Level), "level", $"level must be one of {string.Join(", ", WireNames<FacilityLevel>.All)}");
            errors.Require(body.District is not null && Ids.IsValid(body.District), "district", "district is required; " + Ids.Rule);
            errors.Require(body.Region is not null && Ids.IsValid(body.Region), "region", "region is required; " + Ids.Rule);
            errors.Require(body.Services?.All(Ids.IsValid) ?? true, "services", "each service is a code; " + Ids.Rule);
            // A facility may be registered up to a year before it opens.
            var latestOpening = directory.Today().AddYears(1);
            errors.Require(body.OpenedOn is null || (body.OpenedOn >= bounds.Earliest && body.OpenedOn <= latestOpening), "openedOn",
                $"openedOn is a date between {bounds.Earliest:yyyy-MM-dd} and {latestOpening:yyyy-MM-dd}");
        }
        if (errors.Any)
        {
            return errors.ToResult();
        }
        // Without openedOn a facility keeps the day it opened, or opens the day it is first registered (api.md).
        var openedOn = body!.OpenedOn ?? (await directory.FindAsync(facilityId, cancellationToken))?.OpenedOn ?? directory.Today();
        var record = new FacilityRecord(facilityId, body.Name!.Trim(), body.Level!, body.District!, body.Region!,
            body.Services?.Distinct().ToArray() ?? [], body.Active ?? true, openedOn);
        var created = await grains.GetGrain<IFacilityGrain>(facilityId).Register(record);
        directory.Remember(record);
        return created
            ? TypedResults.Created($"/api/v1/facilities/{facilityId}", FacilityDto.From(record))
            : TypedResults.Ok(FacilityDto.From(record));
    }
}
