using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Foundation;

/// <summary>
/// Issue 13, item 4: the API document declares what each /api/ operation answers, because the handlers are typed
/// (<c>Results&lt;...&gt;</c> through <c>TypedResults</c>) and their problem answers are declared. A handler that goes back to an
/// untyped <c>IResult</c> gets the framework's bare "200 OK" with no content and fails here.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OpenApiResponsesTests(GatewayFactory gateway)
{
    private const string ProblemJson = "application/problem+json";

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task Every_api_operation_declares_its_success_with_content_and_its_client_errors_as_problem_details()
    {
        using var client = gateway.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var operations = 0;
        var offending = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => Methods.Contains(o.Name)))
            {
                operations++;
                var problems = Problems(operation.Value.GetProperty("responses"), schemas);
                if (problems.Count > 0)
                {
                    offending.Add($"{operation.Name.ToUpperInvariant()} {path.Name}: {string.Join("; ", problems)}");
                }
            }
        }

        Assert.True(operations > 0, "the document lists no /api/ operation");
        Assert.True(offending.Count == 0,
            $"{offending.Count} of {operations} /api/ operations do not declare their answers:\n" + string.Join("\n", offending));
    }

    /// <summary>What is missing from one operation's responses; empty when it declares them all.</summary>
    private static List<string> Problems(JsonElement responses, JsonElement schemas)
    {
        var problems = new List<string>();
        var declared = responses.EnumerateObject().ToList();
        var successes = declared.Where(r => r.Name.StartsWith('2')).ToList();
        var clientErrors = declared.Where(r => r.Name.StartsWith('4')).ToList();
        if (successes.Count == 0)
        {
            problems.Add("no 2xx response");
        }
        // 204 has no body by definition; any other success names what it sends (an untyped IResult declares a bare 200).
        foreach (var success in successes.Where(s => s.Name != "204" && !HasSchema(s.Value)))
        {
            problems.Add($"{success.Name} declares no content");
        }
        if (clientErrors.Count == 0)
        {
            problems.Add("no 4xx response");
        }
        foreach (var error in clientErrors.Where(e => !IsProblemDetails(e.Value, schemas)))
        {
            problems.Add($"{error.Name} is not declared as {ProblemJson} with a problem-details schema");
        }
        return problems;
    }

    private static bool HasSchema(JsonElement response) =>
        response.TryGetProperty("content", out var content) && content.EnumerateObject().Any(c => c.Value.TryGetProperty("schema", out _));

    /// <summary>application/problem+json whose schema (inline or referenced) has RFC 9457's status and title.</summary>
    private static bool IsProblemDetails(JsonElement response, JsonElement schemas)
    {
        if (!response.TryGetProperty("content", out var content) || !content.TryGetProperty(ProblemJson, out var media)
            || !media.TryGetProperty("schema", out var schema))
        {
            return false;
        }
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            if (!schemas.TryGetProperty(name, out schema))
            {
                return false;
            }
        }
        return schema.TryGetProperty("properties", out var properties)
            && properties.TryGetProperty("status", out _) && properties.TryGetProperty("title", out _);
    }
}
