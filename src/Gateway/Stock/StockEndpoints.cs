using MhSupply.Access;
using System.Globalization;
using System.Text.Json;
using MhSupply.Common;
using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Validation;
using MhSupply.Hosting;
using MhSupply.Reference;
using MhSupply.Stock;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MhSupply.Gateway.Stock;

/// <summary>Stock reporting and stock figures (shared/api.md "Stock").</summary>
public static class StockEndpoints
{
    /// <summary>Who may report stock events for a facility their token names.</summary>
    private static readonly string[] Reporters = [Roles.Pharmacist, Roles.FacilityHead];

    public sealed record SubmitResponse(IReadOnlyList<EventResultDto> Results);

    public sealed record EventResultDto(Guid? Id, string Outcome, StockEventError? Error)
    {
        public static EventResultDto From(StockEventResult r) => new(r.Id == Guid.Empty ? null : r.Id, r.Outcome, r.Error);
    }

    public sealed record FacilityStockDto(string Facility, DateOnly AsOf, IReadOnlyList<StockItemView> Items);

    public sealed record CrossFacilityItemDto(
        string Facility, string District, string Medicine, int Soh, double? Amc, double? Mos, string Status, int StockoutDaysThisMonth,
        DateOnly? ProjectedStockoutDate, int? SuggestedOrder, DateTimeOffset? LastEventAt, IReadOnlyList<LotView> Lots, DateOnly AsOf);

    public static RouteGroupBuilder MapStockApi(this RouteGroupBuilder api)
    {
        var facility = api.MapGroup("/facilities/{facilityId}").WithTags("Stock");
        facility.MapPost("/stock-events", SubmitJson)
            .WithSummary("Report a batch of 1-1000 stock events; answered per event after the accepted ones are committed.");
        facility.MapPost("/stock-events/csv", SubmitCsv)
            .WithSummary("The same, from a CSV body (text/csv) whose header row names the event fields.")
            .Accepts<string>("text/csv");
        facility.MapGet("/stock", GetStock).WithSummary("Every card's figures at the facility, as of today or ?asOf=YYYY-MM-DD.");
        facility.MapGet("/stock/{medicine}/card", GetCard).WithSummary("A stock card's lines with running balances.");
        api.MapGet("/stock", ListAcrossFacilities).WithTags("Stock")
            .WithSummary("Cards across the facilities within the caller's scope, from the read model.");
        return api;
    }

