namespace MhSupply.Stock;

/// <summary>One facility's card as redistribution reads it: its figures as of today and its level's thresholds.</summary>
/// <param name="Coming">Units its orders bring (approved or shipped to it, not yet received): less to send it.</param>
/// <param name="Promised">Units it has been approved to ship to others and has not shipped: no longer its to give.</param>
public sealed record RedistributionCard(string Facility, string Medicine, int Soh, decimal? Amc, StockStatus Status, StockPolicy Policy,
    IReadOnlyList<LotBalance> Lots, int Coming = 0, int Promised = 0);

/// <summary>Why a source can give: it holds more than its maximum, or lots it will not use before they expire.</summary>
public enum RedistributionReason
{
    Surplus = 1,
    ExpiringBeforeUse,
}

/// <summary>Move <see cref="Quantity"/> of the medicine from one facility to another of the same district.</summary>
public sealed record RedistributionSuggestion(string Medicine, string From, string To, int Quantity, RedistributionReason Why);

/// <summary>
/// Redistribution within a district (issue 18, item 4): stock that would sit above a facility's maximum or expire on its
/// shelf goes to a facility of the same district that is stocked out or below its emergency order point, before anyone
/// orders more. Per medicine:
/// <list type="bullet">
/// <item>A receiver is a card stocked out or below EOP with a known AMC. It needs its suggested order, max × AMC − SOH
/// plus what it holds that will expire before use. A card with no consumption history has no need to compute.</item>
/// <item>A source is a card with a known AMC that is overstocked, or that holds unexpired lots it will not use before
/// they expire. It can give down to its minimum, min × AMC rounded up, and never below it. An expired lot is never
/// given.</item>
/// <item>The most urgent receivers are served first: stocked out, then by months of stock. Sources with expiring lots
/// give first, since that stock is lost otherwise, and then the largest. Each pair gets one suggestion.</item>
/// </list>
/// </summary>
public static class Redistribution
{
    public static IReadOnlyList<RedistributionSuggestion> Suggest(IEnumerable<RedistributionCard> cards, DateOnly asOf)
    {
        var suggestions = new List<RedistributionSuggestion>();
        foreach (var medicine in cards.GroupBy(c => c.Medicine, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var receivers = medicine
                .Where(c => c.Status is StockStatus.StockedOut or StockStatus.BelowEop && c.Amc is > 0)
                .Select(c => (Card: c, Need: Need(c, asOf)))
                .Where(r => r.Need > 0)
                .OrderBy(r => r.Card.Status == StockStatus.StockedOut ? 0 : 1)
                .ThenBy(r => StockCalculator.MonthsOfStock(r.Card.Soh, r.Card.Amc))
                .ThenBy(r => r.Card.Facility, StringComparer.Ordinal)
                .ToList();
            var sources = medicine
                .Select(c => Offer(c, asOf))
                .Where(o => o.Quantity > 0)
                .OrderBy(o => o.Why == RedistributionReason.ExpiringBeforeUse ? 0 : 1)
                .ThenByDescending(o => o.Quantity)
                .ThenBy(o => o.Card.Facility, StringComparer.Ordinal)
                .ToList();
            var left = sources.Select(s => s.Quantity).ToArray();
            foreach (var (card, need) in receivers)
            {
                var wanted = need;
                for (var i = 0; i < sources.Count && wanted > 0; i++)
                {
                    var give = Math.Min(wanted, left[i]);
                    if (give <= 0 || sources[i].Card.Facility == card.Facility)
                    {
                        continue;
                    }
                    suggestions.Add(new RedistributionSuggestion(medicine.Key, sources[i].Card.Facility, card.Facility, give, sources[i].Why));
                    left[i] -= give;
                    wanted -= give;
                }
            }
        }
        return suggestions;
    }

    /// <summary>The receiver's suggested order (<see cref="StockCalculator.SuggestedOrder"/>), less what its orders already bring.</summary>
    private static int Need(RedistributionCard c, DateOnly asOf) =>
        StockCalculator.SuggestedOrder(c.Soh, c.Amc, c.Policy, ExpiryBeforeUse.Units(c.Lots, c.Amc, asOf), c.Coming) ?? 0;

    /// <summary>
    /// The most a district may move out of a card by one action and still leave the source its minimum: SOH less the
    /// expired lots (they go to a write-off, not to a neighbour), less what it has promised others and not shipped, less
    /// min × AMC rounded up (<see cref="Keeps"/>); with no AMC no minimum is known, and only what is usable bounds it.
    /// Never negative.
    /// </summary>
    public static int Givable(RedistributionCard c, DateOnly asOf) =>
        Math.Max(0, c.Soh - c.Lots.Where(l => l.Expiry is { } e && e < asOf).Sum(l => l.Soh) - c.Promised - Keeps(c.Policy, c.Amc));

    /// <summary>The units a source keeps: its minimum in months × AMC, rounded up; 0 when AMC is unknown.</summary>
    public static int Keeps(StockPolicy policy, decimal? amc) => amc is { } a ? (int)Math.Ceiling(Math.Round(policy.Min * a, 10)) : 0;

    /// <summary>What a source can give and why; 0 when it is neither overstocked nor holding stock it will lose.</summary>
    private static (RedistributionCard Card, int Quantity, RedistributionReason Why) Offer(RedistributionCard c, DateOnly asOf)
    {
        if (c.Amc is not { } amc || c.Status is StockStatus.StockedOut or StockStatus.BelowEop)
        {
            return (c, 0, RedistributionReason.Surplus);
        }
        var usable = c.Lots.Where(l => l.Expiry is not { } e || e >= asOf).ToList();
        var givable = Givable(c, asOf);
        var expiring = ExpiryBeforeUse.Units(usable, amc, asOf);
        if (expiring > 0)
        {
            return (c, Math.Min(expiring, givable), RedistributionReason.ExpiringBeforeUse);
        }
        return c.Status == StockStatus.Overstocked ? (c, givable, RedistributionReason.Surplus) : (c, 0, RedistributionReason.Surplus);
    }
}
