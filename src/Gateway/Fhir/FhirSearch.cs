using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;

namespace MhSupply.Gateway.Fhir;

/// <summary>
/// A search's query, read strictly (FHIR search, "handling errors"): every parameter must be one the resource type
/// implements (<see cref="FhirSearchParameters"/>), given once (only <c>_lastUpdated</c> may repeat, to bound a range);
/// anything else is a 400 OperationOutcome naming it. Also the paging (<c>_count</c>, <c>_offset</c>) and <c>_summary=count</c>.
/// </summary>
public sealed class FhirSearch
{
    public const int DefaultCount = 50;
    public const int MaxCount = 500;

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private FhirSearch(string type) => Type = type;

    public string Type { get; }

    public int Count { get; private set; } = DefaultCount;

    public long Offset { get; private set; }

    /// <summary><c>_summary=count</c>: the Bundle's total only.</summary>
    public bool CountOnly { get; private set; }

    /// <summary>When the referral's state last changed: from (inclusive) and before (exclusive), from <c>_lastUpdated</c>.</summary>
    public DateTimeOffset? UpdatedFrom { get; private set; }

    public DateTimeOffset? UpdatedBefore { get; private set; }

    /// <summary>The value of a parameter (the name with its modifier, e.g. <c>patient:identifier</c>), if given.</summary>
    public string? this[string name] => _values.GetValueOrDefault(name);

    /// <summary>The parameters given, or the 400 naming the first one at fault.</summary>
    public static (FhirSearch? Search, FhirResourceResult? Problem) Read(string type, IQueryCollection query, params string[] modifiedNames)
    {
        var search = new FhirSearch(type);
        var supported = FhirSearchParameters.Common.Concat(FhirSearchParameters.ByType[type]).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var accepted = supported.Concat(modifiedNames).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, values) in query)
        {
            if (!accepted.Contains(name))
            {
                return (null, FhirOutcomes.UnsupportedParameter(name, accepted.Order(StringComparer.Ordinal)));
            }
            if (name == "_lastUpdated")
            {
                foreach (var value in values)
                {
                    if (search.Bound(value) is { } problem)
                    {
                        return (null, problem);
                    }
                }
                continue;
            }
            if (values.Count > 1)
            {
                return (null, FhirOutcomes.Invalid(name, $"'{name}' may be given once (comma-separate values to mean any of them)."));
            }
            var text = values.ToString();
            if (string.IsNullOrWhiteSpace(text))
            {
                return (null, FhirOutcomes.Invalid(name, $"'{name}' has no value."));
            }
            if (search.Result(name, text) is { } resultProblem)
            {
                return (null, resultProblem);
            }
            search._values[name] = text;
        }
        return (search, null);
    }

    /// <summary>The result parameters: paging, summary, format.</summary>
    private FhirResourceResult? Result(string name, string value)
    {
        switch (name)
        {
            case "_count":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > MaxCount)
                {
                    return FhirOutcomes.Invalid(name, $"'_count' must be a whole number from 1 to {MaxCount}, got '{value}'.");
                }
                Count = count;
                break;
            case "_offset":
                if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var offset) || offset < 0)
                {
                    return FhirOutcomes.Invalid(name, $"'_offset' must be a whole number, 0 or more, got '{value}'.");
                }
                Offset = offset;
                break;
            case "_summary":
                if (value != "count")
                {
                    return FhirOutcomes.Invalid(name, $"Only '_summary=count' is supported, got '{value}'.");
                }
                CountOnly = true;
                break;
            case "_format":
                if (value is not ("json" or "application/json" or FhirJson.ContentType))
                {
                    return FhirOutcomes.Invalid(name, $"Only JSON is served ('json' or '{FhirJson.ContentType}'), got '{value}'.");
                }
                break;
        }
        return null;
    }

    /// <summary>One <c>_lastUpdated</c> bound: a prefix (eq by default; ge, gt, le, lt) and a date or instant, to its precision.</summary>
    private FhirResourceResult? Bound(string? value)
    {
        var text = value ?? "";
        var prefix = text.Length > 2 && char.IsAsciiLetterLower(text[0]) ? text[..2] : "eq";
        var date = text.Length > 2 && char.IsAsciiLetterLower(text[0]) ? text[2..] : text;
        if (prefix is not ("eq" or "ge" or "gt" or "le" or "lt"))
        {
            return FhirOutcomes.Invalid("_lastUpdated", $"'_lastUpdated' takes the prefixes eq, ge, gt, le and lt, got '{prefix}'.");
        }
        if (FhirDates.Range(date) is not var (start, end))
        {
            return FhirOutcomes.Invalid("_lastUpdated",
                $"'_lastUpdated' must be a FHIR date or dateTime (2026-12, 2026-12-01, 2026-12-01T10:00:00Z), got '{date}'.");
        }
        switch (prefix)
        {
            case "eq": From(start); Before(end); break;
            case "ge": From(start); break;
            case "gt": From(end); break;
            case "le": Before(end); break;
            case "lt": Before(start); break;
        }
        return null;
    }

    private void From(DateTimeOffset at) => UpdatedFrom = UpdatedFrom is { } f && f > at ? f : at;

    private void Before(DateTimeOffset at) => UpdatedBefore = UpdatedBefore is { } b && b < at ? b : at;

    /// <summary>The searchset: the page's entries (<c>match</c>, and any <c>include</c>), total and self/first/next/previous links.</summary>
    public Bundle ToBundle(HttpRequest request, long total, IEnumerable<(Resource Resource, Bundle.SearchEntryMode Mode)> entries)
    {
        var baseUrl = FhirUrls.BaseOf(request);
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = (int)Math.Min(total, int.MaxValue) };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = PageUrl(request, Offset) });
        if (!CountOnly)
        {
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "first", Url = PageUrl(request, 0) });
            if (Offset + Count < total)
            {
                bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = PageUrl(request, Offset + Count) });
            }
            if (Offset > 0)
            {
                bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = PageUrl(request, Math.Max(0, Offset - Count)) });
            }
            foreach (var (resource, mode) in entries)
            {
                bundle.Entry.Add(new Bundle.EntryComponent
                {
                    FullUrl = $"{baseUrl}/{resource.TypeName}/{resource.Id}",
                    Resource = resource,
                    Search = new Bundle.SearchComponent { Mode = mode },
                });
            }
        }
        return bundle;
    }

    /// <summary>This search's URL at another offset, its other parameters as given.</summary>
    private string PageUrl(HttpRequest request, long offset)
    {
        var query = request.Query.Where(q => q.Key is not ("_offset" or "_count"))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))).ToList();
        if (!CountOnly)
        {
            query.Add(new("_count", Count.ToString(CultureInfo.InvariantCulture)));
            query.Add(new("_offset", offset.ToString(CultureInfo.InvariantCulture)));
        }
        return QueryHelpers.AddQueryString($"{FhirUrls.BaseOf(request)}/{Type}", query);
    }
}
