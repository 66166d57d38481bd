using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace MhSupply.Gateway.Errors;

/// <summary>
/// Turns every unhandled failure into RFC 9457 problem details. A client mistake the framework detects while
/// binding (malformed JSON, a wrong type, an oversized body) is a 4xx naming the field; anything else is a 500
/// that reveals nothing internal.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
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
            default:
                logger.LogError(exception, "Unhandled failure on {Method} {Path}", context.Request.Method, context.Request.Path);
                problem = new ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Title = "An unexpected error occurred.",
                };
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
            return new HttpValidationProblemDetails(new Dictionary<string, string[]>
            {
                [field] = [json is Validation.FieldRuleJsonException rule ? $"{field} {rule.Rule}"
                    : field == "body" ? "the body is not valid JSON" : $"{field} has an invalid value or type"],
            })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
            };
        }
        return new ProblemDetails { Status = bad.StatusCode, Title = "The request is not valid.", Detail = bad.Message };
    }

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
