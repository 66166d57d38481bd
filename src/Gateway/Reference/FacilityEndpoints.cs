using MhSupply.Messages;
using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Validation;
using MhSupply.Reference;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MhSupply.Gateway.Reference;

/// <summary>The facility registry (docs/api.md "Reference data"): admins manage it, everyone reads what their scope covers.</summary>
public static class FacilityEndpoints
{
    public sealed record FacilityDto(string Id, string Name, string Level, string District, string Region, string[] Services, bool Active,
        DateOnly OpenedOn)
    {
        public static FacilityDto From(FacilityRecord f) => new(f.Id, f.Name, f.Level, f.District, f.Region, f.Services, f.Active, f.OpenedOn);
    }

    public static RouteGroupBuilder MapFacilityApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/facilities").WithTags("Reference data");
        group.MapGet("/", List).WithSummary("List facilities, filtered by district and level, within the caller's scope.");
        group.MapGet("/{facilityId}", Get).WithSummary("One facility.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
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

    private static async Task<Results<Ok<FacilityDto>, ProblemHttpResult>> Get(string facilityId, HttpContext http,
        FacilityDirectory directory, ScopeChecker scope, CancellationToken cancellationToken)
    {
        if (!await scope.CoversFacilityAsync(http.User, facilityId, cancellationToken))
        {
            return Problems.Forbidden(RequestMessages.Of("request.facility_out_of_scope", ("facility", facilityId)));
        }
        var facility = await directory.FindAsync(facilityId, cancellationToken);
        return facility is null ? Problems.NotFound(RequestMessages.Of("request.facility_not_registered", ("facility", facilityId))) : TypedResults.Ok(FacilityDto.From(facility));
    }

    private static async Task<Results<Created<FacilityDto>, Ok<FacilityDto>, ValidationProblem>> Put(string facilityId, FacilityBody? body,
        FacilityDirectory directory, IGrainFactory grains, InputBounds bounds, CancellationToken cancellationToken)
    {
        if (FacilityBody.Validate(facilityId, body, bounds.Earliest, directory.Today()) is { Any: true } errors)
        {
            return errors.ToResult();
        }
        // Without openedOn a facility keeps the day it opened, or opens the day it is first registered (docs/api.md).
        var openedOn = body!.OpenedOn ?? (await directory.FindAsync(facilityId, cancellationToken))?.OpenedOn ?? directory.Today();
        var record = body.ToRecord(facilityId, openedOn);
        var created = await grains.GetGrain<IFacilityGrain>(facilityId).Register(record);
        directory.Remember(record);
        return created
            ? TypedResults.Created($"/api/v1/facilities/{facilityId}", FacilityDto.From(record))
            : TypedResults.Ok(FacilityDto.From(record));
    }
}
