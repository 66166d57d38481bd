using System.Text.Json;

namespace MhSupply.Indicators;

/// <summary>One value DHIS2 did not import, as its import summary names it: the object (a uid or a period) and why.</summary>
public sealed record Dhis2Conflict(string? Object, string? Value);

/// <summary>
/// What DHIS2 answers a data value set import with (<c>POST /api/dataValueSets</c>): a status (SUCCESS, WARNING, ERROR),
/// the counts and the conflicts. DHIS2 before 2.38 answers the summary itself; 2.38 and later wrap it in a web message
/// (<c>{"httpStatus": ..., "status": "OK", "response": { the summary }}</c>), with HTTP 409 when the import had errors.
/// </summary>
public sealed record Dhis2ImportSummary(string Status, int Imported, int Updated, int Ignored, int Deleted, IReadOnlyList<Dhis2Conflict> Conflicts,
    string? Description)
{
    public static readonly IReadOnlyList<string> Statuses = ["SUCCESS", "WARNING", "ERROR"];

    /// <summary>A period sent with this answer counts as pushed: DHIS2 took it (WARNING: with some values in conflict).</summary>
    public bool Accepted => Status is "SUCCESS" or "WARNING";

    /// <summary>The import summary in an answer's body, bare or wrapped; null when the body is not one (an HTML error page, a proxy's 502).</summary>
    public static Dhis2ImportSummary? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var summary = root.TryGetProperty("response", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object ? wrapped : root;
            return Read(summary);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dhis2ImportSummary? Read(JsonElement summary)
    {
        if (!summary.TryGetProperty("status", out var s) || s.ValueKind != JsonValueKind.String
            || !Statuses.Contains(s.GetString()!.ToUpperInvariant()))
        {
            return null;
        }
        // A web message about the request itself (401, 404) has a status too, but no counts: it is no import summary.
        if (!summary.TryGetProperty("importCount", out var counts) || counts.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        var conflicts = new List<Dhis2Conflict>();
        if (summary.TryGetProperty("conflicts", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            conflicts.AddRange(list.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
                .Select(e => new Dhis2Conflict(Text(e, "object"), Text(e, "value"))));
        }
        return new Dhis2ImportSummary(s.GetString()!.ToUpperInvariant(), Count(counts, "imported"), Count(counts, "updated"), Count(counts, "ignored"),
            Count(counts, "deleted"), conflicts, Text(summary, "description"));
    }

    private static int Count(JsonElement counts, string name) =>
        counts.TryGetProperty(name, out var n) && n.ValueKind == JsonValueKind.Number && n.TryGetInt32(out var v) ? v : 0;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => v.GetRawText(),
        } : null;
}
