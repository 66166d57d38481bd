using MhSupply.Access;
using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Validation;
using MhSupply.Hosting;
using MhSupply.Reference;
using MhSupply.Stock;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MhSupply.Gateway.Stock;

/// <summary>Stock reporting and stock figures (docs/api.md "Stock").</summary>
public static class StockEndpoints
{
    /// <summary>Who may report stock events for a facility their token names.</summary>
    private static readonly string[] Reporters = [Roles.Pharmacist, Roles.FacilityHead];

    public sealed record SubmitResponse(IReadOnlyList<EventResultDto> Results);

    /// <summary>
    /// One event's answer. From a CSV file also the line it starts on; when the medicine was found, its code and its name
    /// on the list, so the answer reads "line 4, Fluoxetine 20 mg capsule: rejected, ...".
    /// </summary>
    public sealed record EventResultDto(Guid? Id, string Outcome, StockEventError? Error, int? Line = null, string? Medicine = null,
        string? MedicineName = null)
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
            .WithSummary("Report a batch of 1-1000 stock events; answered per event after the accepted ones are committed.")
            .Accepts<StockEventsBody>("application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        facility.MapPost("/stock-events/csv", SubmitCsv)
            .WithSummary("The same, from a CSV body (text/csv) whose header row names the event fields.")
            .Accepts<string>("text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
        facility.MapGet("/stock-events/csv-template", CsvTemplate)
            .WithSummary("A CSV file to fill in: the header and example lines with this facility's medicine names and today's date.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesProblem(StatusCodes.Status404NotFound);
        facility.MapPost("/count-sheets", CountSheetEndpoint.Submit)
            .WithSummary("Record a physical inventory as one count sheet: every line is recorded, or none is (422 naming the refused lines).")
            .Accepts<CountSheetEndpoint.CountSheetBody>("application/json")
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status404NotFound);
        facility.MapGet("/stock", GetStock).WithSummary("Every card's figures at the facility, as of today or ?asOf=YYYY-MM-DD.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        facility.MapGet("/stock/{medicine}/card", GetCard).WithSummary("A stock card's lines with running balances.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/stock/redistribution", RedistributionEndpoint.Get).WithTags("Stock")
            .WithSummary("Which facilities of a district could send stock to those stocked out or below EOP (surplus, or lots expiring before use).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/stock", ListAcrossFacilities).WithTags("Stock")
            .WithSummary("Cards across the facilities within the caller's scope, from the read model.");
        return api;
    }

    /// <summary>The JSON body of a report, for the API document (the events are read one by one: <see cref="StockBatch"/>).</summary>
    public sealed record StockEventsBody(IReadOnlyList<StockEventBody> Events);

    public sealed record StockEventBody(Guid Id, string Medicine, string Type, int Quantity, DateTimeOffset OccurredAt, string? Reason,
        string? Lot, DateOnly? Expiry, string? OtherFacility, string? Note);

    private static async Task<Results<Ok<SubmitResponse>, ValidationProblem, ProblemHttpResult>> SubmitJson(string facilityId, HttpRequest request,
        HttpContext http, FacilityDirectory directory, IGrainFactory grains, InputBounds bounds, IOptions<StockOptions> stockOptions,
        CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            // As the framework answers for every bound JSON body; a CSV file has its own endpoint.
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The events are JSON: send Content-Type: application/json (a CSV file goes to /stock-events/csv).");
        }
        if (await CheckWriter(facilityId, http, directory, cancellationToken) is { } denied)
        {
            return denied;
        }
        var errors = new ValidationErrors();
        var events = await StockBatch.ReadJsonAsync(request.Body, Rules(bounds, stockOptions.Value), errors, cancellationToken);
        return errors.Any ? errors.ToResult() : TypedResults.Ok(await Submit(facilityId, events, http, grains));
    }

    private static async Task<Results<Ok<SubmitResponse>, ValidationProblem, ProblemHttpResult>> SubmitCsv(string facilityId, HttpRequest request,
        HttpContext http, FacilityDirectory directory, IGrainFactory grains, InputBounds bounds, MedicineCatalog catalog,
        IOptions<StockOptions> stockOptions, CancellationToken cancellationToken)
    {
        if (await CheckWriter(facilityId, http, directory, cancellationToken) is { } denied)
        {
            return denied;
        }
        var errors = new ValidationErrors();
        // A pharmacist's file names medicines as the list shows them, or by code: the list is read once per file.
        var names = new MedicineNames(await catalog.ListAsync(includeRetired: true, cancellationToken));
        var rules = Rules(bounds, stockOptions.Value) with { Medicines = names, IdOptional = true };
        var events = await StockBatch.ReadCsvAsync(request, facilityId, rules, errors, cancellationToken);
        return errors.Any ? errors.ToResult() : TypedResults.Ok(await Submit(facilityId, events, http, grains));
    }

    /// <summary>
    /// The file the upload screen offers: the columns (no id: the server derives one per line) and four example lines
    /// with the medicines this facility's level stocks (by their names on the list) and today's local date, day first.
    /// </summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CsvTemplate(string facilityId, HttpContext http,
        FacilityDirectory directory, MedicineCatalog catalog, IOptions<StockOptions> stockOptions, [FromKeyedServices(Clock.Key)] TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await CheckWriter(facilityId, http, directory, cancellationToken) is { } denied)
        {
            return denied;
        }
        var record = (await directory.FindAsync(facilityId, cancellationToken))!;
        var medicines = (await catalog.ListAsync(includeRetired: false, cancellationToken)).ToList();
        var stocked = medicines.Where(m => m.Levels.Contains(record.Level, StringComparer.Ordinal)).ToList();
        var today = LocalDays.DateOf(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(stockOptions.Value.TimeZone));
        var csv = CsvTemplates.StockEvents(stocked.Count > 0 ? stocked : medicines, today);
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"stock-report-{facilityId}.csv");
    }

    /// <summary>The accepted events to the facility's grain in one call; the answer keeps the batch's order.</summary>
    private static async Task<SubmitResponse> Submit(string facilityId, IReadOnlyList<StockEventParser.Parsed> parsed, HttpContext http,
        IGrainFactory grains)
    {
        var inputs = parsed.Where(p => p.Input is not null).Select(p => p.Input!).ToArray();
        var decided = inputs.Length == 0
            ? []
            : await grains.GetGrain<IFacilityStockGrain>(facilityId).Submit(new StockSubmission(http.User.Subject(), inputs));
        var results = new List<EventResultDto>(parsed.Count);
        var next = 0;
        foreach (var p in parsed)
        {
            var result = EventResultDto.From(p.Rejection ?? decided[next++]);
            results.Add(p.Line is null && p.MedicineName is null
                ? result
                : result with { Line = p.Line, Medicine = p.Input?.Medicine, MedicineName = p.MedicineName });
        }
        return new SubmitResponse(results);
    }

    private static async Task<Results<Ok<FacilityStockDto>, ValidationProblem, ProblemHttpResult>> GetStock(string facilityId, string? asOf,
        HttpContext http, ScopeChecker scope, FacilityDirectory directory, IGrainFactory grains, IOptions<StockOptions> stockOptions,
        [FromKeyedServices(Clock.Key)] TimeProvider clock, InputBounds bounds, CancellationToken cancellationToken)
    {
        if (await CheckReader(facilityId, http, scope, directory, cancellationToken) is { } denied)
        {
            return denied;
        }
        // Today as the grain counts days: the facilities' local day (Stock:TimeZone), which east of UTC may already be
        // tomorrow in UTC terms; a UTC day of slack would also accept tomorrow where it has not begun.
        var today = LocalDays.DateOf(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(stockOptions.Value.TimeZone));
        var errors = new ValidationErrors();
        var day = StockFilters.AsOf(asOf, today, bounds, errors);
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var view = await grains.GetGrain<IFacilityStockGrain>(facilityId).GetStock(day);
        return TypedResults.Ok(new FacilityStockDto(view.Facility, view.AsOf, view.Items));
    }

    private static async Task<Results<Ok<Paged<StockCardLineView>>, ValidationProblem, ProblemHttpResult>> GetCard(string facilityId, string medicine,
        string? from, string? to, [AsParameters] Paging paging, HttpContext http, ScopeChecker scope, FacilityDirectory directory,
        MedicineCatalog catalog, IGrainFactory grains, InputBounds bounds, CancellationToken cancellationToken)
    {
        if (await CheckReader(facilityId, http, scope, directory, cancellationToken) is { } denied)
        {
            return denied;
        }
        var errors = new ValidationErrors();
        var fromAt = StockFilters.Bound(from, "from", endOfDay: false, bounds, errors);
        var toAt = StockFilters.Bound(to, "to", endOfDay: true, bounds, errors);
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

    private static async Task<Results<Ok<Paged<CrossFacilityItemDto>>, ValidationProblem>> ListAcrossFacilities(string? district, string? status,
        string? medicine, [AsParameters] Paging paging, HttpContext http, StockReadModel readModel, StockProjectionCatchUp projection,
        CancellationToken cancellationToken)
    {
        if (status is not null && !WireNames.TryParse<StockStatus>(status, out _))
        {
            return ValidationErrors.For("status", $"status must be one of {string.Join(", ", WireNames<StockStatus>.All)}");
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

    /// <summary>Writers: pharmacists and facility heads whose token names the facility. Unknown facility: 404 after scope.</summary>
    internal static async Task<ProblemHttpResult?> CheckWriter(string facilityId, HttpContext http, FacilityDirectory directory,
        CancellationToken cancellationToken)
    {
        var user = http.User;
        if (!user.HasAnyRole(Reporters) || !user.Facilities().Contains(facilityId))
        {
            return TypedResults.Problem(statusCode: 403, title: "Only a pharmacist or facility head of this facility reports its stock.");
        }
        return await Registered(facilityId, directory, cancellationToken);
    }

    private static async Task<ProblemHttpResult?> CheckReader(string facilityId, HttpContext http, ScopeChecker scope, FacilityDirectory directory,
        CancellationToken cancellationToken)
    {
        if (!await scope.CoversFacilityAsync(http.User, facilityId, cancellationToken))
        {
            return TypedResults.Problem(statusCode: 403, title: "This facility is outside your scope.");
        }
        return await Registered(facilityId, directory, cancellationToken);
    }

    private static async Task<ProblemHttpResult?> Registered(string facilityId, FacilityDirectory directory, CancellationToken cancellationToken) =>
        await directory.FindAsync(facilityId, cancellationToken) is null
            ? TypedResults.Problem(statusCode: 404, title: $"Facility '{facilityId}' is not registered.")
            : null;

    internal static StockEventParser.Rules Rules(InputBounds bounds, StockOptions stock)
    {
        var (from, to) = bounds.ExpiryRange();
        return new StockEventParser.Rules(from, to, TimeZoneInfo.FindSystemTimeZoneById(stock.TimeZone));
    }
}
