using System.Text.Json;
using MhSupply.Common;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Validation;

namespace MhSupply.Gateway.Stock;

/// <summary>
/// The body of a stock report, JSON (<c>{ "events": [...] }</c>) or CSV (a header row naming the event fields), checked
/// as a whole: a body that cannot be read is a 400 naming what is wrong. Each event is then read on its own
/// (<see cref="StockEventParser"/>), so one bad line is rejected without taking its batch down.
/// </summary>
public static class StockBatch
{
    public static IReadOnlyList<string> RequiredColumns { get; } = ["id", "medicine", "type", "quantity", "occurredAt"];

    public static async Task<IReadOnlyList<StockEventParser.Parsed>> ReadJsonAsync(Stream body, StockEventParser.Rules rules,
        ValidationErrors errors, CancellationToken cancellationToken)
    {
        JsonElement root;
        try
        {
            root = await JsonSerializer.DeserializeAsync<JsonElement>(body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            errors.Add("body", "the body is not valid JSON");
            return [];
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
        {
            errors.Add("events", "the body is { \"events\": [ ... ] }");
            return [];
        }
        return Sized(events.EnumerateArray().Select(e => StockEventParser.FromJson(e, rules)).ToList(), errors);
    }

    public static async Task<IReadOnlyList<StockEventParser.Parsed>> ReadCsvAsync(HttpRequest request, StockEventParser.Rules rules,
        ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (await TextRules.ReadBodyAsync(request, cancellationToken) is not { } text)
        {
            errors.Add("body", "the file is not UTF-8 text: save it as \"CSV UTF-8\"");
            return [];
        }
        var (header, rows) = CsvTable.Read(text);
        if (header.FirstOrDefault(h => TextRules.Problem(h) is not null) is { } bad)
        {
            errors.Add("header", $"the header row {TextRules.Problem(bad)}");
            return [];
        }
        var missing = RequiredColumns.Where(f => !header.Contains(f, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            errors.Add("header", $"the header row lacks: {string.Join(", ", missing)}");
            return [];
        }
        return Sized(rows.Select(r => StockEventParser.FromCells(r.Get, rules)).ToList(), errors);
    }

    private static List<StockEventParser.Parsed> Sized(List<StockEventParser.Parsed> parsed, ValidationErrors errors)
    {
        errors.Require(parsed.Count is > 0 and <= StockEventParser.MaxEvents, "events", $"a batch holds 1 to {StockEventParser.MaxEvents} events");
        return parsed;
    }
}
