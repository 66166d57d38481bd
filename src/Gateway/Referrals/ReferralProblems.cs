using MhSupply.Gateway.Errors;
using MhSupply.Messages;
using MhSupply.Referrals;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MhSupply.Gateway.Referrals;

/// <summary>A request body checked: the grain's input, or (then the input is not to be used) the 400 naming each field at fault.</summary>
public readonly record struct Checked<T>(T Input, ValidationProblem? Problem)
{
    public static implicit operator Checked<T>(T input) => new(input, null);

    public static implicit operator Checked<T>(ValidationProblem problem) => new(default!, problem);
}

/// <summary>
/// The problem answers of the referral endpoints (RFC 9457), typed so the API document lists them; each carries its
/// message's code and parameters (<see cref="Problems"/>, <see cref="ValidationErrors"/>).
/// </summary>
public static class ReferralProblems
{
    /// <summary>The 400 of a request's field checks, in the shape every endpoint answers.</summary>
    public static ValidationProblem Invalid(ValidationErrors errors) => errors.ToResult();

    public static ProblemHttpResult NotFound(UserMessage message) => Problems.NotFound(message);

    public static ProblemHttpResult Forbidden(UserMessage message) => Problems.Forbidden(message);

    /// <summary>
    /// A refusal by the grain: 400 naming the field, or 403, 404, 409 (with the referral's <c>status</c> when a step may
    /// not be taken now). Every refusal carries <c>code</c> and <c>params</c>; a 400 also its field's <c>codes</c>.
    /// </summary>
    public static Results<TSuccess, ValidationProblem, ProblemHttpResult> Refusal<TSuccess>(ReferralOutcome outcome) where TSuccess : IResult
    {
        var message = MessageOf(outcome);
        if (outcome.Kind == ReferralOutcome.Invalid)
        {
            var errors = new ValidationErrors();
            errors.Add(outcome.Field ?? "body", message);
            return TypedResults.ValidationProblem(errors.ToDictionary(), title: message.Text, extensions: new Dictionary<string, object?>
            {
                ["code"] = message.Code, ["params"] = message.Params, ["codes"] = errors.Codes(),
            });
        }
        return outcome.Kind switch
        {
            ReferralOutcome.ForbiddenTransition => Problems.Conflict(message, new Dictionary<string, object?> { ["status"] = outcome.CurrentStatus }),
            ReferralOutcome.ForbiddenRole => Problems.Forbidden(message),
            ReferralOutcome.NotFound => Problems.NotFound(message),
            _ => Problems.Conflict(message),
        };
    }

    /// <summary>The grain's message; every refusal has one (ReferralOutcome.Refused), an older shape falls back to a generic one.</summary>
    private static UserMessage MessageOf(ReferralOutcome outcome) => outcome.Code is { } code
        ? new UserMessage(code, outcome.Message ?? code, outcome.Params ?? [])
        : outcome.Kind switch
        {
            ReferralOutcome.ForbiddenRole => RequestMessages.Of("request.forbidden"),
            ReferralOutcome.NotFound => RequestMessages.Of("request.not_found"),
            _ => ReferralMessages.Of("referral.changed_meanwhile"),
        };
}
