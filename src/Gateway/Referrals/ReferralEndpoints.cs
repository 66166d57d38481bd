namespace MhSupply.Gateway.Referrals;

/// <summary>
/// Referral pathways (docs/api.md "Referrals"): create, act, back-refer, follow up, worklists, audit. Each handler
/// checks its body (one validator per body type), asks the referral grain, and answers from the grain's outcome; the
/// problem answers each can give are declared here, so the API document lists every response.
/// </summary>
public static class ReferralEndpoints
{
    public static RouteGroupBuilder MapReferralApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/referrals").WithTags("Referrals");
        group.MapPost("/", ReferralCreateEndpoint.Create).WithSummary("Refer a person to a facility or to a service type.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ReferralReadEndpoints.Worklist)
            .WithSummary("Referrals within reach; ?overdue=true sorts the late ones first, with why. Counts by state.");
        group.MapGet("/{id:guid}", ReferralReadEndpoints.Get)
            .WithSummary("A referral with its history, back-referral and follow-ups (read is audited).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        // The request-text rules (RequestTextMiddleware) answer 400 for any route, as for the endpoints whose own checks do.
        group.MapGet("/{id:guid}/audit", ReferralReadEndpoints.Audit)
            .WithSummary("Who read or changed the referral, when and from where (admins, district managers).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/back-referral/acknowledge", ReferralStepEndpoints.AcknowledgeBackReferral)
            .WithSummary("The receiving PHC acknowledges the back-referral; this creates the follow-up schedule.").StepRefusals();
        group.MapPost("/{id:guid}/consent", ReferralStepEndpoints.ChangeConsent)
            .WithSummary("Record with whom the person agrees to share clinical details (the receiving service, community services, named facilities).")
            .StepRefusals();
        group.MapPost("/{id:guid}/{action}", ReferralStepEndpoints.Act)
            .WithSummary("Move the referral: receive, accept, reject, book, attend, no-show, start, hold, back-refer, fail, cancel, entered-in-error, reopen.")
            .StepRefusals();
        var followUps = api.MapGroup("/follow-ups").WithTags("Referrals");
        followUps.MapPost("/{id:guid}/{action}", ReferralStepEndpoints.FollowUp)
            .WithSummary("Record a follow-up: attend, missed {reason?, promisedDate?}, traced {outcome}.").StepRefusals();
        return api;
    }

    /// <summary>
    /// What a step may be refused with besides a 400: 403 (the caller's capacity may not take it), 404 (no such referral
    /// within their scope, or no such action), 409 (not from the referral's state, or it changed meanwhile).
    /// </summary>
    private static RouteHandlerBuilder StepRefusals(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);
}
