using Hl7.Fhir.Model;
using MhSupply.Gateway.Fhir.Writes;

namespace MhSupply.Gateway.Fhir;

/// <summary>
/// FHIR R4 at /fhir (docs/api.md "FHIR R4"): a translation of what /api/ does, never a second copy of its rules. Reads
/// and searches go through ReferralViews and ReferralQueries under the one access policy; writes (Writes/) through the
/// same validators and grain calls as /api/. Same bearer tokens as /api/v1; every answer is <c>application/fhir+json</c>.
/// </summary>
public static class FhirEndpoints
{
    public const string BasePath = "/fhir";

    public static RouteGroupBuilder MapFhir(this IEndpointRouteBuilder app)
    {
        // The CapabilityStatement is this API's description: the OpenAPI document (for /api/) does not repeat it.
        var fhir = app.MapGroup(BasePath).RequireAuthorization().ExcludeFromDescription().WithTags("FHIR");
        fhir.MapGet("/metadata", FhirCapabilities.Get)
            // A partner discovers what we serve before it has a token (FHIR RESTful API, "capabilities"); it says nothing about anyone.
            .AllowAnonymous();
        fhir.MapFhirReads();
        fhir.MapFhirReferralSearches();
        fhir.MapFhirRegistrySearches();
        fhir.MapFhirWrites();
        // Anything else under /fhir is an OperationOutcome too, not the web app's or the framework's answer.
        fhir.MapFallback("{**path}", (string? path) => FhirOutcomes.Result(StatusCodes.Status404NotFound, new OperationOutcome
        {
            Issue = [FhirOutcomes.Issue(OperationOutcome.IssueType.NotSupported, $"'{path}' is not an interaction this server supports (see /fhir/metadata).",
                null, "fhir.interaction_unsupported")],
        }));
        return fhir;
    }
}
