using MhSupply.Messages;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MhSupply.Gateway.Errors;

/// <summary>
/// The 403, 404 and 409 answers (RFC 9457) in one shape: the title is the message's English text, and the extensions
/// <c>code</c> and <c>params</c> let a client word it in the reader's language (<c>error.{code}</c>). A 400 goes
/// through <see cref="ValidationErrors"/> (<c>errors</c> + <c>codes</c>).
/// </summary>
public static class Problems
{
    public static ProblemHttpResult Of(int status, UserMessage message, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = message.Code, ["params"] = message.Params };
        foreach (var (key, value) in extensions ?? new Dictionary<string, object?>())
        {
            all[key] = value;
        }
        return TypedResults.Problem(statusCode: status, title: message.Text, extensions: all);
    }

    public static ProblemHttpResult Forbidden(UserMessage message) => Of(StatusCodes.Status403Forbidden, message);

    public static ProblemHttpResult NotFound(UserMessage message) => Of(StatusCodes.Status404NotFound, message);

    public static ProblemHttpResult Conflict(UserMessage message, IReadOnlyDictionary<string, object?>? extensions = null) =>
        Of(StatusCodes.Status409Conflict, message, extensions);
}
