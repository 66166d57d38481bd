using MhSupply.Messages;
using MhSupply.Gateway.Validation;
using MhSupply.Hosting;
using MhSupply.Reference;
using MhSupply.Referrals;
using Microsoft.AspNetCore.Http.HttpResults;
using StepResult = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Ok<MhSupply.Gateway.Referrals.ReferralDto>,
    Microsoft.AspNetCore.Http.HttpResults.ValidationProblem,
    Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>;

namespace MhSupply.Gateway.Referrals;

/// <summary>
/// The steps of a referral: each checks its body, asks the grain (which answers "not found" outside the caller's reach),
/// and answers with the referral as the grain committed it, read from nowhere.
/// </summary>
public static class ReferralStepEndpoints
{
    public static async Task<StepResult> Act(Guid id, string action, ActionBody? body, HttpContext http, MedicineCatalog catalog,
        InputBounds bounds, [FromKeyedServices(Clock.Key)] TimeProvider clock, IGrainFactory grains, ReferralViews views,
        CancellationToken cancellationToken)
    {
        if (!WireNames.TryParse<ReferralAction>(action, out var parsed))
        {
            return ReferralProblems.NotFound(ReferralMessages.Of("referral.not_an_action", ("action", action),
                ("allowed", string.Join(", ", WireNames<ReferralAction>.All))));
        }
        var (command, invalid) = await new ActionBodyValidator(bounds, clock.GetUtcNow()).CheckAsync(action, parsed, body, catalog, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }
        var outcome = await grains.GetGrain<IReferralGrain>(id).Act(command, http.ActorOf());
        return await AnswerAsync(id, action, outcome, http, views, cancellationToken);
    }

    public static async Task<StepResult> AcknowledgeBackReferral(Guid id, ActionBody? body, HttpContext http, InputBounds bounds,
        [FromKeyedServices(Clock.Key)] TimeProvider clock, IGrainFactory grains, ReferralViews views, CancellationToken cancellationToken)
    {
        var (at, invalid) = new ActionBodyValidator(bounds, clock.GetUtcNow()).CheckAcknowledgement(body);
        if (invalid is not null)
        {
            return invalid;
        }
        var outcome = await grains.GetGrain<IReferralGrain>(id).AcknowledgeBackReferral(at, http.ActorOf());
        return await AnswerAsync(id, OperationNames.AcknowledgeBackReferral, outcome, http, views, cancellationToken);
    }

    public static async Task<StepResult> ChangeConsent(Guid id, ChangeConsentBody? body, HttpContext http, FacilityDirectory facilities,
        InputBounds bounds, [FromKeyedServices(Clock.Key)] TimeProvider clock, IGrainFactory grains, ReferralViews views,
        CancellationToken cancellationToken)
    {
        var (change, invalid) = await new ChangeConsentValidator(facilities, bounds, clock.GetUtcNow()).CheckAsync(body, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }
        var outcome = await grains.GetGrain<IReferralGrain>(id).ChangeConsent(change.Consent, change.At, http.ActorOf());
        return await AnswerAsync(id, OperationNames.ChangeConsent, outcome, http, views, cancellationToken);
    }

    public static async Task<StepResult> FollowUp(Guid id, string action, FollowUpBody? body, HttpContext http, ReferralQueries queries,
        InputBounds bounds, [FromKeyedServices(Clock.Key)] TimeProvider clock, IGrainFactory grains, ReferralViews views,
        CancellationToken cancellationToken)
    {
        if (!FollowUpBodyValidator.IsAction(action))
        {
            return ReferralProblems.NotFound(ReferralMessages.Of("followUp.not_an_action", ("action", action)));
        }
        // Which referral (which grain) the visit belongs to: the follow-up's id does not say.
        if (await queries.ReferralOfFollowUpAsync(id, cancellationToken) is not { } referralId)
        {
            return ReferralProblems.NotFound(ReferralMessages.Of("followUp.not_in_scope"));
        }
        var (command, invalid) = new FollowUpBodyValidator(bounds, clock.GetUtcNow()).Check(id, action, body);
        if (invalid is not null)
        {
            return invalid;
        }
        var outcome = await grains.GetGrain<IReferralGrain>(referralId).FollowUp(command, http.ActorOf());
        return await AnswerAsync(referralId, "follow-up-" + action, outcome, http, views, cancellationToken);
    }

    /// <summary>
    /// The referral after the step, from the grain's outcome; or the step's refusal, with a refusal of the caller (outside
    /// their reach, beyond their capacity) audited as "denied-{step}".
    /// </summary>
    private static async Task<StepResult> AnswerAsync(Guid id, string attempted, ReferralOutcome outcome, HttpContext http, ReferralViews views,
        CancellationToken cancellationToken)
    {
        if (outcome.Kind == ReferralOutcome.Ok)
        {
            if (outcome.Replayed)
            {
                // The step's id was seen: nothing was done again (the name Stripe and others give this header).
                http.Response.Headers["Idempotent-Replayed"] = "true";
            }
            return TypedResults.Ok(views.Of(id, outcome));
        }
        if (outcome.Denied)
        {
            await views.AuditAsync(id, http, "denied-" + attempted, null, cancellationToken);
        }
        return ReferralProblems.Refusal<Ok<ReferralDto>>(outcome);
    }
}
