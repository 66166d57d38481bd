using System.Text.Json;
using MhSupply.Common;
using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Validation;
using MhSupply.Hosting;
using MhSupply.Reference;
using MhSupply.Stock;
using Microsoft.Extensions.Options;

namespace MhSupply.Gateway.Reference;

/// <summary>
/// The essential medicines list (shared/api.md "Reference data"). Everyone signed in reads it; admins edit, import and
/// retire items. Items are never deleted: ledgers and prescriptions keep pointing at them.
/// </summary>
public static class MedicineEndpoints
{
    public sealed record MedicineBody(string? Name, string? Form, string? Strength, string? Unit, string? Atc, string? Category,
        bool? Tracer, string[]? Levels, string? Source);

    public sealed record MedicineDto(string Code, string Name, string Form, string Strength, string Unit, string? Atc, string Category,
        bool Tracer, string[] Levels, string? Source, bool Retired, DateTimeOffset? RetiredAt)
    {
        public static MedicineDto From(MedicineRecord m) =>
            new(m.Code, m.Name, m.Form, m.Strength, m.Unit, m.Atc, m.Category, m.Tracer, m.Levels, m.Source, m.RetiredAt is not null, m.RetiredAt);
    }

    public sealed record ImportResult(string Mode, int Received, int Created, int Updated, int Retired);

