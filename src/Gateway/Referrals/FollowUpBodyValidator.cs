using MhSupply.Gateway.Errors;
using MhSupply.Messages;
using MhSupply.Gateway.Validation;
using MhSupply.Referrals;

namespace MhSupply.Gateway.Referrals;

/// <summary>
/// Checks a <see cref="FollowUpBody"/> and turns it into the grain's <see cref="FollowUpCommand"/>: dates, a tracing's
/// outcome, the lengths of free text. Whether the visit may be recorded so is the domain's (FollowUpRules).
/// </summary>
public sealed class FollowUpBodyValidator(InputBounds bounds, DateTimeOffset now)
{
    /// <summary>The follow-up actions (docs/api.md): anything else is not a route.</summary>
    public static bool IsAction(string action) => action is "attend" or "missed" or "traced";

    public Checked<FollowUpCommand> Check(Guid followUpId, string action, FollowUpBody? body)
    {
        var errors = new ValidationErrors();
        bounds.Happened(body?.At, "at", errors);
        bounds.PromisedDay(body?.PromisedDate, "promisedDate", errors);
        errors.Require(action != "traced" || !string.IsNullOrWhiteSpace(body?.Outcome), "outcome", ReferralMessages.Of("followUp.outcome_required"));
        errors.Require(body?.Outcome is null || body.Outcome.Length <= 1000, "outcome", () => ReferralMessages.Of("followUp.text_too_long", ("field", "outcome"), ("length", body!.Outcome!.Length), ("max", 1000)));
        errors.Require(body?.Reason is null || body.Reason.Length <= 1000, "reason", () => ReferralMessages.Of("followUp.text_too_long", ("field", "reason"), ("length", body!.Reason!.Length), ("max", 1000)));
        return errors.Any
            ? ReferralProblems.Invalid(errors)
            : new FollowUpCommand(followUpId, action, body?.At ?? now, body?.Reason, body?.PromisedDate, body?.Outcome, body?.Id);
    }
}
