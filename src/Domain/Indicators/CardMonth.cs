using MhSupply.Stock;

namespace MhSupply.Indicators;

/// <summary>
/// A stock card's figures at the end of one month (<see cref="AsOf"/>: the month's last day, or today for the month in
/// progress): what the stock indicators count, kept per card and month so a national month is read from 99,000 rows,
/// not derived from millions of ledger lines.
/// </summary>
public sealed record CardMonth(DateOnly Period, DateOnly AsOf, int Soh, StockStatus Status, int StockoutDays);

/// <summary>The months of a card whose figures can be (re)written from what the card holds, and those figures.</summary>
public static class CardMonths
{
    /// <summary>
    /// One <see cref="CardMonth"/> per month from the card's first line (or, for a card that folded its older lines, the
    /// month its held lines begin in) through the month of <paramref name="today"/>. A card holding every line answers
    /// all its months, which is how a late report older than the held lines rewrites the months it changed; a folded
    /// card answers the months it still can, which covers the month just ended during its first days (the fold keeps
    /// Stock:LateDays days), so each month is closed by the projection that follows its last day.
    /// </summary>
    /// <param name="current">The card's figures as of <paramref name="today"/> when the caller has them (the projection
    /// does): the month in progress reuses them instead of computing them again.</param>
    public static IReadOnlyList<CardMonth> Of(StockCard card, DateOnly today, StockPolicy policy, StockCalculationOptions options,
        StockFigures? current = null)
    {
        if (card.FirstOccurredAt is not { } first)
        {
            return [];
        }
        var firstDay = LocalDays.DateOf(first, options.TimeZone);
        var from = card.History is { } history && history.ThroughDay > firstDay ? history.ThroughDay : firstDay;
        if (from > today)
        {
            return [];
        }
        var months = new List<CardMonth>();
        for (var month = new DateOnly(from.Year, from.Month, 1); month <= today; month = month.AddMonths(1))
        {
            var asOf = Min(month.AddMonths(1).AddDays(-1), today);
            if (!card.CanAnswer(asOf))
            {
                continue;
            }
            var figures = asOf == today && current?.AsOf == today ? current : StockCalculator.Compute(card, asOf, policy, options);
            months.Add(new CardMonth(month, asOf, figures.Soh, figures.Status, figures.StockoutDaysThisMonth));
        }
        return months;
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
