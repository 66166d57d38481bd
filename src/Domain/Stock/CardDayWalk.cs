namespace MhSupply.Stock;

/// <summary>
/// Walks a card's local days in order from a given day, reading each day's closing balance and issues from the lines the
/// card holds (the state before them is the folded history's). One pass, no allocation: the monthly figures and the fold
/// both walk every day of the months they cover.
/// </summary>
internal struct CardDayWalk
{
    private readonly StockCard _card;
    private readonly TimeZoneInfo _zone;
    private readonly bool _fixedDays;
    private DateOnly _day;
    private DateTimeOffset _end;
    private int _index;
    private int _balance;

    public CardDayWalk(StockCard card, DateOnly from, TimeZoneInfo zone)
    {
        _card = card;
        _zone = zone;
        // In a zone with one offset every local day is 24 hours long: step by a day instead of asking the zone each time.
        _fixedDays = LocalDays.HasOneOffset(zone);
        _day = from;
        _end = LocalDays.StartOf(from, zone);
        _index = card.CountBefore(_end);
        _balance = card.BalanceAfter(_index);
    }

    /// <summary>How many held lines the days walked so far cover.</summary>
    public readonly int LinesWalked => _index;

    /// <summary>The current day's closing balance and issued quantity; then moves to the next day.</summary>
    public (int Closing, long Issued) Next()
    {
        _end = _fixedDays ? _end.AddDays(1) : LocalDays.EndOf(_day, _zone);
        long issued = 0;
        for (; _index < _card.Count && _card.EntryAt(_index).Event.OccurredAt < _end; _index++)
        {
            var entry = _card.EntryAt(_index);
            _balance = entry.Balance;
            if (entry.Event.Type == StockEventType.Issue)
            {
                issued += entry.Event.Quantity;
            }
        }
        _day = _day.AddDays(1);
        return (_balance, issued);
    }
}

/// <summary>A month's days added up as they are walked: days on the card, stock-out days, consumption.</summary>
internal struct MonthTally
{
    public int DaysOnCard;
    public int StockoutDays;
    public long Consumption;

    public static MonthTally From(MonthlyConsumption partial) =>
        new() { DaysOnCard = partial.DaysOnCard, StockoutDays = partial.StockoutDays, Consumption = partial.Consumption };

    /// <summary>A day before the card's first event is not on the card, so it is not a stock-out either.</summary>
    public void Add(DateOnly day, int closing, long issued, DateOnly? firstDay)
    {
        Consumption += issued;
        if (firstDay is { } began && day >= began)
        {
            DaysOnCard++;
            if (closing == 0)
            {
                StockoutDays++;
            }
        }
    }

    public readonly MonthlyConsumption ToMonth(int year, int month) =>
        MonthlyConsumption.Of(year, month, DaysOnCard, StockoutDays, Consumption);
}