    private static async Task<IResult> SubmitJson(string facilityId, HttpRequest request, HttpContext http, ScopeChecker scope,
        FacilityDirectory directory, IGrainFactory grains, InputBounds bounds, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            // As the framework answers for every bound JSON body; a CSV file has its own endpoint.
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The events are JSON: send Content-Type: application/json (a CSV file goes to /stock-events/csv).");
        }
        if (await CheckWriter(facilityId, http, scope, directory, cancellationToken) is { } denied)
        {
            return denied;
        }
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return Problem("body", "the body is not valid JSON");
        }
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
        {
            return Problem("events", "the body is { \"events\": [ ... ] }");
        }
        var rules = Rules(bounds);
        var parsed = events.EnumerateArray().Select(e => StockEventParser.FromJson(e, rules)).ToList();
        return await Submit(facilityId, parsed, http, grains);
    }

    private static async Task<IResult> SubmitCsv(string facilityId, HttpRequest request, HttpContext http, ScopeChecker scope,
        FacilityDirectory directory, IGrainFactory grains, InputBounds bounds, CancellationToken cancellationToken)
    {
        if (await CheckWriter(facilityId, http, scope, directory, cancellationToken) is { } denied)
        {
            return denied;
        }
        if (await TextRules.ReadBodyAsync(request, cancellationToken) is not { } text)
        {
            return Problem("body", "the file is not UTF-8 text: save it as \"CSV UTF-8\"");
        }
        var (header, rows) = Csv.Parse(text);
        if (header.FirstOrDefault(h => TextRules.Problem(h) is not null) is { } bad)
        {
            return Problem("header", $"the header row {TextRules.Problem(bad)}");
        }
        var missing = new[] { "id", "medicine", "type", "quantity", "occurredAt" }
            .Where(f => !header.Contains(f, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            return Problem("header", $"the header row lacks: {string.Join(", ", missing)}");
        }
        var rules = Rules(bounds);
        var parsed = rows.Select(r => StockEventParser.FromCells(r.Get, rules)).ToList();
        return await Submit(facilityId, parsed, http, grains);
    }

    private static async Task<IResult> Submit(string facilityId, List<StockEventParser.Parsed> parsed, HttpContext http, IGrainFactory grains)
    {
        if (parsed.Count is 0 or > StockEventParser.MaxEvents)
        {
            return Problem("events", $"a batch holds 1 to {StockEventParser.MaxEvents} events");
        }
        var inputs = parsed.Where(p => p.Input is not null).Select(p => p.Input!).ToArray();
        var decided = inputs.Length == 0
            ? []
            : await grains.GetGrain<IFacilityStockGrain>(facilityId).Submit(new StockSubmission(http.User.Subject(), inputs));
        var results = new List<EventResultDto>(parsed.Count);
        var next = 0;
        foreach (var p in parsed)
        {
            results.Add(EventResultDto.From(p.Rejection ?? decided[next++]));
        }
        return TypedResults.Ok(new SubmitResponse(results));
    }

    private static async Task<IResult> GetStock(string facilityId, string? asOf, HttpContext http, ScopeChecker scope,
        FacilityDirectory directory, IGrainFactory grains, IOptions<StockOptions> stockOptions, [FromKeyedServices(Clock.Key)] TimeProvider clock,
        InputBounds bounds, CancellationToken cancellationToken)
    {
        if (await CheckReader(facilityId, http, scope, directory, cancellationToken) is { } denied)
        {
            return denied;
        }
        DateOnly? day = null;
        if (asOf is not null)
        {
            if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return Problem("asOf", "asOf is a date: YYYY-MM-DD");
            }
            var errors = new ValidationErrors();
            if (!bounds.FilterDay(parsed, "asOf", errors))
            {
                return errors.ToResult();
            }
            // Today as the grain counts days: the facilities' local day (Stock:TimeZone), which east of UTC may already be
            // tomorrow in UTC terms; a UTC day of slack would also accept tomorrow where it has not begun.
            var today = LocalDays.DateOf(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(stockOptions.Value.TimeZone));
            if (parsed > today)
            {
                return Problem("asOf", "asOf must not be in the future");
            }
            day = parsed;
        }
        var view = await grains.GetGrain<IFacilityStockGrain>(facilityId).GetStock(day);
        return TypedResults.Ok(new FacilityStockDto(view.Facility, view.AsOf, view.Items));
    }

    private static async Task<IResult> GetCard(string facilityId, string medicine, string? from, string? to, [AsParameters] Paging paging,
        HttpContext http, ScopeChecker scope, FacilityDirectory directory, MedicineCatalog catalog, IGrainFactory grains, InputBounds bounds,
        CancellationToken cancellationToken)
    {
        if (await CheckReader(facilityId, http, scope, directory, cancellationToken) is { } denied)
        {
            return denied;
        }
        var errors = new ValidationErrors();
        var fromAt = ParseBound(from, "from", endOfDay: false, bounds, errors);
        var toAt = ParseBound(to, "to", endOfDay: true, bounds, errors);
        if (errors.Any)
        {
            return errors.ToResult();
        }
        if (await catalog.FindAsync(medicine, cancellationToken) is null)
        {
            return TypedResults.Problem(statusCode: 404, title: $"'{medicine}' is not on the medicines list");
        }
        var lines = await grains.GetGrain<IFacilityStockGrain>(facilityId).GetCard(medicine, fromAt, toAt);
        return TypedResults.Ok(paging.Apply(lines));
    }

    private static async Task<IResult> ListAcrossFacilities(string? district, string? status, string? medicine, [AsParameters] Paging paging,
        HttpContext http, StockReadModel readModel, StockProjectionCatchUp projection, CancellationToken cancellationToken)
    {
        if (status is not null && !WireNames.TryParse<StockStatus>(status, out _))
        {
            return Problem("status", $"status must be one of {string.Join(", ", WireNames<StockStatus>.All)}");
        }
        var user = http.User;
        await projection.CatchUpForAsync(user, cancellationToken);
        var (items, total) = await readModel.ListAsync(new StockReadModel.Filter(
            user.IsAdmin() ? null : user.Districts(),
            user.IsAdmin() ? null : user.Facilities(),
            district, status, medicine, paging.Offset, paging.Size), cancellationToken);
        var dtos = items.Select(c => new CrossFacilityItemDto(c.Facility, c.District, c.Item.Medicine, c.Item.Soh, c.Item.Amc, c.Item.Mos,
            c.Item.Status, c.Item.StockoutDaysThisMonth, c.Item.ProjectedStockoutDate, c.Item.SuggestedOrder, c.Item.LastEventAt,
            c.Item.Lots, c.AsOf)).ToList();
        return TypedResults.Ok(new Paged<CrossFacilityItemDto>(dtos, paging.PageNumber, paging.Size, total));
    }

    private static DateTimeOffset? ParseBound(string? text, string field, bool endOfDay, InputBounds bounds, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (!bounds.FilterDay(date, field, errors))
            {
                return null;
            }
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1).AddTicks(-1) : start;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return bounds.FilterInstant(at, field, errors) ? at : null;
        }
        errors.Add(field, $"{field} is a date (YYYY-MM-DD) or an ISO 8601 time");
        return null;
    }

    /// <summary>Writers: pharmacists and facility heads whose token names the facility. Unknown facility: 404 after scope.</summary>
    private static async Task<IResult?> CheckWriter(string facilityId, HttpContext http, ScopeChecker scope, FacilityDirectory directory,
        CancellationToken cancellationToken)
    {
        var user = http.User;
        if (!user.HasAnyRole(Reporters) || !user.Facilities().Contains(facilityId))
        {
            return TypedResults.Problem(statusCode: 403, title: "Only a pharmacist or facility head of this facility reports its stock.");
        }
        return await directory.FindAsync(facilityId, cancellationToken) is null
            ? TypedResults.Problem(statusCode: 404, title: $"Facility '{facilityId}' is not registered.")
            : null;
    }

    private static async Task<IResult?> CheckReader(string facilityId, HttpContext http, ScopeChecker scope, FacilityDirectory directory,
        CancellationToken cancellationToken)
    {
        if (!await scope.CoversFacilityAsync(http.User, facilityId, cancellationToken))
        {
            return TypedResults.Problem(statusCode: 403, title: "This facility is outside your scope.");
        }
        return await directory.FindAsync(facilityId, cancellationToken) is null
            ? TypedResults.Problem(statusCode: 404, title: $"Facility '{facilityId}' is not registered.")
            : null;
    }

    private static StockEventParser.Rules Rules(InputBounds bounds)
    {
        var (from, to) = bounds.ExpiryRange();
        return new StockEventParser.Rules(from, to);
    }

    private static IResult Problem(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "One or more fields are invalid.");
}
