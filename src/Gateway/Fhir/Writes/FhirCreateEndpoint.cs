using MhSupply.Gateway.Referrals;
using MhSupply.Gateway.Validation;
using MhSupply.Hosting;
using MhSupply.Reference;
using MhSupply.Referrals;
using Microsoft.AspNetCore.Http.HttpResults;
using Model = Hl7.Fhir.Model;

namespace MhSupply.Gateway.Fhir.Writes;

/// <summary>
/// POST /fhir with a transaction Bundle: the referral of POST /api/v1/referrals, with the same validator, id (the
/// ServiceRequest's <c>urn:uuid:</c>), idempotency (the grain's Create: the same Bundle again is recognised, answered 200;
/// another referral under the same uuid is a 409) and audit (the grain's). The answer is the transaction-response Bundle.
/// </summary>
public static class FhirCreateEndpoint
{
    public static async Task<IResult> Create(HttpContext http, FacilityDirectory facilities, ContactProtector contacts, InputBounds bounds,
        [FromKeyedServices(Clock.Key)] TimeProvider clock, IGrainFactory grains, ReferralViews views, CancellationToken cancellationToken)
    {
        var (resource, unreadable) = await FhirJson.ReadAsync<Model.Resource>(http.Request, cancellationToken);
        if (unreadable is not null)
        {
            return unreadable;
        }
        var (bundle, untranslatable) = await new ReferralBundleReader(facilities).ReadAsync(resource, cancellationToken);
        if (bundle is null)
        {
            return FhirOutcomes.FromProblem(untranslatable.ToResult())!;
        }
        var paths = FhirFieldPaths.Of(bundle.Paths);
        var (referral, invalid) = await new CreateReferralValidator(facilities, contacts, bounds, clock.GetUtcNow()).CheckAsync(bundle.Body, cancellationToken);
        if (invalid is not null)
        {
            return FhirOutcomes.FromProblem(invalid, paths)!;
        }
        var outcome = await grains.GetGrain<IReferralGrain>(bundle.Id).Create(referral, http.ActorOf());
        if (outcome.Kind != ReferralOutcome.Ok)
        {
            // A refused creation is not audited, as on /api/: there is no referral yet to hold the audit.
            return FhirRefusals.Of(outcome, ReferralProblems.Refusal<Created<ReferralDto>>(outcome), paths);
        }
        return FhirJson.Result(TransactionResponse(bundle, views.Of(bundle.Id, outcome), outcome.Replayed));
    }

    /// <summary>
    /// One response per entry, in the request's order (FHIR transaction): 201 with where it now lives, or 200 for a
    /// Bundle already taken (nothing was created again).
    /// </summary>
    private static Model.Bundle TransactionResponse(ReferralBundle request, ReferralDto referral, bool replayed)
    {
        var response = new Model.Bundle { Type = Model.Bundle.BundleType.TransactionResponse };
        foreach (var entry in request.Bundle.Entry)
        {
            var version = referral.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Entry.Add(new Model.Bundle.EntryComponent
            {
                Response = new Model.Bundle.ResponseComponent
                {
                    Status = replayed ? "200 OK" : "201 Created",
                    Location = $"{entry.Resource!.TypeName}/{referral.Id}/_history/{version}",
                    Etag = $"W/\"{version}\"",
                    LastModified = referral.StatusAt,
                },
            });
        }
        return response.Labelled();
    }
}
