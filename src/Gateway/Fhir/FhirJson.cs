using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;

namespace MhSupply.Gateway.Fhir;

/// <summary>
/// FHIR JSON in and out, through Firely's System.Text.Json converters (never hand-written JSON): reading a resource from a
/// request body (a 400 OperationOutcome when it is not one), and writing one as <c>application/fhir+json</c>.
/// </summary>
public static class FhirJson
{
    public const string ContentType = "application/fhir+json";

    /// <summary>The largest body a partner may send: a transaction of a referral is a few kilobytes.</summary>
    public const int MaxBodyBytes = 1 << 20;

    /// <summary>Firely's converters for the R4 model; strict, so an element R4 does not know is a 400, not silently dropped.</summary>
    public static JsonSerializerOptions Options { get; } = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    /// <summary>The resource of the request body, or the 400 OperationOutcome saying why there is none.</summary>
    public static async Task<FhirBody<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : Resource
    {
        if (request.ContentLength is > MaxBodyBytes)
        {
            return FhirOutcomes.Invalid("body", $"The body is larger than {MaxBodyBytes} bytes.");
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
        {
            return FhirOutcomes.Invalid("body", $"A {typeof(T).Name} resource is required as {ContentType}.");
        }
        if (buffer.Length > MaxBodyBytes)
        {
            return FhirOutcomes.Invalid("body", $"The body is larger than {MaxBodyBytes} bytes.");
        }
        Resource? resource;
        try
        {
            resource = JsonSerializer.Deserialize<Resource>(buffer.ToArray(), Options);
        }
        catch (DeserializationFailedException failed)
        {
            // Firely says what and where (the element's path) for each problem; the partner gets all of them at once.
            return FhirOutcomes.Result(StatusCodes.Status400BadRequest, Invalidity(failed));
        }
        catch (JsonException json)
        {
            return FhirOutcomes.Invalid(json.Path is { Length: > 0 } path ? path : "body", $"The body is not FHIR JSON: {json.Message}");
        }
        if (resource is not T typed)
        {
            return FhirOutcomes.Invalid("resourceType",
                $"Expected a {typeof(T).Name} resource, got {resource?.TypeName ?? "nothing"}.");
        }
        return typed;
    }

    /// <summary>A resource as the answer: <c>application/fhir+json</c>, with the ETag and Last-Modified of its meta when it has them.</summary>
    public static FhirResourceResult Result(Resource resource, int status = StatusCodes.Status200OK, string? location = null) =>
        new(resource, status, location);

    private static OperationOutcome Invalidity(DeserializationFailedException failed)
    {
        var outcome = failed.ToOperationOutcome();
        foreach (var issue in outcome.Issue)
        {
            issue.Severity ??= OperationOutcome.IssueSeverity.Error;
            issue.Code ??= OperationOutcome.IssueType.Structure;
        }
        if (outcome.Issue.Count == 0)
        {
            outcome.Issue.Add(FhirOutcomes.Issue(OperationOutcome.IssueType.Structure, failed.Message, "body"));
        }
        return FhirOutcomes.Labelled(outcome);
    }

    /// <summary>An instant as HTTP dates say it (RFC 9110, IMF-fixdate).</summary>
    internal static string HttpDate(DateTimeOffset at) => at.ToUniversalTime().ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>A resource read from a body, or the 400 to answer instead (then <see cref="Resource"/> is not to be used).</summary>
public readonly record struct FhirBody<T>(T Resource, FhirResourceResult? Problem) where T : Resource
{
    public static implicit operator FhirBody<T>(T resource) => new(resource, null);

    public static implicit operator FhirBody<T>(FhirResourceResult problem) => new(default!, problem);
}

/// <summary>
/// A resource written as <c>application/fhir+json</c> with its status; <c>ETag</c> (<c>W/"versionId"</c>) and
/// <c>Last-Modified</c> from its meta, so a partner can make a conditional update of what it read.
/// </summary>
public sealed class FhirResourceResult(Resource resource, int status, string? location) : IResult, IStatusCodeHttpResult
{
    public Resource Resource { get; } = resource;

    public int StatusCode { get; } = status;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = FhirJson.ContentType + "; charset=utf-8";
        if (location is not null)
        {
            response.Headers.Location = location;
        }
        if (Resource.Meta?.VersionId is { Length: > 0 } version)
        {
            response.Headers.ETag = $"W/\"{version}\"";
        }
        if (Resource.Meta?.LastUpdated is { } updated)
        {
            response.Headers.LastModified = FhirJson.HttpDate(updated);
        }
        await JsonSerializer.SerializeAsync(response.Body, Resource, Resource.GetType(), FhirJson.Options, httpContext.RequestAborted);
    }
}
