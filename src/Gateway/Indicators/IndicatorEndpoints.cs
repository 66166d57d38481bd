using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using MhSupply.Common;
using MhSupply.Gateway.Errors;
using MhSupply.Indicators;
using MhSupply.Reference;
using Microsoft.AspNetCore.Mvc;

namespace MhSupply.Gateway.Indicators;

/// <summary>Indicators per period and place, as JSON or CSV, and an indicator's trend (docs/api.md "Indicators and HMIS export").</summary>
public static class IndicatorEndpoints
{
    /// <summary>A trend covers at most three years of months.</summary>
    public const int MaxTrendPeriods = 36;

    public sealed record IndicatorValueDto(string Indicator,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? Value, decimal? Numerator, decimal? Denominator,
        IReadOnlyDictionary<string, string>? Breakdown);

    public sealed record IndicatorsDto(string Period, string Level, string? Id, IReadOnlyList<IndicatorValueDto> Values);

    public sealed record TrendPointDto(string Period,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] decimal? Value, decimal? Numerator, decimal? Denominator);

    public sealed record TrendDto(string Indicator, string Level, string? Id, IReadOnlyList<TrendPointDto> Points);

    public static readonly string[] CsvColumns = ["period", "level", "id", "indicator", "dimension", "member", "value", "numerator", "denominator"];

    public static RouteGroupBuilder MapIndicatorApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/indicators").WithTags("Indicators");
        group.MapGet("", Get).WithSummary("Every indicator of a period (2026-11, 2026Q4, 2026) for a facility, district, region or the country; &format=csv for CSV.")
            .Produces<IndicatorsDto>().Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/trend", Trend).WithSummary("One indicator over consecutive periods (default: the twelve months to the last complete one).")
            .Produces<TrendDto>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> Get(string? period, string? level, string? id, string? format, HttpContext http,
        FacilityDirectory directory, IndicatorService indicators, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var asked = IndicatorRequest.Period(period, "period", errors);
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            || (format is null && http.Request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true));
        if (format is not null && !csv && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("format", MhSupply.Messages.RequestMessages.Of("request.one_of", ("value", format), ("field", "format"), ("allowed", "json, csv")));
        }
        var (scope, refusal) = await IndicatorRequest.ScopeAsync(level, id, http.User, directory, errors, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var values = await indicators.ValuesAsync(scope!, asked!.Value, cancellationToken);
        var dto = new IndicatorsDto(asked.Value.ToString(), scope!.Level.ToWireName(), scope.Id,
            [.. values.Select(v => new IndicatorValueDto(v.Indicator, v.Value, v.Numerator, v.Denominator, v.Breakdown))]);
        if (!csv)
        {
            return TypedResults.Ok(dto);
        }
        var rows = dto.Values.Select(v => (IReadOnlyList<object?>)
        [
            dto.Period, dto.Level, dto.Id, v.Indicator, v.Breakdown?.Keys.Single(), v.Breakdown?.Values.Single(), v.Value, v.Numerator, v.Denominator,
        ]);
        var name = $"indicators-{dto.Level}{(dto.Id is null ? "" : "-" + dto.Id)}-{dto.Period}.csv";
        return TypedResults.File(Encoding.UTF8.GetBytes(CsvText.Write(CsvColumns, rows)), "text/csv; charset=utf-8", name);
    }

    private static async Task<IResult> Trend(string? indicator, string? level, string? id, string? from, string? to, HttpContext http,
        FacilityDirectory directory, IndicatorService indicators,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var definition = IndicatorCatalog.Find(indicator);
        if (definition is null)
        {
            errors.Add("indicator", IndicatorMessages.Of("indicator.unknown", ("value", indicator ?? ""), ("allowed", string.Join(", ", IndicatorCatalog.Codes))));
        }
        // Default: the twelve months up to the last complete one (the current month is still being reported).
        var lastComplete = IndicatorPeriod.Month(directory.Today()).Previous();
        var end = to is null ? lastComplete : IndicatorRequest.Period(to, "to", errors);
        var start = from is null ? end?.Shift(-11) : IndicatorRequest.Period(from, "from", errors);
        var periods = start is { } s && end is { } e ? IndicatorPeriod.Range(s, e) : [];
        if (start is not null && end is not null && (periods.Count == 0 || periods.Count > MaxTrendPeriods))
        {
            errors.Add("from", IndicatorMessages.Of("indicator.range_invalid", ("from", start.Value.ToString()), ("to", end.Value.ToString()), ("max", MaxTrendPeriods)));
        }
        var (scope, refusal) = await IndicatorRequest.ScopeAsync(level, id, http.User, directory, errors, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var values = await indicators.ValuesAsync(scope!, periods, [definition!.Code], cancellationToken);
        var points = periods.Select(p =>
        {
            var whole = values[p].FirstOrDefault(v => v.Breakdown is null);
            return new TrendPointDto(p.ToString(), whole?.Value, whole?.Numerator, whole?.Denominator);
        }).ToList();
        return TypedResults.Ok(new TrendDto(definition.Code, scope!.Level.ToWireName(), scope.Id, points));
    }
}
