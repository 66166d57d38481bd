namespace MhSupply.Stock;

/// <summary>
/// Consumption, months of stock and status of a card (docs/domain.md, "Consumption, months of stock and status";
/// definitions of the JSI/USAID DELIVER Logistics Handbook as used by OpenLMIS). Every figure is as at the end of the
/// as-of day in facility local time and uses only events that occurred by then.
/// </summary>
public static class StockCalculator
{
    /// <summary>Days in an average month (365.25 ÷ 12), for the projected stock-out date.</summary>
    public const decimal DaysPerMonth = 30.4375m;

    /// <summary>
    /// Decisions (status boundaries, rounding up, whole days) are taken on values rounded to this many places, so
    /// that division noise cannot flip a status or add a unit to an order: AMC 29 ÷ 3 is held as 9.66…67, so 3 × AMC
    /// computes as 29.00…01 and 29 ÷ AMC as 2.99…99.
    /// </summary>
    private const int DecisionDecimals = 10;

    /// <param name="medicine">The card's medicine, for its configured minimum when the card has no line yet to name it.</param>
    public static StockFigures Compute(StockCard card, DateOnly asOf, StockPolicy policy, StockCalculationOptions? options = null,
        StockPipeline? pipeline = null, string? medicine = null)
    {
        options ??= StockCalculationOptions.Default;
        pipeline ??= StockPipeline.None;
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }
        var zone = options.TimeZone;
        if (card.History is { } history && !string.Equals(history.ZoneId, zone.Id, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The card's history is kept in {history.ZoneId}, not {zone.Id}.", nameof(options));
        }
        if (!card.CanAnswer(asOf))
        {
            throw new ArgumentException($"The card folded its lines through {card.History!.ThroughDay}; figures as of {asOf} need the ledger.", nameof(asOf));
        }
        var minimum = options.MinimumSuggestionFor(card.Medicine ?? medicine);
        var known = card.CountBefore(LocalDays.EndOf(asOf, zone));
        if (known == 0 && card.History is null)
        {
            // No ledger yet as at that day: nothing was stocked out, there is just no card to judge.
            return new StockFigures(asOf, 0, null, null, StockStatus.Unknown, 0, null,
                Suggestion(0, PlanDemand.Effective(null, pipeline.PlanDemand), policy, 0, 0, pipeline.Coming, minimum), null, [], [], [], [])
            {
                Pipeline = pipeline,
            };
        }

        var soh = card.BalanceAfter(known);
        var firstDay = LocalDays.DateOf(card.FirstOccurredAt!.Value, zone);
        var thisMonth = Month(card, asOf.Year, asOf.Month, zone, firstDay, asOf);
        var basis = AmcBasis(card, asOf, zone, firstDay, options);
        decimal? amc = basis.Count == 0 ? null : basis.Sum(m => m.AdjustedConsumption!.Value) / basis.Count;
        // Demand is the larger of what was consumed and what the active treatment plans will take (issue 18, item 3).
        var demand = PlanDemand.Effective(amc, pipeline.PlanDemand);
        var lots = card.LotsAfter(known);
        var warnUntil = asOf.AddDays(options.ExpiryWarningDays);
        LotBalance[] expired = [.. lots.Where(l => l.Expiry is { } expiry && expiry < asOf)];

        return new StockFigures(
            asOf,
            soh,
            amc,
            MonthsOfStock(soh, amc),
            StatusFor(soh, amc, policy),
            thisMonth.StockoutDays,
            ProjectedStockoutDate(asOf, soh, demand),
            Suggestion(soh, demand, policy, ExpiryBeforeUse.Units(lots, demand, asOf), expired.Sum(l => l.Soh), pipeline.Coming, minimum),
            known > 0 ? card.EntryAt(known - 1).Event.OccurredAt : card.History!.LastOccurredAt,
            lots,
            [.. lots.Where(l => l.Expiry is { } expiry && expiry >= asOf && expiry <= warnUntil)],
            expired,
            basis)
        {
            Pipeline = pipeline,
        };
    }

