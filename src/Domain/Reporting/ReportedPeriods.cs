using MhSupply.Stock;

namespace MhSupply.Reporting;

/// <summary>
/// The months a facility has reported for, with when the first report for each was recorded (its timeliness), kept as
/// events arrive so the facility grain knows which rows of the reporting table to write without reading its ledger.
/// Not thread-safe: one owner (the grain).
/// </summary>
public sealed class ReportedPeriods(ReportingCalendar calendar)
{
    private readonly Dictionary<DateOnly, DateTimeOffset> _firstRecorded = [];
    private readonly HashSet<DateOnly> _changed = [];

    public IReadOnlySet<DateOnly> Periods => _firstRecorded.Keys.ToHashSet();

    public IReadOnlyDictionary<DateOnly, DateTimeOffset> FirstRecorded => _firstRecorded;

    /// <summary>Periods new or reported earlier since <see cref="Saved"/>: the rows to write.</summary>
    public IReadOnlyCollection<DateOnly> Changed => _changed;

    /// <summary>Some noted events may not be in the ledger (a batch failed): <see cref="Rebuild"/> before trusting it.</summary>
    public bool Stale { get; private set; }

    /// <summary>Rebuilt since <see cref="Saved"/>: every row of the facility is to be rewritten, not only the changed ones.</summary>
    public bool RewritePending { get; private set; }

    /// <param name="accepted">True for an event just accepted (its period may be new to the table); false for one loaded from the ledger.</param>
    public void Note(StockEvent e, bool accepted)
    {
        var period = calendar.PeriodOf(e.OccurredAt);
        if (_firstRecorded.TryGetValue(period, out var first) && first <= e.RecordedAt)
        {
            return;
        }
        _firstRecorded[period] = e.RecordedAt;
        if (accepted)
        {
            _changed.Add(period);
        }
    }

    public void Invalidate() => Stale = true;

    /// <summary>Starts again from every event the ledger holds; the caller then rewrites all of the facility's rows.</summary>
    public void Rebuild(IEnumerable<StockEvent> events)
    {
        _firstRecorded.Clear();
        _changed.Clear();
        foreach (var e in events)
        {
            Note(e, accepted: false);
        }
        Stale = false;
        RewritePending = true;
    }

    /// <summary>The changed rows (or, after a rebuild, all of them) are written.</summary>
    public void Saved()
    {
        _changed.Clear();
        RewritePending = false;
    }
}
