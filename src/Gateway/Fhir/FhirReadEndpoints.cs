using MhSupply.Gateway.Referrals;
using MhSupply.Reference;

namespace MhSupply.Gateway.Fhir;

/// <summary>
/// The FHIR reads: a referral's resources from <see cref="ReferralViews.ReadAsync"/> (the policy decides and the read is
/// audited, exactly as GET /api/v1/referrals/{id}), facilities and their services from the registry.
/// </summary>
public static class FhirReadEndpoints
{
    public static RouteGroupBuilder MapFhirReads(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/ServiceRequest/{id}", (string id, HttpContext http, ReferralViews views, CancellationToken ct) =>
            ReadReferral("ServiceRequest", id, http, views, ReferralResources.ServiceRequest, ct));
        fhir.MapGet("/Patient/{id}", (string id, HttpContext http, ReferralViews views, CancellationToken ct) =>
            ReadReferral("Patient", id, http, views, ReferralResources.Patient, ct));
        fhir.MapGet("/Task/{id}", (string id, HttpContext http, ReferralViews views, CancellationToken ct) =>
            id.EndsWith(ReferralResources.BackSuffix, StringComparison.Ordinal)
                ? ReadReferral("Task", id, http, views, ReferralResources.BackTask, ct, id[..^ReferralResources.BackSuffix.Length])
                : ReadReferral("Task", id, http, views, ReferralResources.ForwardTask, ct));
        fhir.MapGet("/Organization/{id}", async (string id, FacilityDirectory facilities, CancellationToken ct) =>
            await facilities.FindAsync(id, ct) is { } facility
                ? FhirJson.Result(FacilityResources.Organization(facility))
                : FhirOutcomes.NotFound("Organization", id));
        fhir.MapGet("/HealthcareService/{id}", async (string id, FacilityDirectory facilities, CancellationToken ct) =>
            await FhirReferences.FindServiceAsync(id, facilities, ct) is var (facility, service)
                ? FhirJson.Result(FacilityResources.HealthcareService(facility, service))
                : FhirOutcomes.NotFound("HealthcareService", id));
        return fhir;
    }

    /// <summary>
    /// One resource of a referral: not a referral id, not known, out of reach, or (the back Task) not yet made are the
    /// same 404; a stated reason for exceptional access that is too long is the 400 /api/ gives.
    /// </summary>
    private static async Task<FhirResourceResult> ReadReferral(string type, string id, HttpContext http, ReferralViews views,
        Func<ReferralDto, Hl7.Fhir.Model.Resource?> resourceOf, CancellationToken cancellationToken, string? referralId = null)
    {
        if (http.JustificationProblem() is { } tooLong)
        {
            return FhirOutcomes.FromProblem(tooLong)!;
        }
        if (!Guid.TryParseExact(referralId ?? id, "D", out var guid))
        {
            return FhirOutcomes.NotFound(type, id);
        }
        var view = await views.ReadAsync(guid, http, cancellationToken);
        return view is not null && resourceOf(view) is { } resource ? FhirJson.Result(resource) : FhirOutcomes.NotFound(type, id);
    }
}