    /// <summary>
    /// One calendar month of a card in the facility's local days, up to <paramref name="through"/> when given
    /// (events after that day are ignored).
    /// </summary>
    public static MonthlyConsumption ConsumptionInMonth(StockCard card, int year, int month, TimeZoneInfo? zone = null, DateOnly? through = null)
    {
        zone ??= TimeZoneInfo.Utc;
        DateOnly? firstDay = card.FirstOccurredAt is { } first ? LocalDays.DateOf(first, zone) : null;
        return Month(card, year, month, zone, firstDay, through);
    }

    /// <summary>MOS = SOH ÷ AMC; null when AMC is unknown or 0 (months of stock are then unbounded, not a number).</summary>
    public static decimal? MonthsOfStock(int soh, decimal? amc) =>
        amc is > 0 ? Math.Round(soh / amc.Value, DecisionDecimals) : null;

    /// <summary>
    /// Max-min status. No stock is stocked out whatever the history; with no usable history the rest is unknown.
    /// AMC 0 with stock on hand is <see cref="StockStatus.Ok"/>, our choice: nothing was consumed in the months
    /// considered (a reserve kept for emergencies, say), nothing needs ordering and nothing will run out, whereas
    /// "overstocked" would flag every slow mover and invite sending away stock that is there on purpose.
    /// </summary>
    public static StockStatus StatusFor(int soh, decimal? amc, StockPolicy policy)
    {
        if (soh <= 0)
        {
            return StockStatus.StockedOut;
        }
        if (amc is null)
        {
            return StockStatus.Unknown;
        }
        if (MonthsOfStock(soh, amc) is not { } mos)
        {
            return StockStatus.Ok;
        }
        if (mos < policy.EmergencyOrderPoint)
        {
            return StockStatus.BelowEop;
        }
        if (mos < policy.Min)
        {
            return StockStatus.BelowMin;
        }
        return mos <= policy.Max ? StockStatus.Ok : StockStatus.Overstocked;
    }

    /// <summary>
    /// An emergency order (issue 18, item 2): the card is below its emergency order point, stocked out included, so the
    /// order cannot wait for the review period.
    /// </summary>
    public static bool IsEmergency(StockStatus status) => status is StockStatus.StockedOut or StockStatus.BelowEop;

    /// <summary>
    /// Max × demand − SOH − what is coming (on order and in transit) + what will expire before it can be used
    /// (<see cref="ExpiryBeforeUse"/>), never negative, rounded up to whole units (max-min order quantity); null when demand
    /// is unknown. Demand is the larger of AMC and the plans' demand (<see cref="PlanDemand.Effective"/>).
    /// </summary>
    public static int? SuggestedOrder(int soh, decimal? amc, StockPolicy policy, int expiringBeforeUse = 0, int coming = 0)
    {
        if (amc is not { } monthly)
        {
            return null;
        }
        var shortfall = Math.Round((policy.Max * monthly) - soh - coming + expiringBeforeUse, DecisionDecimals);
        return shortfall <= 0 ? 0 : (int)Math.Min(Math.Ceiling(shortfall), int.MaxValue);
    }

    /// <summary>
    /// The suggested order of a card: <see cref="SuggestedOrder"/> while there is demand to go on. With none (no AMC, or AMC 0,
    /// and no plan demand) max × demand says nothing, and a card at 0 would be suggested nothing; the configured minimum
    /// (<see cref="StockCalculationOptions.MinimumSuggestionFor"/>) is then the stock to hold: minimum − usable SOH (expired
    /// lots do not count) − what is coming, never negative. Lots that may expire unused are not added back here: with no
    /// demand every dated lot would count as waste and the minimum would be ordered again on top of good stock.
    /// </summary>
    public static int? Suggestion(int soh, decimal? demand, StockPolicy policy, int expiringBeforeUse, int expiredOnHand, int coming, int? minimum) =>
        demand is not > 0 && minimum is { } floor
            ? (int)Math.Max(0L, (long)floor - Math.Max(0, soh - expiredOnHand) - coming)
            : SuggestedOrder(soh, demand, policy, expiringBeforeUse, coming);

