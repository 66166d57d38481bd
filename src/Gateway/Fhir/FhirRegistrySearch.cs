using Hl7.Fhir.Model;
using MhSupply.Reference;

namespace MhSupply.Gateway.Fhir;

/// <summary>GET /fhir/Organization and /fhir/HealthcareService: the facility registry, as the /api/ service directory reads it.</summary>
public static class FhirRegistrySearch
{
    public static RouteGroupBuilder MapFhirRegistrySearches(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Organization", async (HttpContext http, FacilityDirectory facilities, CancellationToken ct) =>
        {
            var (search, problem) = FhirSearch.Read("Organization", http.Request.Query);
            if (problem is not null)
            {
                return problem;
            }
            var all = await facilities.ListAsync(null, null, ct);
            var matches = all.Where(f => (search!["_id"] is not { } id || f.Id == id)
                    && (search["name"] is not { } name || f.Name.StartsWith(name, StringComparison.OrdinalIgnoreCase))
                    && (search["type"] is not { } level || f.Level == TokenCode(level, FacilityResources.LevelSystem))
                    && (search["address-state"] is not { } region || f.Region == region))
                .Select(f => (Resource)FacilityResources.Organization(f)).ToList();
            return Page(search!, http.Request, matches);
        });
        fhir.MapGet("/HealthcareService", async (HttpContext http, FacilityDirectory facilities, CancellationToken ct) =>
        {
            var (search, problem) = FhirSearch.Read("HealthcareService", http.Request.Query);
            if (problem is not null)
            {
                return problem;
            }
            string? organization = null;
            if (search!["organization"] is { } reference && (organization = FhirReferences.IdOf(reference, "Organization", bareIdAllowed: true)) is null)
            {
                return FhirOutcomes.Invalid("organization", $"'organization' must be Organization/{{facility}}, got '{reference}'.");
            }
            var all = await facilities.ListAsync(null, null, ct);
            var matches = all.Where(f => organization is null || f.Id == organization)
                .SelectMany(f => f.Services.Select(s => (Facility: f, Service: s)))
                .Where(x => (search["service-type"] is not { } type || x.Service == TokenCode(type, ReferralResources.ServiceSystem))
                    && (search["_id"] is not { } id || FhirReferences.ServiceId(x.Facility.Id, x.Service) == id))
                .Select(x => (Resource)FacilityResources.HealthcareService(x.Facility, x.Service)).ToList();
            return Page(search, http.Request, matches);
        });
        return fhir;
    }

    /// <summary>A token's code: <c>code</c>, or <c>system|code</c> of our own system (another system matches nothing).</summary>
    private static string? TokenCode(string token, string system)
    {
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? token : token[..bar] == system ? token[(bar + 1)..] : null;
    }

    private static FhirResourceResult Page(FhirSearch search, HttpRequest request, IReadOnlyList<Resource> matches) =>
        FhirJson.Result(search.ToBundle(request, matches.Count,
            matches.Skip((int)Math.Min(search.Offset, int.MaxValue)).Take(search.Count).Select(r => (r, Bundle.SearchEntryMode.Match))));
}