    public static RouteGroupBuilder MapMedicineApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/medicines").WithTags("Reference data");
        group.MapGet("/", List).WithSummary("The medicines list; retired items only with ?includeRetired=true.");
        group.MapGet("/{code}", Get).WithSummary("One medicine.");
        group.MapPut("/{code}", Put).RequireAuthorization(AuthServiceExtensions.AdminPolicy).WithSummary("Create or update a medicine (admin).");
        group.MapPost("/import", Import).RequireAuthorization(AuthServiceExtensions.AdminPolicy)
            .WithSummary("Import a list as CSV or JSON (admin). ?mode=extend (default) upserts; ?mode=replace also retires items not in it.");
        group.MapPost("/{code}/retire", (string code, MedicineCatalog catalog, IGrainFactory grains, [FromKeyedServices(Clock.Key)] TimeProvider clock, CancellationToken ct) =>
                SetRetired(code, clock.GetUtcNow(), catalog, grains, ct))
            .RequireAuthorization(AuthServiceExtensions.AdminPolicy).WithSummary("Retire a medicine (admin); it stays readable.");
        group.MapPost("/{code}/reinstate", (string code, MedicineCatalog catalog, IGrainFactory grains, CancellationToken ct) => SetRetired(code, null, catalog, grains, ct))
            .RequireAuthorization(AuthServiceExtensions.AdminPolicy).WithSummary("Bring a retired medicine back (admin).");
        return api;
    }

    private static async Task<IResult> List(bool? includeRetired, string? category, [AsParameters] Paging paging, MedicineCatalog catalog,
        CancellationToken cancellationToken)
    {
        var all = await catalog.ListAsync(includeRetired ?? false, cancellationToken);
        var filtered = all.Where(m => category is null || m.Category.Contains(category, StringComparison.OrdinalIgnoreCase))
            .Select(MedicineDto.From).ToList();
        return TypedResults.Ok(paging.Apply(filtered));
    }

    private static async Task<IResult> Get(string code, MedicineCatalog catalog, CancellationToken cancellationToken) =>
        await catalog.FindAsync(code, cancellationToken) is { } m
            ? TypedResults.Ok(MedicineDto.From(m))
            : TypedResults.Problem(statusCode: 404, title: $"'{code}' is not on the medicines list");

    private static async Task<IResult> Put(string code, MedicineBody? body, MedicineCatalog catalog, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(Ids.IsValid(code), "code", Ids.Rule);
        errors.Require(body is not null, "body", "a JSON body is required");
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var existing = await catalog.FindAsync(code, cancellationToken);
        var record = Validate(code, body!, existing?.RetiredAt, errors, prefix: "");
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var created = await grains.GetGrain<IMedicineListGrain>(IMedicineListGrain.Essential).Upsert([record!]);
        return created.Count > 0
            ? TypedResults.Created($"/api/v1/medicines/{code}", MedicineDto.From(record!))
            : TypedResults.Ok(MedicineDto.From(record!));
    }

    private static async Task<IResult> Import(string? mode, HttpRequest request, MedicineCatalog catalog, IGrainFactory grains,
        [FromKeyedServices(Clock.Key)] TimeProvider clock, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken cancellationToken)
    {
        mode ??= "extend";
        if (mode is not ("extend" or "replace"))
        {
            return Problem("mode", "mode is extend or replace");
        }
        if (await TextRules.ReadBodyAsync(request, cancellationToken) is not { } text)
        {
            return Problem("body", "the file is not UTF-8 text: save it as UTF-8 (\"CSV UTF-8\" in a spreadsheet)");
        }
        var errors = new ValidationErrors();
        var existing = (await catalog.ListAsync(includeRetired: true, cancellationToken)).ToDictionary(m => m.Code);
        List<MedicineRecord> medicines = [];
        if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
        {
            medicines = ParseJson(text, existing, json.Value.SerializerOptions, errors);
        }
        else if (CheckCsvText(text, errors))
        {
            var parsed = MedicineCsv.Parse(text);
            errors.AddAll(parsed.Errors);
            medicines = parsed.Medicines.Select(m => m with { RetiredAt = existing.GetValueOrDefault(m.Code)?.RetiredAt }).ToList();
            foreach (var m in parsed.Medicines)
            {
                errors.Require(Ids.IsValid(m.Code), $"{m.Code}.code", Ids.Rule);
                errors.Require(m.Levels.All(WireNames<FacilityLevel>.IsValid), $"{m.Code}.levels", $"levels are among {string.Join(", ", WireNames<FacilityLevel>.All)}");
            }
        }
        var duplicates = medicines.GroupBy(m => m.Code).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        foreach (var code in duplicates)
        {
            errors.Add($"{code}.code", "appears more than once");
        }
        errors.Require(medicines.Count > 0 || errors.Any, "body", "the import holds no medicine");
        if (errors.Any)
        {
            // All or nothing: a half-imported national list is worse than none.
            return errors.ToResult();
        }
        IReadOnlyList<string> created;
        var retired = 0;
        if (mode == "replace")
        {
            // The imported list becomes the list: an item it holds is on it, even one retired before; every other item
            // still on it is retired, in the same transaction (all or nothing, like the validation above).
            (created, retired) = await grains.GetGrain<IMedicineListGrain>(IMedicineListGrain.Essential).Replace(medicines.Select(m => m with { RetiredAt = null }).ToList(),
                clock.GetUtcNow());
        }
        else
        {
            created = await grains.GetGrain<IMedicineListGrain>(IMedicineListGrain.Essential).Upsert(medicines);
        }
        return TypedResults.Ok(new ImportResult(mode, medicines.Count, created.Count, medicines.Count - created.Count, retired));
    }

    private static List<MedicineRecord> ParseJson(string text, Dictionary<string, MedicineRecord> existing, JsonSerializerOptions options,
        ValidationErrors errors)
    {
        JsonElement root;
        try
        {
            root = JsonSerializer.Deserialize<JsonElement>(text);
        }
        catch (JsonException)
        {
            errors.Add("body", "the body is not valid JSON");
            return [];
        }
        var items = root.ValueKind == JsonValueKind.Array ? root
            : root.ValueKind == JsonValueKind.Object && root.TryGetProperty("medicines", out var list) ? list : default;
        if (items.ValueKind != JsonValueKind.Array)
        {
            errors.Add("body", "the body is an array of medicines or { \"medicines\": [...] }");
            return [];
        }
        var result = new List<MedicineRecord>();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var prefix = $"medicines[{index++}].";
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(prefix[..^1], $"{prefix[..^1]} is not a medicine object");
                continue;
            }
            MedicineBody? body;
            try
            {
                // The API's own options: the text rule (CheckedStringConverter) applies as to any bound body.
                body = item.Deserialize<MedicineBody>(options);
            }
            catch (FieldRuleJsonException rule)
            {
                var field = prefix + ProblemExceptionHandler.FieldName(rule.Path);
                errors.Add(field, $"{field} {rule.Rule}");
                continue;
            }
            catch (JsonException)
            {
                errors.Add(prefix[..^1], $"{prefix[..^1]} is not a medicine object");
                continue;
            }
            string? code = null;
            if (item.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String && !TextRules.TryRead(c, out code, out var problem))
            {
                errors.Add(prefix + "code", $"code {problem}");
                continue;
            }
            if (!Ids.IsValid(code))
            {
                errors.Add(prefix + "code", "code is required; " + Ids.Rule);
                continue;
            }
            if (Validate(code!, body!, existing.GetValueOrDefault(code!)?.RetiredAt, errors, prefix) is { } record)
            {
                result.Add(record);
            }
        }
        return result;
    }

    /// <summary>The text rule for every cell of an imported CSV (a NUL cannot be stored), naming line and column.</summary>
    private static bool CheckCsvText(string text, ValidationErrors errors)
    {
        var (header, rows) = Csv.Parse(text);
        if (header.FirstOrDefault(h => TextRules.Problem(h) is not null) is { } bad)
        {
            errors.Add("header", $"the header row {TextRules.Problem(bad)}");
            return false;
        }
        var clean = true;
        foreach (var row in rows)
        {
            foreach (var (column, value) in row.Fields)
            {
                if (TextRules.Problem(value) is { } problem)
                {
                    errors.Add($"line{row.LineNumber}.{column}", $"{column} {problem}");
                    clean = false;
                }
            }
        }
        return clean;
    }

    private static MedicineRecord? Validate(string code, MedicineBody body, DateTimeOffset? retiredAt, ValidationErrors errors, string prefix)
    {
        var before = errors.ToDictionary().Count;
        errors.Require(!string.IsNullOrWhiteSpace(body.Name), prefix + "name", "name is required");
        errors.Require(!string.IsNullOrWhiteSpace(body.Form), prefix + "form", "form is required");
        errors.Require(!string.IsNullOrWhiteSpace(body.Strength), prefix + "strength", "strength is required");
        errors.Require(!string.IsNullOrWhiteSpace(body.Unit), prefix + "unit", "unit is required");
        errors.Require(!string.IsNullOrWhiteSpace(body.Category), prefix + "category", "category is required");
        errors.Require(body.Levels?.All(WireNames<FacilityLevel>.IsValid) ?? true, prefix + "levels",
            $"levels are among {string.Join(", ", WireNames<FacilityLevel>.All)}");
        if (errors.ToDictionary().Count > before)
        {
            return null;
        }
        return new MedicineRecord(code, body.Name!.Trim(), body.Form!.Trim(), body.Strength!.Trim(), body.Unit!.Trim(),
            string.IsNullOrWhiteSpace(body.Atc) ? null : body.Atc.Trim(), body.Category!.Trim(), body.Source, body.Tracer ?? false,
            body.Levels?.Distinct().ToArray() ?? [], retiredAt);
    }

    private static async Task<IResult> SetRetired(string code, DateTimeOffset? retiredAt, MedicineCatalog catalog, IGrainFactory grains,
        CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(code, cancellationToken) is not { } m)
        {
            return TypedResults.Problem(statusCode: 404, title: $"'{code}' is not on the medicines list");
        }
        var updated = m with { RetiredAt = retiredAt is null ? null : m.RetiredAt ?? retiredAt };
        await grains.GetGrain<IMedicineListGrain>(IMedicineListGrain.Essential).Upsert([updated]);
        return TypedResults.Ok(MedicineDto.From(updated));
    }

    private static IResult Problem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "One or more fields are invalid.");
}
