namespace MhSupply.Stock;

/// <summary>
/// The units on hand that will expire before the facility can use them (issue 18, item 2): the suggested order adds them
/// back, since counting them as cover would leave the shelf short the day they are written off. Lots are used first
/// expiry first out at AMC per month from the as-of day; a lot is usable through the day before its expiry; stock with no
/// expiry is used last and never expires. An expired lot still on the shelf is all waste.
/// </summary>
public static class ExpiryBeforeUse
{
    public static int Units(IEnumerable<LotBalance> lots, decimal? amc, DateOnly asOf)
    {
        var expiring = lots.Where(l => l.Soh > 0 && l.Expiry is not null).OrderBy(l => l.Expiry).ToList();
        if (expiring.Count == 0)
        {
            return 0;
        }
        var perDay = amc is > 0 ? amc.Value / StockCalculator.DaysPerMonth : 0m;
        var busyUntil = 0m; // days from asOf by which the earlier-expiring lots are used up
        var wasted = 0m;
        foreach (var lot in expiring)
        {
            var usableDays = Math.Max(0m, lot.Expiry!.Value.DayNumber - asOf.DayNumber - busyUntil);
            var used = Math.Min(lot.Soh, Math.Round(usableDays * perDay, 10));
            wasted += lot.Soh - used;
            busyUntil += perDay > 0 ? used / perDay : 0m;
        }
        return (int)Math.Min(Math.Ceiling(Math.Round(wasted, 10)), int.MaxValue);
    }
}
