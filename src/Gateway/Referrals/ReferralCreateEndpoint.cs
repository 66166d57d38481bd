using MhSupply.Gateway.Validation;
using MhSupply.Hosting;
using MhSupply.Reference;
using MhSupply.Referrals;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MhSupply.Gateway.Referrals;

/// <summary>POST /referrals: a new referral, answered 201 with the referral as the grain committed it.</summary>
public static class ReferralCreateEndpoint
{
    public static async Task<Results<Created<ReferralDto>, ValidationProblem, ProblemHttpResult>> Create(CreateReferralBody? body,
        HttpContext http, FacilityDirectory facilities, ContactProtector contacts, InputBounds bounds,
        [FromKeyedServices(Clock.Key)] TimeProvider clock, IGrainFactory grains, ReferralViews views, CancellationToken cancellationToken)
    {
        var (referral, invalid) = await new CreateReferralValidator(facilities, contacts, bounds, clock.GetUtcNow()).CheckAsync(body, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }
        var id = body!.Id!.Value;
        var outcome = await grains.GetGrain<IReferralGrain>(id).Create(referral, http.ActorOf());
        // A refused creation is not audited: there is no referral yet to hold the audit (nor one to leak).
        return outcome.Kind == ReferralOutcome.Ok
            ? TypedResults.Created($"/api/v1/referrals/{id}", views.Of(id, outcome))
            : ReferralProblems.Refusal<Created<ReferralDto>>(outcome);
    }
}
