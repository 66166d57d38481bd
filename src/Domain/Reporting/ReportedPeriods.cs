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

    /// <summary>Reloaded after a failure since <see cref="Saved"/>: every row of the facility is to be rewritten, not only the changed ones.</summary>
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

    /// <summary>A period as a snapshot recorded it: known, and in the table already.</summary>
    public void Restore(DateOnly period, DateTimeOffset firstRecordedAt)
    {
        if (!_firstRecorded.TryGetValue(period, out var first) || firstRecordedAt < first)
        {
            _firstRecorded[period] = firstRecordedAt;
        }
    }

    /// <summary>Memory was rebuilt after a failure: every row of the facility is to be rewritten from it.</summary>
    public void RequireRewrite() => RewritePending = true;

    /// <summary>The changed rows (or, after a reload, all of them) are written.</summary>
    public void Saved()
    {
        _changed.Clear();
        RewritePending = false;
    }
}
