using MhSupply.Reference;

namespace MhSupply.Stock;

/// <summary>
/// The facility as its stock sees it: the registry's record (re-read by the projection, which needs the current one),
/// the max-min policy of its level and the calculation settings. Shared by the grain's parts, so a re-read record reaches
/// the next commit's marker and the next projection's rows.
/// </summary>
internal sealed class StockFacility(string id, FacilityRecord record, StockPolicy policy, StockCalculationOptions calculation, int lateDays)
{
    public string Id { get; } = id;

    public FacilityRecord Record { get; set; } = record;

    public StockPolicy Policy { get; } = policy;

    public StockCalculationOptions Calculation { get; } = calculation;

    /// <summary>The facility's local day at <paramref name="at"/>: days close at Stock:TimeZone's midnight.</summary>
    public DateOnly DayOf(DateTimeOffset at) => LocalDays.DateOf(at, Calculation.TimeZone);

    /// <summary>
    /// The last day whose lines the cards fold away at <paramref name="now"/>: they hold today's and the Stock:LateDays days
    /// before, so a report that late is decided in memory; an older one reads its card's lines from the ledger.
    /// </summary>
    public DateOnly FoldDay(DateTimeOffset now) => DayOf(now).AddDays(-(lateDays + 1));
}
