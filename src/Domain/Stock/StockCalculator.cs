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

    public static StockFigures Compute(StockCard card, DateOnly asOf, StockPolicy policy, StockCalculationOptions? options = null)
    {
        options ??= StockCalculationOptions.Default;
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }
        var zone = options.TimeZone;
        var known = card.CountBefore(LocalDays.EndOf(asOf, zone));
        if (known == 0)
        {
            // No ledger yet as at that day: nothing was stocked out, there is just no card to judge.
            return new StockFigures(asOf, 0, null, null, StockStatus.Unknown, 0, null, null, null, [], [], [], []);
        }

        var soh = card.BalanceAfter(known);
        var firstDay = LocalDays.DateOf(card.EntryAt(0).Event.OccurredAt, zone);
        var thisMonth = Month(card, asOf.Year, asOf.Month, zone, firstDay, asOf);
        var basis = AmcBasis(card, asOf, zone, firstDay, options);
        decimal? amc = basis.Count == 0 ? null : basis.Sum(m => m.AdjustedConsumption!.Value) / basis.Count;
        var lots = card.LotsAfter(known);
        var warnUntil = asOf.AddDays(options.ExpiryWarningDays);

        return new StockFigures(
            asOf,
            soh,
            amc,
            MonthsOfStock(soh, amc),
            StatusFor(soh, amc, policy),
            thisMonth.StockoutDays,
            ProjectedStockoutDate(asOf, soh, amc),
            SuggestedOrder(soh, amc, policy),
            card.EntryAt(known - 1).Event.OccurredAt,
            lots,
            [.. lots.Where(l => l.Expiry is { } expiry && expiry >= asOf && expiry <= warnUntil)],
            [.. lots.Where(l => l.Expiry is { } expiry && expiry < asOf)],
            basis);
    }

    /// <summary>
    /// One calendar month of a card in the facility's local days, up to <paramref name="through"/> when given
    /// (events after that day are ignored).
    /// </summary>
    public static MonthlyConsumption ConsumptionInMonth(StockCard card, int year, int month, TimeZoneInfo? zone = null, DateOnly? through = null)
    {
        zone ??= TimeZoneInfo.Utc;
        DateOnly? firstDay = card.Count == 0 ? null : LocalDays.DateOf(card.EntryAt(0).Event.OccurredAt, zone);
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

    /// <summary>Max × AMC − SOH, never negative, rounded up to whole units (max-min order quantity); null when AMC is unknown.</summary>
    public static int? SuggestedOrder(int soh, decimal? amc, StockPolicy policy)
    {
        if (amc is not { } monthly)
        {
            return null;
        }
        var shortfall = Math.Round((policy.Max * monthly) - soh, DecisionDecimals);
        return shortfall <= 0 ? 0 : (int)Math.Min(Math.Ceiling(shortfall), int.MaxValue);
    }

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
    /// Walks the month's local days once, reading each day's closing balance from the ledger. Stock-out days are
    /// days on the card whose closing balance was 0; a day before the card's first event is not a stock-out.
    /// Adjusted consumption = consumption × days in month ÷ days with stock (JSI Logistics Handbook, adjusted
    /// consumption): days before the card began count, like stock-out days, as days nobody could dispense from the
    /// card, which is the handbook's formula whenever the card covers the whole month.
    /// </summary>
    private static MonthlyConsumption Month(StockCard card, int year, int month, TimeZoneInfo zone, DateOnly? firstDay, DateOnly? through)
    {
        var first = new DateOnly(year, month, 1);
        var daysInMonth = DateTime.DaysInMonth(year, month);
        var last = first.AddDays(daysInMonth - 1);
        if (through is { } limit && limit < last)
        {
            last = limit;
        }

        var start = LocalDays.StartOf(first, zone);
        var index = card.CountBefore(start);
        var balance = card.BalanceAfter(index);
        long consumption = 0;
        int onCard = 0, stockout = 0;
        // In a zone with one offset every local day is 24 hours long: step by a day instead of asking the zone each time.
        var fixedDays = LocalDays.HasOneOffset(zone);
        var end = start;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            end = fixedDays ? end.AddDays(1) : LocalDays.EndOf(day, zone);
            for (; index < card.Count && card.EntryAt(index).Event.OccurredAt < end; index++)
            {
                var entry = card.EntryAt(index);
                balance = entry.Balance;
                if (entry.Event.Type == StockEventType.Issue)
                {
                    consumption += entry.Event.Quantity;
                }
            }
            if (firstDay is { } began && day >= began)
            {
                onCard++;
                if (balance == 0)
                {
                    stockout++;
                }
            }
        }

        var withStock = onCard - stockout;
        decimal? adjusted = withStock > 0 ? (decimal)consumption * daysInMonth / withStock : null;
        return new MonthlyConsumption(year, month, daysInMonth, onCard, stockout, consumption, adjusted);
    }
}
