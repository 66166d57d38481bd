using MhSupply.Messages;
using MhSupply.Gateway.Errors;

namespace MhSupply.Gateway.Validation;

/// <summary>
/// <see cref="TextRules"/> for the text that arrives outside a body: query values, route values, and the one header we
/// store (a reader's justification for exceptional access, written to the referral audit). Percent-decoding turns
/// "%00" into a real NUL, which would otherwise reach PostgreSQL as a facility id or filter.
/// </summary>
public sealed class RequestTextMiddleware(RequestDelegate next)
{
    /// <summary>Header the referral read stores in the audit (ReferralViews).</summary>
    public const string JustificationHeader = "X-Access-Justification";

    public async Task InvokeAsync(HttpContext context)
    {
        var errors = new ValidationErrors();
        foreach (var (key, values) in context.Request.Query)
        {
            if (TextRules.Problem(key) is { } keyProblem)
            {
                errors.Add("query", TextRules.Message("query", keyProblem));
                continue;
            }
            foreach (var value in values)
            {
                if (TextRules.Problem(value) is { } problem)
                {
                    errors.Add(key, TextRules.Message(key, problem));
                }
            }
        }
        foreach (var (key, value) in context.Request.RouteValues)
        {
            if (value is string text && TextRules.Problem(text) is { } problem)
            {
                errors.Add(key, TextRules.Message(key, problem));
            }
        }
        foreach (var value in context.Request.Headers[JustificationHeader])
        {
            if (TextRules.Problem(value) is { } problem)
            {
                errors.Add(JustificationHeader, TextRules.Message(JustificationHeader, problem));
            }
        }
        if (errors.Any)
        {
            await errors.ToResult().ExecuteAsync(context);
            return;
        }
        await next(context);
    }
}
