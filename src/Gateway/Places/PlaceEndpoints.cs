using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Messages;
using MhSupply.Places;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MhSupply.Gateway.Places;

/// <summary>
/// Districts and regions by name (an extension of docs/api.md "Reference data"): everyone signed in reads the places
/// their scope reaches, admins name them. A place nobody named is not listed; screens show its id.
/// </summary>
public static class PlaceEndpoints
{
    public sealed record PlaceDto(string Id, string Level, string Name, IReadOnlyDictionary<string, string> Names)
    {
        public static PlaceDto From(PlaceRecord p) => new(p.Id, p.Level, p.Name, p.Names);
    }

    public static RouteGroupBuilder MapPlaceApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/places").WithTags("Reference data");
        group.MapGet("/", List).WithSummary("The named districts and regions the caller's scope reaches (?level=district|region).");
        group.MapPut("/{id}", Put).RequireAuthorization(AuthServiceExtensions.AdminPolicy)
            .WithSummary("Name a district or region (admin), with optional names per language.");
        return api;
    }

    private static async Task<Results<Ok<Paged<PlaceDto>>, ValidationProblem>> List(string? level, [AsParameters] Paging paging, HttpContext http,
        PlaceDirectory places, CancellationToken cancellationToken)
    {
        if (level is not null && !PlaceLevels.All.Contains(level))
        {
            return ValidationErrors.For("level", RequestMessages.Of("request.one_of", ("value", level), ("field", "level"), ("allowed", string.Join(", ", PlaceLevels.All))));
        }
        var user = http.User;
        var found = await places.ListAsync(level, user.IsAdmin(), [.. user.Districts()], [.. user.Facilities()], cancellationToken);
        return TypedResults.Ok(paging.Apply([.. found.Select(PlaceDto.From)]));
    }

    private static async Task<Results<Created<PlaceDto>, Ok<PlaceDto>, ValidationProblem>> Put(string id, PlaceBody? body, HttpContext http,
        IGrainFactory grains)
    {
        if (PlaceBody.Validate(id, body) is { Any: true } errors)
        {
            return errors.ToResult();
        }
        var record = body!.ToRecord(id);
        var created = await grains.GetGrain<IPlaceGrain>(id).Name(record, http.User.Subject());
        return created ? TypedResults.Created($"/api/v1/places/{id}", PlaceDto.From(record)) : TypedResults.Ok(PlaceDto.From(record));
    }
}
