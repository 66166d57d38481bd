using System.Text.Json;
using System.Text.Json.Nodes;
using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Validation;
using MhSupply.Messages;
using MhSupply.Reference;
using MhSupply.Stock;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MhSupply.Gateway.Stock;

/// <summary>
/// A physical inventory submitted as one count sheet (issue 18, item 5): every line becomes a <c>physical_count</c> at the
/// sheet's <c>countedAt</c>, and the grain records all of them or none (<see cref="IFacilityStockGrain.SubmitSheet"/>).
/// A facility moving from OpenLMIS submits its inventories this way; a half-recorded count would leave the cards
/// disagreeing with the shelf the count was meant to settle.
/// </summary>
public static class CountSheetEndpoint
{
    /// <summary>For the API document; the body is read field by field so each problem names its line.</summary>
    public sealed record CountSheetBody(Guid Id, DateTimeOffset CountedAt, IReadOnlyList<CountSheetLine> Lines);

    public sealed record CountSheetLine(string Medicine, int Quantity, string? Lot, DateOnly? Expiry, string? Note);

    /// <summary>Fields a line may not carry: the sheet sets them for every line.</summary>
    private static readonly string[] SheetFields = ["id", "type", "occurredAt"];

    public static async Task<Results<Ok<StockEndpoints.SubmitResponse>, ValidationProblem, ProblemHttpResult>> Submit(string facilityId,
        HttpRequest request, HttpContext http, FacilityDirectory directory, IGrainFactory grains, InputBounds bounds, MedicineCatalog catalog,
        IOptions<StockOptions> stockOptions, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "A count sheet is JSON: send Content-Type: application/json.");
        }
        if (await StockEndpoints.CheckWriter(facilityId, http, directory, cancellationToken) is { } denied)
        {
            return denied;
        }
        // Every text checked first: a NUL or half a character is a 400 naming its line, not a failure further on.
        var (document, unreadable) = await JsonTextCheck.ReadAsync(request, StockMessages.Of("body_not_json"), cancellationToken);
        if (unreadable is not null)
        {
            return unreadable.ToResult();
        }
        JsonElement root;
        using (document)
        {
            root = document!.RootElement.Clone();
        }
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ValidationErrors.For("body", StockMessages.Of("sheet_shape"));
        }
        var names = new MedicineNames(await catalog.ListAsync(includeRetired: true, cancellationToken));
        // Lines name medicines as the list shows them, or by code; their ids are derived from the sheet's (Read).
        var rules = StockEndpoints.Rules(bounds, stockOptions.Value) with { Medicines = names, IdOptional = true };
        var errors = new ValidationErrors();
        var parsed = Read(root, rules, errors);
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var decided = await grains.GetGrain<IFacilityStockGrain>(facilityId)
            .SubmitSheet(new StockSubmission(http.User.Subject(), parsed.Select(p => p.Input!).ToArray()));
        var results = decided.Select((r, i) => StockEndpoints.EventResultDto.From(r) with
        {
            Line = i + 1, Medicine = parsed[i].Input!.Medicine, MedicineName = parsed[i].MedicineName,
        }).ToList();
        var refused = decided.Count(r => r.Outcome == StockEventResult.Rejected && r.Error?.Code != StockEventError.SheetRejected);
        if (refused == 0)
        {
            return TypedResults.Ok(new StockEndpoints.SubmitResponse(results));
        }
        // Refused whole: a 422 naming each refused line's field, with every line's answer so the phone can mark them.
        var problems = new ValidationErrors();
        for (var i = 0; i < decided.Length; i++)
        {
            if (decided[i].Error is { } error && error.Code != StockEventError.SheetRejected)
            {
                problems.Add(FieldOf(i, error), MessageOf(error));
            }
        }
        var summary = StockMessages.Of("sheet_refused", ("refused", refused), ("lines", decided.Length));
        var problem = new HttpValidationProblemDetails(problems.ToDictionary())
        {
            Status = StatusCodes.Status422UnprocessableEntity, Title = summary.Text,
            Extensions = { ["codes"] = problems.Codes(), ["code"] = summary.Code, ["params"] = summary.Params, ["results"] = results },
        };
        return TypedResults.Problem(problem);
    }

    /// <summary>
    /// The sheet's id, time and lines, each line read by <see cref="StockEventParser"/> as a <c>physical_count</c> with an id
    /// derived from the sheet's and the line's medicine and lot (so a resubmitted sheet is recognised line by line). Any
    /// problem is a 400 naming the field (<c>lines[2].quantity</c>): a sheet is taken whole or not at all.
    /// </summary>
    private static List<StockEventParser.Parsed> Read(JsonElement root, StockEventParser.Rules rules, ValidationErrors errors)
    {
        Guid sheetId = default;
        if (!root.TryGetProperty("id", out var idValue) || idValue.ValueKind != JsonValueKind.String || !idValue.TryGetGuid(out sheetId)
            || sheetId == Guid.Empty)
        {
            errors.Add("id", StockMessages.Of("sheet_id_invalid"));
        }
        var countedText = root.TryGetProperty("countedAt", out var countedValue) && countedValue.ValueKind == JsonValueKind.String
            ? countedValue.GetString()
            : null;
        if (!StockEventParser.TryParseInstant(countedText, rules.Days, out _))
        {
            errors.Add("countedAt", StockMessages.Of("sheet_counted_at_invalid"));
            return []; // every line would repeat it
        }
        if (!root.TryGetProperty("lines", out var lines) || lines.ValueKind != JsonValueKind.Array
            || lines.GetArrayLength() is 0 or > StockEventParser.MaxEvents)
        {
            errors.Add("lines", StockMessages.Of("sheet_lines", ("max", StockEventParser.MaxEvents)));
            return [];
        }
        var parsed = new List<StockEventParser.Parsed>();
        var seen = new Dictionary<(string Medicine, string Lot), int>();
        var index = 0;
        foreach (var line in lines.EnumerateArray())
        {
            var field = $"lines[{index}]";
            if (line.ValueKind != JsonValueKind.Object)
            {
                errors.Add(field, StockMessages.Of("sheet_shape"));
            }
            else if (SheetFields.FirstOrDefault(f => line.TryGetProperty(f, out _)) is { } own)
            {
                errors.Add($"{field}.{own}", StockMessages.Of("sheet_shape"));
            }
            else
            {
                var node = JsonObject.Create(line)!;
                node["type"] = "physical_count";
                node["occurredAt"] = countedText;
                var one = StockEventParser.FromJson(JsonSerializer.SerializeToElement(node), rules);
                if (one.Rejection?.Error is { } error)
                {
                    errors.Add(FieldOf(index, error), MessageOf(error));
                }
                else if (one.Input is { } input)
                {
                    var key = (input.Medicine, (input.Lot ?? "").Trim());
                    if (seen.TryGetValue(key, out var first))
                    {
                        errors.Add($"{field}.medicine", StockMessages.Of("sheet_line_twice",
                            ("medicine", one.MedicineName ?? input.Medicine), ("line", first + 1)));
                    }
                    seen.TryAdd(key, index);
                    var id = CsvRowIds.Derive(sheetId.ToString(), $"count-sheet\u001f{key.Medicine}\u001f{key.Item2}", 0);
                    parsed.Add(one with { Input = input with { Id = id } });
                }
            }
            index++;
        }
        return parsed;
    }

    /// <summary>
    /// Where a refusal points: the field a line's check named; a balance the count would break is its quantity; an id
    /// recorded with other content (the sheet's id reused for another count) the whole line.
    /// </summary>
    private static string FieldOf(int line, StockEventError error) => error switch
    {
        { Field: { } field } => $"lines[{line}].{field}",
        { Code: StockEventError.Conflict } => $"lines[{line}]",
        _ => $"lines[{line}].quantity",
    };

    private static UserMessage MessageOf(StockEventError error) =>
        new(error.MessageCode ?? error.Code, error.Message, error.Params ?? new Dictionary<string, object>());
}
