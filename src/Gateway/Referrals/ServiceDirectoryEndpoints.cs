using MhSupply.Gateway.Errors;
using MhSupply.Reference;

namespace MhSupply.Gateway.Referrals;

/// <summary>Which facility offers which mental health services, searchable by district and service.</summary>
public static class ServiceDirectoryEndpoints
{
    /// <summary>Common service codes; a country may register others on its facilities.</summary>
    public static IReadOnlyList<string> KnownServices { get; } =
        ["psychiatric_consultation", "psychological_intervention", "psychosocial_support", "protection", "inpatient_care"];

    public sealed record ServiceFacilityDto(string Facility, string Name, string Level, string District, string Region, string[] Services);

    public static RouteGroupBuilder MapServiceDirectoryApi(this RouteGroupBuilder api)
    {
        api.MapGet("/services", async (string? district, string? service, [AsParameters] Paging paging, FacilityDirectory facilities,
                CancellationToken cancellationToken) =>
            {
                var all = await facilities.ListAsync(district, null, cancellationToken);
                var matches = all.Where(f => f.Active && f.Services.Length > 0 && (service is null || f.Services.Contains(service)))
                    .Select(f => new ServiceFacilityDto(f.Id, f.Name, f.Level, f.District, f.Region, f.Services)).ToList();
                return TypedResults.Ok(paging.Apply(matches));
            })
            .WithTags("Referrals").WithSummary("Facilities offering mental health services, by district and service.")
            .ProducesValidationProblem(); // paging (PagingFilter) and the request-text rules
        api.MapGet("/services/codes", () => TypedResults.Ok(KnownServices)).WithTags("Referrals").WithSummary("Common service codes.")
            .ProducesValidationProblem(); // the request-text rules (RequestTextMiddleware) check every query
        return api;
    }
}
