using System.Text.Json;
using MhSupply.Common;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Validation;
using MhSupply.Stock;

namespace MhSupply.Gateway.Stock;

/// <summary>
/// The body of a stock report, JSON (<c>{ "events": [...] }</c>) or CSV (a header row naming the event fields), checked
/// as a whole: a body that cannot be read is a 400 naming what is wrong. Each event is then read on its own
/// (<see cref="StockEventParser"/>), so one bad line is rejected without taking its batch down.
/// </summary>
public static class StockBatch
{
    /// <summary>The columns a CSV file must have; <c>id</c> may be left out (<see cref="CsvRowIds"/>).</summary>
    public static IReadOnlyList<string> RequiredColumns { get; } = ["medicine", "type", "quantity", "occurredAt"];

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
            errors.Add("body", StockMessages.Of("body_not_json"));
            return [];
        }
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
        {
            errors.Add("events", StockMessages.Of("body_shape"));
            return [];
        }
        return Sized(events.EnumerateArray().Select(e => StockEventParser.FromJson(e, rules)).ToList(), errors);
    }

    /// <param name="facility">Whose file it is: a line without an id gets one derived from it and the line (<see cref="CsvRowIds"/>).</param>
    public static async Task<IReadOnlyList<StockEventParser.Parsed>> ReadCsvAsync(HttpRequest request, string facility, StockEventParser.Rules rules,
        ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (await TextRules.ReadBodyAsync(request, cancellationToken) is not { } text)
        {
            errors.Add("body", StockMessages.Of("csv_not_utf8"));
            return [];
        }
        var (header, rows) = CsvTable.Read(text);
        if (header.Any(h => TextRules.Problem(h) is not null))
        {
            errors.Add("header", StockMessages.Of("csv_header_unreadable"));
            return [];
        }
        var missing = RequiredColumns.Where(f => !header.Contains(f, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            errors.Add("header", StockMessages.Of("csv_header_missing", ("missing", string.Join(", ", missing))));
            return [];
        }
        var idColumn = header.Contains("id", StringComparer.OrdinalIgnoreCase);
        var csvRules = rules with { IdOptional = !idColumn || rules.IdOptional };
        var parsed = rows.Select(r => StockEventParser.FromCells(r.Get, csvRules) with { Line = r.LineNumber }).ToList();
        CsvRowIds.Assign(facility, parsed);
        return Sized(parsed, errors);
    }

    private static List<StockEventParser.Parsed> Sized(List<StockEventParser.Parsed> parsed, ValidationErrors errors)
    {
        if (parsed.Count is 0 or > StockEventParser.MaxEvents)
        {
            errors.Add("events", StockMessages.Of("batch_size", ("max", StockEventParser.MaxEvents), ("count", parsed.Count)));
        }
        return parsed;
    }
}
