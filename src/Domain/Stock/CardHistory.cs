namespace MhSupply.Stock;

/// <summary>
/// What a <see cref="StockCard"/> keeps of the lines it folded away (<see cref="StockCard.FoldThrough"/>): the state they
/// left, and the figures of their months that AMC and the stock-out days still read. Every line that occurred before the
/// end of <see cref="ThroughDay"/> (a local day of <see cref="ZoneId"/>) is folded, and none after it. The ledger keeps
/// the lines themselves; a late event before the end of <see cref="ThroughDay"/> is decided on a card rebuilt from it.
/// </summary>
/// <param name="FirstOccurredAt">The card's first line ever: the days before it are not on the card.</param>
/// <param name="Lines">How many lines were folded.</param>
/// <param name="LastOccurredAt">When the last folded line occurred (the card's last event when it holds no line).</param>
/// <param name="Balance">Stock on hand after the last folded line.</param>
/// <param name="Lots">Lots after the last folded line, first expiry first.</param>
/// <param name="Months">Complete months before <see cref="ThroughDay"/>'s month, oldest first, as far back as AMC can look.</param>
/// <param name="OpenMonth">
/// <see cref="ThroughDay"/>'s month through that day: its days on the card, stock-out days and consumption so far
/// (<see cref="MonthlyConsumption.AdjustedConsumption"/> unused).
/// </param>
public sealed record CardHistory(
    string ZoneId,
    DateOnly ThroughDay,
    DateTimeOffset FirstOccurredAt,
    long Lines,
    DateTimeOffset LastOccurredAt,
    int Balance,
    IReadOnlyList<LotBalance> Lots,
    IReadOnlyList<MonthlyConsumption> Months,
    MonthlyConsumption OpenMonth)
{
    /// <summary>The instant from which the card holds its lines: the start of the day after <see cref="ThroughDay"/>.</summary>
    public DateTimeOffset HeldFrom(TimeZoneInfo zone) => LocalDays.EndOf(ThroughDay, zone);

    public MonthlyConsumption? Month(int year, int month)
    {
        foreach (var m in Months)
        {
            if (m.Year == year && m.Month == month)
            {
                return m;
            }
        }
        return null;
    }
}
