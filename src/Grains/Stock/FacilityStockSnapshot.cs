namespace MhSupply.Stock;

/// <summary>
/// A facility's stock as kept in grain storage (<see cref="GrainStorage.Name"/>, AdoNet or Azure Blob): per card, what it
/// folded away (<see cref="CardHistory"/>), and the ledger position covered. Not the truth, a shortcut to it: an
/// activation reads this, each card's lines after its history and the events after <see cref="Position"/>,
/// and rebuilds from the ledger whatever does not agree with it (<see cref="FacilityCardLoader"/>). No event is stored
/// here: the lines still held are re-read from the ledger, so a snapshot stays a few kilobytes whatever the load.
/// </summary>
[GenerateSerializer, Alias("mh.FacilityStockSnapshot")]
public sealed class FacilityStockSnapshot
{
    /// <summary>
    /// The layout of this class and of the fold it stores; 0 for a facility that never wrote one. A different one is rebuilt
    /// from the ledger. 2: a debit naming no lot no longer takes from lots expired on its day first (FEFO over unexpired
    /// lots), so the lots a format-1 history left may differ from what its ledger folds to now.
    /// </summary>
    public const int CurrentFormat = 2;

    [Id(0)] public int Format { get; set; }

    /// <summary>The time zone the days and months were counted in (Stock:TimeZone when written).</summary>
    [Id(1)] public string Zone { get; set; } = "";

    /// <summary>How many complete months each card keeps (Stock's AMC lookback when written).</summary>
    [Id(2)] public int KeptMonths { get; set; }

    /// <summary>The facility's fold day when written: no card folded further (one being backfilled may have folded less).</summary>
    [Id(3)] public DateOnly ThroughDay { get; set; }

    /// <summary>The ledger position of the last event covered (0: none), and that event's id.</summary>
    [Id(4)] public long Position { get; set; }

    [Id(5)] public Guid LastEventId { get; set; }

    [Id(6)] public List<CardSnapshot> Cards { get; set; } = [];

    /// <summary>The months the covered events report for, with when each was first recorded.</summary>
    [Id(7)] public List<ReportedPeriodSnapshot> Periods { get; set; } = [];

    /// <summary>Stock:IssueFromExpiredLots when written: the lots folded under the other rule may differ.</summary>
    [Id(8)] public bool IssueFromExpiredLots { get; set; }
}

[GenerateSerializer, Alias("mh.CardSnapshot")]
public sealed class CardSnapshot
{
    [Id(0)] public string Medicine { get; set; } = "";

    /// <summary>Null for a card that holds every line (none before the fold day, or one taking late reports): all are re-read.</summary>
    [Id(1)] public CardHistorySnapshot? History { get; set; }
}

[GenerateSerializer, Alias("mh.CardHistorySnapshot")]
public sealed class CardHistorySnapshot
{
    [Id(0)] public DateTimeOffset FirstOccurredAt { get; set; }

    [Id(1)] public long Lines { get; set; }

    [Id(2)] public DateTimeOffset LastOccurredAt { get; set; }

    [Id(3)] public int Balance { get; set; }

    [Id(4)] public List<LotSnapshot> Lots { get; set; } = [];

    [Id(5)] public List<MonthSnapshot> Months { get; set; } = [];

    [Id(6)] public MonthSnapshot OpenMonth { get; set; } = new();

    /// <summary>The local day through which this card folded its lines.</summary>
    [Id(7)] public DateOnly ThroughDay { get; set; }

    public static CardHistorySnapshot From(CardHistory h) => new()
    {
        ThroughDay = h.ThroughDay,
        FirstOccurredAt = h.FirstOccurredAt,
        Lines = h.Lines,
        LastOccurredAt = h.LastOccurredAt,
        Balance = h.Balance,
        Lots = [.. h.Lots.Select(l => new LotSnapshot { Lot = l.Lot, Expiry = l.Expiry, Soh = l.Soh })],
        Months = [.. h.Months.Select(MonthSnapshot.From)],
        OpenMonth = MonthSnapshot.From(h.OpenMonth),
    };

    public CardHistory ToHistory(string zone) => new(zone, ThroughDay, FirstOccurredAt, Lines, LastOccurredAt, Balance,
        [.. Lots.Select(l => new LotBalance(l.Lot, l.Expiry, l.Soh))], [.. Months.Select(m => m.ToMonth())], OpenMonth.ToMonth());
}

[GenerateSerializer, Alias("mh.LotSnapshot")]
public sealed class LotSnapshot
{
    [Id(0)] public string Lot { get; set; } = "";

    [Id(1)] public DateOnly? Expiry { get; set; }

    [Id(2)] public int Soh { get; set; }
}

[GenerateSerializer, Alias("mh.MonthSnapshot")]
public sealed class MonthSnapshot
{
    [Id(0)] public int Year { get; set; }

    [Id(1)] public int Month { get; set; }

    [Id(2)] public int DaysOnCard { get; set; }

    [Id(3)] public int StockoutDays { get; set; }

    [Id(4)] public long Consumption { get; set; }

    public static MonthSnapshot From(MonthlyConsumption m) =>
        new() { Year = m.Year, Month = m.Month, DaysOnCard = m.DaysOnCard, StockoutDays = m.StockoutDays, Consumption = m.Consumption };

    /// <summary>The adjusted consumption is derived again, by the domain's rule, not stored.</summary>
    public MonthlyConsumption ToMonth() => MonthlyConsumption.Of(Year, Month, DaysOnCard, StockoutDays, Consumption);
}

[GenerateSerializer, Alias("mh.ReportedPeriodSnapshot")]
public sealed class ReportedPeriodSnapshot
{
    [Id(0)] public DateOnly Period { get; set; }

    [Id(1)] public DateTimeOffset FirstRecordedAt { get; set; }
}
