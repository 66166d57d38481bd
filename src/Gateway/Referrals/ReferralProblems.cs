using MhSupply.Gateway.Errors;
using MhSupply.Referrals;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MhSupply.Gateway.Referrals;

/// <summary>A request body checked: the grain's input, or (then the input is not to be used) the 400 naming each field at fault.</summary>
public readonly record struct Checked<T>(T Input, ValidationProblem? Problem)
{
    public static implicit operator Checked<T>(T input) => new(input, null);

    public static implicit operator Checked<T>(ValidationProblem problem) => new(default!, problem);
}

/// <summary>The problem answers of the referral endpoints (RFC 9457), typed so the API document lists them.</summary>
public static class ReferralProblems
{
    public const string NotInScope = "No such referral within your scope.";

    /// <summary>The 400 of a request's field checks, in the shape every endpoint answers.</summary>
    public static ValidationProblem Invalid(ValidationErrors errors) =>
        TypedResults.ValidationProblem(errors.ToDictionary(), title: "One or more fields are invalid.");

    public static ProblemHttpResult NotFound(string title) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title);

    public static ProblemHttpResult Forbidden(string title) => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: title);

    /// <summary>A refusal by the grain: 400 naming the field, or 403, 404, 409 (naming the referral's state when a step may not be taken now).</summary>
    public static Results<TSuccess, ValidationProblem, ProblemHttpResult> Refusal<TSuccess>(ReferralOutcome outcome) where TSuccess : IResult
    {
        if (outcome.Kind == ReferralOutcome.Invalid)
        {
            // A refusal with a message code (impossible dates) carries it and its parameters, so the web app can word it in
            // the user's language; the field's message is the English text.
            var extensions = outcome.Code is { } code
                ? new Dictionary<string, object?> { ["code"] = code, ["params"] = outcome.Params ?? [] }
                : null;
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [outcome.Field ?? "body"] = [outcome.Message ?? "invalid"] },
                title: outcome.Code is null ? null : outcome.Message, extensions: extensions);
        }
        return outcome.Kind switch
        {
            ReferralOutcome.ForbiddenTransition => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: outcome.Message ?? "This step is not allowed now.", extensions: new Dictionary<string, object?> { ["status"] = outcome.CurrentStatus }),
            ReferralOutcome.ForbiddenRole => Forbidden(outcome.Message ?? "Your role may not take this step."),
            ReferralOutcome.NotFound => NotFound(outcome.Message ?? "Not found."),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: outcome.Message ?? "Conflict."),
        };
    }
}
