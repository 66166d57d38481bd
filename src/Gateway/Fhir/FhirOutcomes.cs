using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MhSupply.Gateway.Fhir;

/// <summary>
/// The FHIR errors: an OperationOutcome with the HTTP status the equivalent /api/ answer has. The shared /api/ code
/// answers with problem details (<see cref="ProblemHttpResult"/>, <see cref="ValidationProblem"/>); <see cref="FromProblem"/>
/// turns those into OperationOutcomes keeping their message code (<c>details.coding</c>, system <see cref="MessageSystem"/>),
/// English text (<c>diagnostics</c>) and field (<c>expression</c>), so /fhir never words a refusal of its own.
/// </summary>
public static class FhirOutcomes
{
    /// <summary>The code system of our message codes (the same codes as /api/'s problem <c>code</c>, <c>error.{code}</c> in the web app).</summary>
    public const string MessageSystem = "urn:mhsupply:message";

    /// <summary>The code system of a referral's domain state (also Task.businessStatus).</summary>
    public const string StateSystem = "urn:mhsupply:referral-state";

    public static FhirResourceResult Result(int status, OperationOutcome outcome) => FhirJson.Result(Labelled(outcome), status);

    /// <summary>A 400 naming the field (a FHIRPath-like <c>expression</c>, or a query parameter's name).</summary>
    public static FhirResourceResult Invalid(string field, string text, string? code = null) =>
        Result(StatusCodes.Status400BadRequest, new OperationOutcome { Issue = [Issue(OperationOutcome.IssueType.Invalid, text, field, code)] });

    /// <summary>A search parameter we do not implement: strict handling (FHIR search, "handling errors"), naming it.</summary>
    public static FhirResourceResult UnsupportedParameter(string name, IEnumerable<string> supported) =>
        Result(StatusCodes.Status400BadRequest, new OperationOutcome
        {
            Issue = [Issue(OperationOutcome.IssueType.NotSupported,
                $"The search parameter '{name}' is not supported here; supported: {string.Join(", ", supported)}.", name, "fhir.search_parameter_unsupported")],
        });

    /// <summary>The 404 of a resource that does not exist or is out of the caller's reach (the same answer, as /api/ gives).</summary>
    public static FhirResourceResult NotFound(string type, string id) =>
        Result(StatusCodes.Status404NotFound, new OperationOutcome
        {
            Issue = [Issue(OperationOutcome.IssueType.NotFound, $"{type}/{id} is not known, or not within your reach.", null, "referral.not_in_scope")],
        });

    public static OperationOutcome.IssueComponent Issue(OperationOutcome.IssueType type, string text, string? field = null, string? code = null,
        OperationOutcome.IssueSeverity severity = OperationOutcome.IssueSeverity.Error)
    {
        var issue = new OperationOutcome.IssueComponent { Severity = severity, Code = type, Diagnostics = text };
        if (code is not null)
        {
            issue.Details = new CodeableConcept(MessageSystem, code, text);
        }
        if (field is not null)
        {
            issue.Expression = [field];
        }
        return issue;
    }

    /// <summary>
    /// The OperationOutcome of a problem answer the shared /api/ code gave (a <see cref="ValidationProblem"/>, a
    /// <see cref="ProblemHttpResult"/>, or a <c>Results&lt;...&gt;</c> holding one); null when <paramref name="result"/> is no problem.
    /// </summary>
    /// <param name="field">Turns an /api/ field name into the FHIR element it came from (e.g. <c>reason</c> → <c>Task.statusReason</c>); unchanged by default.</param>
    public static FhirResourceResult? FromProblem(IResult result, Func<string, string>? field = null)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }
        return result switch
        {
            ValidationProblem v => Result(v.StatusCode, FromValidation(v.ProblemDetails, field ?? (f => f))),
            ProblemHttpResult p => Result(p.StatusCode, FromDetails(p.ProblemDetails)),
            _ => null,
        };
    }

    private static OperationOutcome FromValidation(HttpValidationProblemDetails problem, Func<string, string> field)
    {
        var codes = CodesOf(problem);
        var outcome = new OperationOutcome();
        foreach (var (name, messages) in problem.Errors)
        {
            var coded = codes.GetValueOrDefault(name) ?? [];
            for (var i = 0; i < messages.Length; i++)
            {
                outcome.Issue.Add(Issue(OperationOutcome.IssueType.Invalid, messages[i], field(name), i < coded.Count ? coded[i] : null));
            }
        }
        if (outcome.Issue.Count == 0)
        {
            outcome.Issue.Add(Issue(OperationOutcome.IssueType.Invalid, problem.Title ?? "The request is invalid.", null, StringOf(problem, "code")));
        }
        return outcome;
    }

    private static OperationOutcome FromDetails(ProblemDetails problem)
    {
        var status = problem.Status ?? StatusCodes.Status500InternalServerError;
        var issue = Issue(TypeOf(status), problem.Title ?? problem.Detail ?? "The request was refused.", null, StringOf(problem, "code"));
        // A forbidden step names the referral's state: machine-readable too, in the state's own code system.
        if (StringOf(problem, "status") is { } state)
        {
            issue.Details ??= new CodeableConcept { Text = issue.Diagnostics };
            issue.Details.Coding.Add(new Coding(StateSystem, state));
        }
        return new OperationOutcome { Issue = [issue] };
    }

    /// <summary>The OperationOutcome issue type of an HTTP status, as FHIR's RESTful API pairs them.</summary>
    public static OperationOutcome.IssueType TypeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => OperationOutcome.IssueType.Invalid,
        StatusCodes.Status401Unauthorized => OperationOutcome.IssueType.Login,
        StatusCodes.Status403Forbidden => OperationOutcome.IssueType.Forbidden,
        StatusCodes.Status404NotFound => OperationOutcome.IssueType.NotFound,
        StatusCodes.Status409Conflict or StatusCodes.Status412PreconditionFailed => OperationOutcome.IssueType.Conflict,
        StatusCodes.Status422UnprocessableEntity => OperationOutcome.IssueType.Processing,
        StatusCodes.Status503ServiceUnavailable => OperationOutcome.IssueType.Transient,
        _ => OperationOutcome.IssueType.Exception,
    };

    /// <summary>Field → the message codes of its messages, in order (ValidationErrors' <c>codes</c> extension).</summary>
    private static Dictionary<string, List<string?>> CodesOf(ProblemDetails problem)
    {
        var codes = new Dictionary<string, List<string?>>(StringComparer.Ordinal);
        if (!problem.Extensions.TryGetValue("codes", out var value) || value is null)
        {
            return codes;
        }
        // The codes are anonymous objects made for the JSON answer; reading them back as JSON needs no knowledge of their type.
        var element = value is JsonElement e ? e : JsonSerializer.SerializeToElement(value);
        if (element.ValueKind != JsonValueKind.Object)
        {
            return codes;
        }
        foreach (var field in element.EnumerateObject())
        {
            codes[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                ? field.Value.EnumerateArray().Select(m => m.TryGetProperty("code", out var c) ? c.GetString() : null).ToList()
                : [];
        }
        return codes;
    }

    private static string? StringOf(ProblemDetails problem, string key) =>
        problem.Extensions.TryGetValue(key, out var value) ? value switch
        {
            null => null,
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } j => j.GetString(),
            _ => value.ToString(),
        } : null;

    /// <summary>An outcome may speak of a referral (its state, its fields): it is labelled like one.</summary>
    internal static OperationOutcome Labelled(OperationOutcome outcome) => outcome.Labelled();
}