    /// <summary>
    /// As-of day + SOH ÷ (AMC ÷ 30.4375) days, whole days counted down (the earlier date is the safer warning); null when
    /// AMC is unknown or 0 (nothing is running out) or the date would be beyond the calendar.
    /// </summary>
    public static DateOnly? ProjectedStockoutDate(DateOnly asOf, int soh, decimal? amc)
    {
        if (amc is not > 0)
        {
            return null;
        }
        var days = Math.Floor(Math.Round(soh * DaysPerMonth / amc.Value, DecisionDecimals));
        return days > DateOnly.MaxValue.DayNumber - asOf.DayNumber ? null : asOf.AddDays((int)days);
    }

    /// <summary>
    /// The last <see cref="StockCalculationOptions.AmcMonths"/> complete months before the as-of month that have data,
    /// newest first, looking back at most <see cref="StockCalculationOptions.AmcLookbackMonths"/> months and never
    /// before the card began. A month stocked out all month is skipped (JSI: no usable consumption); a month with
    /// stock and no issues is data, consumption 0.
    /// </summary>
    private static List<MonthlyConsumption> AmcBasis(StockCard card, DateOnly asOf, TimeZoneInfo zone, DateOnly firstDay, StockCalculationOptions options)
    {
        var basis = new List<MonthlyConsumption>(options.AmcMonths);
        var month = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-1);
        for (var examined = 0; examined < options.AmcLookbackMonths && basis.Count < options.AmcMonths; examined++)
        {
            if (month.AddMonths(1) <= firstDay)
            {
                break;
            }
            var consumption = card.CompleteMonth(zone, month.Year, month.Month, (card, month, zone, firstDay),
                static a => Month(a.card, a.month.Year, a.month.Month, a.zone, a.firstDay, through: null));
            if (consumption.HasData)
            {
                basis.Add(consumption);
            }
            month = month.AddMonths(-1);
        }
        return basis;
    }

    /// <summary>
    /// Walks the month's local days once, reading each day's closing balance from the ledger (<see cref="CardDayWalk"/>,
    /// <see cref="MonthTally"/>). Stock-out days are days on the card whose closing balance was 0; a day before the card's
    /// first event is not a stock-out. On a folded card the months before its history's day come from the history, and
    /// that day's month starts from the days the history added up.
    /// </summary>
    private static MonthlyConsumption Month(StockCard card, int year, int month, TimeZoneInfo zone, DateOnly? firstDay, DateOnly? through)
    {
        var first = new DateOnly(year, month, 1);
        var last = first.AddDays(DateTime.DaysInMonth(year, month) - 1);
        if (through is { } limit && limit < last)
        {
            last = limit;
        }
        var tally = default(MonthTally);
        var from = first;
        if (card.History is { } history)
        {
            var open = new DateOnly(history.ThroughDay.Year, history.ThroughDay.Month, 1);
            if (first < open)
            {
                return history.Month(year, month)
                    ?? (firstDay is { } began && first.AddMonths(1) <= began
                        ? tally.ToMonth(year, month)
                        : throw new ArgumentException($"The card keeps no figures for {year}-{month:00}; they need the ledger.", nameof(month)));
            }
            if (first == open)
            {
                if (last < history.ThroughDay)
                {
                    throw new ArgumentException($"The card folded its lines through {history.ThroughDay}; {last} needs the ledger.", nameof(through));
                }
                (tally, from) = (MonthTally.From(history.OpenMonth), history.ThroughDay.AddDays(1));
            }
        }
        var walk = new CardDayWalk(card, from, zone);
        for (var day = from; day <= last; day = day.AddDays(1))
        {
            var (closing, issued) = walk.Next();
            tally.Add(day, closing, issued, firstDay);
        }
        return tally.ToMonth(year, month);
    }
}
