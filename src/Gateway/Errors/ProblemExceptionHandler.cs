using MhSupply.Messages;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using MhSupply.Gateway.Faults;
using MhSupply.Gateway.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MhSupply.Gateway.Errors;

/// <summary>
/// Turns every unhandled failure into RFC 9457 problem details. A client mistake the framework detects while
/// binding (malformed JSON, a wrong type, an oversized body) is a 4xx naming the field; PostgreSQL or the cluster briefly
/// unavailable is a 503 with Retry-After; anything else is a 500 that reveals nothing internal.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, IOptions<FaultOptions> faults,
    ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem;
        switch (exception)
        {
            case BadHttpRequestException bad:
                problem = FromBadRequest(bad);
                break;
            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                // The client went away; nobody reads the answer.
                context.Response.StatusCode = 499;
                return true;
            case var _ when ServiceFaults.IsUnavailable(exception):
                // The log names the cause (an Npgsql error arrives from a silo as ServiceFailureException with its type).
                logger.LogWarning(exception, "Service unavailable on {Method} {Path}: answered 503", context.Request.Method, context.Request.Path);
                var seconds = (int)Math.Ceiling(faults.Value.RetryAfter.TotalSeconds);
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                problem = Coded(StatusCodes.Status503ServiceUnavailable, RequestMessages.Of("request.unavailable", ("seconds", seconds)));
                break;
            default:
                logger.LogError(exception, "Unhandled failure on {Method} {Path}", context.Request.Method, context.Request.Path);
                problem = Coded(StatusCodes.Status500InternalServerError, RequestMessages.Of("request.unexpected"));
                break;
        }
        context.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails FromBadRequest(BadHttpRequestException bad)
    {
        var json = FindJsonException(bad);
        if (json is not null)
        {
            var field = FieldName(json.Path);
            var message = json is Validation.FieldRuleJsonException rule
                ? TextRules.Message(field, rule.Rule)
                : field == "body" ? RequestMessages.Of("request.body_not_json") : RequestMessages.Of("request.wrong_type", ("field", field));
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message.Text] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
                Extensions = { ["codes"] = new Dictionary<string, object> { [field] = new[] { new { code = message.Code, @params = message.Params } } } },
            };
        }
        // The framework's own words (an oversized body, a form that cannot be read) stay in the detail, for whoever debugs it.
        var problem = Coded(bad.StatusCode, RequestMessages.Of("request.not_readable", ("status", bad.StatusCode)));
        problem.Detail = bad.Message;
        return problem;
    }

    private static ProblemDetails Coded(int status, UserMessage message) => new()
    {
        Status = status,
        Title = message.Text,
        Extensions = { ["code"] = message.Code, ["params"] = message.Params },
    };

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception.InnerException; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }
        return null;
    }

    /// <summary>"$.events[3].quantity" → "events[3].quantity"; no path → "body".</summary>
    internal static string FieldName(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "body";
        }
        return jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
    }
}
