using System.Text.Json.Nodes;

namespace MhSupply.Tests.Robustness;

/// <summary>
/// A valid request to one endpoint, from which the corpus derives its malformed ones. Route values and query values are
/// URL-ready; a route value "@kind" is a subject the corpus resolves when sending (a referral in a state, an alert).
/// In a JSON body, "@uuid" becomes a fresh UUID drawn from the seed, so every probe is a new event or referral.
/// </summary>
internal sealed record Template(string Name, HttpMethod Method, string Route, string Client)
{
    public IReadOnlyDictionary<string, string> RouteValues { get; init; } = new Dictionary<string, string>();

    /// <summary>Every query parameter the endpoint reads, with its valid value or null when the valid request omits it.</summary>
    public IReadOnlyList<(string Name, string? Value)> Query { get; init; } = [];

    public JsonNode? Json { get; init; }

    public CsvFile? Csv { get; init; }

    /// <summary>Row n of a CSV file of many valid rows (each a new event or medicine).</summary>
    public Func<int, IReadOnlyList<string>>? CsvRow { get; init; }

    /// <summary>A 2xx moves the route's subject on (a referral step, a deleted subscription): the next probe needs a fresh one.</summary>
    public bool ChangesSubject { get; init; }

    public string Path(IReadOnlyDictionary<string, string>? routeOverride = null, IReadOnlyList<(string Name, string? Value)>? query = null)
    {
        var path = Route;
        foreach (var (name, value) in RouteValues)
        {
            var v = routeOverride?.GetValueOrDefault(name) ?? value;
            path = path.Replace("{" + name + "}", v.StartsWith('@') ? "{" + v + "}" : v);
        }
        var pairs = (query ?? Query).Where(q => q.Value is not null).Select(q => $"{q.Name}={q.Value}").ToList();
        return pairs.Count == 0 ? path : path + "?" + string.Join("&", pairs);
    }
}
