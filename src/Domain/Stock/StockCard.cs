namespace MhSupply.Stock;

/// <summary>
/// The ledger of one (facility, medicine) stock card with a running balance per line (docs/domain.md, "Stock
/// cards and events"). Lines are ordered by (occurredAt, recordedAt), then id so equal stamps still have one order
/// (OpenLMIS orders line items by occurred date then processed date). A late event is placed in that order and the
/// lines after it are re-derived; appending the newest event derives one line. Not thread-safe: one owner (a grain).
///
/// A card need not hold every line: <see cref="FoldThrough"/> folds the lines up to a day into its <see cref="History"/>
/// (the state they left and their months' figures), so what a facility keeps in memory grows with its recent lines, not
/// with years of them. Such a card decides events from that day on and answers figures as of that day or later.
/// </summary>
public sealed class StockCard
{
    private readonly List<LedgerEntry> _entries = [];
    private readonly Dictionary<Guid, StockEvent> _byId = [];
    private readonly List<LedgerEntry> _rederived = [];

    /// <summary>Failure injection for the grain's tests (null in production): called at each <see cref="StockCardStep"/>.</summary>
    private Action<StockCardStep>? _probe;

    /// <summary>The zone of the card's days and whether expired lots give unnamed debits (<see cref="StockLedgerRules"/>).</summary>
    private readonly StockLedgerRules _rules;

    /// <summary>An empty card; <paramref name="rules"/> default to UTC days and the safe rule (expired lots only when named).</summary>
    public StockCard(StockLedgerRules? rules = null)
    {
        _rules = rules ?? StockLedgerRules.Default;
    }

    public StockLedgerRules Rules => _rules;

    /// <summary>
    /// Complete months as <see cref="StockCalculator"/> derived them (the AMC basis), kept until a line lands in or
    /// before them: figures are recomputed for every card a report touches, and walking three or more months day by
    /// day was most of that work while the months themselves had not changed.
    /// </summary>
    private readonly Dictionary<(string Zone, int Year, int Month), MonthlyConsumption> _completeMonths = [];

    /// <summary>The lots the folded lines left (empty without a history).</summary>
    private LotState _openingLots = LotState.Empty;

    /// <summary>Where the held lines begin (<see cref="DateTimeOffset.MinValue"/> without a history).</summary>
    private DateTimeOffset _heldFrom = DateTimeOffset.MinValue;

    /// <summary>Events on a card name one medicine; the first event fixes it.</summary>
    public string? Medicine { get; private set; }

    /// <summary>What the card folded away, or null when it holds every line.</summary>
    public CardHistory? History { get; private set; }

    /// <summary>The lines the card holds (after its history).</summary>
    public int Count => _entries.Count;

    /// <summary>Every line the card has had, folded or held.</summary>
    public long TotalLines => (History?.Lines ?? 0) + _entries.Count;

    /// <summary>Stock on hand after the last line.</summary>
    public int Soh => BalanceAfter(_entries.Count);

    public DateTimeOffset? FirstOccurredAt => History?.FirstOccurredAt ?? (_entries.Count == 0 ? null : _entries[0].Event.OccurredAt);

    public DateTimeOffset? LastOccurredAt => _entries.Count == 0 ? History?.LastOccurredAt : _entries[^1].Event.OccurredAt;

    /// <summary>Lots with stock after the last line, first expiry first.</summary>
    public IReadOnlyList<LotBalance> Lots => LotsAfter(_entries.Count);

    /// <summary>The lines held, in ledger order, with the events: what a snapshot of the card stores besides its history.</summary>
    public IReadOnlyList<StockEvent> HeldEvents => _entries.Select(e => e.Event).ToList();

    /// <summary>The events in ledger order.</summary>
    public IEnumerable<StockEvent> Events => _entries.Select(e => e.Event);

    /// <summary>Lines derived since the card was built; the tests use it to prove appends stay O(1).</summary>
    internal long DerivedLines { get; private set; }

    /// <summary>
    /// Rebuilds a card from stored events in any order. A stored ledger was accepted line by line, so a balance
    /// that breaks here means corrupt data: it throws rather than guess.
    /// </summary>
    /// <param name="probe">Called at each step of a later <see cref="TryAdd"/>, so tests can fail it there; null in production.</param>
    public static StockCard FromLedger(IEnumerable<StockEvent> events, Action<StockCardStep>? probe = null, StockLedgerRules? rules = null) =>
        Build(null, events, probe, rules);

    /// <summary>
    /// Rebuilds a folded card: its <paramref name="history"/> and the lines held after it (a snapshot), then any lines the
    /// ledger recorded since (its tail). Every event must occur after the history's day, and the lines must apply: else it
    /// throws, and the owner rebuilds the card from the whole ledger.
    /// </summary>
    public static StockCard FromHistory(string medicine, CardHistory history, IEnumerable<StockEvent> held, Action<StockCardStep>? probe = null,
        StockLedgerRules? rules = null)
    {
        return Build(history, held, probe, rules, medicine);
    }

    /// <summary>
    /// Stored lines replay whatever the rule they were accepted under: a debit that only expired lots can cover now takes
    /// them last instead of being refused (<see cref="LedgerStep.TryApply"/>), so an older ledger always rebuilds.
    /// </summary>
    private static StockCard Build(CardHistory? history, IEnumerable<StockEvent> events, Action<StockCardStep>? probe, StockLedgerRules? rules,
        string? medicine = null)
    {
        var card = new StockCard(rules) { Medicine = medicine };
        card.SetHistory(history);
        var sorted = new List<StockEvent>();
        foreach (var e in events)
        {
            var problem = card.Admit(e);
            if (problem is { Outcome: StockAddOutcome.Duplicate })
            {
                continue;
            }
            if (problem is not null)
            {
                throw new ArgumentException($"Event {e.Id} cannot be on this card: {problem.Outcome}.", nameof(events));
            }
            if (!card.Holds(e.OccurredAt))
            {
                throw new ArgumentException($"Event {e.Id} occurred before the card's history ends ({history!.ThroughDay}).", nameof(events));
            }
            card._byId.Add(e.Id, e);
            card.Medicine ??= e.Medicine;
            sorted.Add(e);
        }
        sorted.Sort(LedgerOrder.Instance);
        var balance = card.BalanceAfter(0);
        var lots = card._openingLots;
        foreach (var e in sorted)
        {
            var rejection = LedgerStep.TryApply(e, balance, lots, card._rules, out var entry);
            if (rejection is not null)
            {
                throw new InvalidOperationException($"The stored ledger is inconsistent: {rejection.Kind} at {rejection.EventId} ({rejection.Balance}).");
            }
            card._entries.Add(entry);
            (balance, lots) = (entry.Balance, entry.Lots);
        }
        card.DerivedLines = sorted.Count;
        card._probe = probe;
        return card;
    }

    public bool Contains(Guid eventId) => _byId.ContainsKey(eventId);

    /// <summary>Whether an event occurring at <paramref name="occurredAt"/> lands among the held lines (always, without a history).</summary>
    public bool Holds(DateTimeOffset occurredAt) => occurredAt >= _heldFrom;

    /// <summary>Whether figures as of <paramref name="day"/> can be computed from what the card holds.</summary>
    public bool CanAnswer(DateOnly day) => History is null || day >= History.ThroughDay;

    public StockEvent? Find(Guid eventId) => _byId.GetValueOrDefault(eventId);

    /// <summary>
    /// Places <paramref name="e"/> in ledger order and re-derives the lines after it. If any balance at or after it
    /// would go negative (or a named lot would), the card is left exactly as it was and the first breaking line is
    /// returned (OpenLMIS rejects a debit that exceeds stock on hand). Everything that can fail is computed before the
    /// card changes; the owner still undoes the card on any exception (the grain drops and reloads it).
    /// </summary>
    public StockAddResult TryAdd(StockEvent e)
    {
        if (Admit(e) is { } refused)
        {
            return refused;
        }
        if (!Holds(e.OccurredAt))
        {
            // The lines it would go between are folded: only a card rebuilt from the ledger can decide it.
            throw new InvalidOperationException($"Event {e.Id} occurred before the card's history ends ({History!.ThroughDay}).");
        }
        _probe?.Invoke(StockCardStep.Admit);
        var index = InsertionIndex(e);
        var (balance, lots) = (BalanceAfter(index), LotStateAfter(index));
        var rejection = LedgerStep.TryApply(e, balance, lots, _rules, out var added);
        DerivedLines++;
        if (rejection is not null)
        {
            rejection = Explain(rejection, e, e, balance, lots);
        }
        else if (added.FromExpired > 0)
        {
            rejection = OnlyExpired(e, e, balance, lots);
        }
        else
        {
            rejection = Rederive(index, added);
        }
        if (rejection is not null)
        {
            _rederived.Clear();
            return new StockAddResult(StockAddOutcome.Rejected, rejection);
        }
        _probe?.Invoke(StockCardStep.LotBookkeeping);
        Commit(index, added);
        return StockAddResult.Accepted;
    }

    /// <summary>Lines whose occurredAt is within [from, to] (both optional and inclusive), in ledger order.</summary>
    public IReadOnlyList<StockCardLine> Lines(DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var start = from is null ? 0 : CountBefore(from.Value);
        var end = to is null ? _entries.Count : CountAtOrBefore(to.Value);
        var lines = new List<StockCardLine>(Math.Max(0, end - start));
        for (var i = start; i < end; i++)
        {
            var (e, balance, variance, _, _) = _entries[i];
            lines.Add(new StockCardLine(e.Id, e.Type, e.Quantity, e.OccurredAt, e.RecordedAt, e.Reason, e.LotOrNull, balance, variance));
        }
        return lines;
    }

    /// <summary>Stock on hand after every event that occurred at or before <paramref name="at"/> (binary search).</summary>
    public int SohAt(DateTimeOffset at) => BalanceAfter(CountAtOrBefore(at));

    /// <summary>Lots with stock after every event that occurred at or before <paramref name="at"/>.</summary>
    public IReadOnlyList<LotBalance> LotsAt(DateTimeOffset at) => LotsAfter(CountAtOrBefore(at));

    /// <summary>How many lines occurred strictly before <paramref name="instant"/>.</summary>
    internal int CountBefore(DateTimeOffset instant) => FirstIndexWhere(e => e.OccurredAt >= instant);

    /// <summary>How many lines occurred at or before <paramref name="instant"/>.</summary>
    internal int CountAtOrBefore(DateTimeOffset instant) => FirstIndexWhere(e => e.OccurredAt > instant);

    internal LedgerEntry EntryAt(int index) => _entries[index];

    /// <summary>The complete month's figures, computed once until a line lands in or before it.</summary>
    internal MonthlyConsumption CompleteMonth<TState>(TimeZoneInfo zone, int year, int month, TState state,
        Func<TState, MonthlyConsumption> compute)
    {
        if (History is { } h && (year * 12) + month < (h.ThroughDay.Year * 12) + h.ThroughDay.Month)
        {
            // The history holds it already.
            return compute(state);
        }
        var key = (zone.Id, year, month);
        if (!_completeMonths.TryGetValue(key, out var figures))
        {
            if (_completeMonths.Count >= 64)
            {
                _completeMonths.Clear();
            }
            figures = compute(state);
            _completeMonths[key] = figures;
        }
        return figures;
    }

    /// <summary>Balance after the first <paramref name="count"/> held lines (after the history when 0).</summary>
    internal int BalanceAfter(int count) => count == 0 ? History?.Balance ?? 0 : _entries[count - 1].Balance;

    internal IReadOnlyList<LotBalance> LotsAfter(int count) => LotStateAfter(count).ToBalances();

    private LotState LotStateAfter(int count) => count == 0 ? _openingLots : _entries[count - 1].Lots;

    /// <summary>
    /// Folds every held line that occurred before the end of local day <paramref name="day"/> into <see cref="History"/>:
    /// the state they left, the figures of the months they complete, and the open month's days so far. Complete months
    /// older than <paramref name="keepMonths"/> before <paramref name="day"/>'s month go: AMC never looks further back.
    /// A card with no line by then has nothing to fold. Folding never changes a figure as of <paramref name="day"/> or later.
    /// </summary>
    /// <returns>Whether the history changed (it moved to <paramref name="day"/>).</returns>
    public bool FoldThrough(DateOnly day, TimeZoneInfo zone, int keepMonths)
    {
        if (History is { } h)
        {
            if (!string.Equals(h.ZoneId, zone.Id, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The card's history is kept in {h.ZoneId}, not {zone.Id}.", nameof(zone));
            }
            if (day <= h.ThroughDay)
            {
                return false;
            }
        }
        var folded = CountBefore(LocalDays.EndOf(day, zone));
        if (History is null && folded == 0)
        {
            return false;
        }
        var firstOccurred = FirstOccurredAt!.Value;
        var firstDay = LocalDays.DateOf(firstOccurred, zone);
        var months = new List<MonthlyConsumption>(History?.Months ?? []);
        var (tally, tallyMonth, from) = History is { } before
            ? (MonthTally.From(before.OpenMonth), FirstOfMonth(before.ThroughDay), before.ThroughDay.AddDays(1))
            : (default(MonthTally), FirstOfMonth(firstDay), FirstOfMonth(firstDay));
        var walk = new CardDayWalk(this, from, zone);
        for (var d = from; d <= day; d = d.AddDays(1))
        {
            if (FirstOfMonth(d) != tallyMonth)
            {
                months.Add(tally.ToMonth(tallyMonth.Year, tallyMonth.Month));
                (tally, tallyMonth) = (default, FirstOfMonth(d));
            }
            var (closing, issued) = walk.Next();
            tally.Add(d, closing, issued, firstDay);
        }
        var oldest = new DateOnly(day.Year, day.Month, 1).AddMonths(-keepMonths);
        months.RemoveAll(m => new DateOnly(m.Year, m.Month, 1) < oldest);
        var lastOccurred = folded > 0 ? _entries[folded - 1].Event.OccurredAt : History!.LastOccurredAt;
        var history = new CardHistory(zone.Id, day, firstOccurred, (History?.Lines ?? 0) + folded, lastOccurred, BalanceAfter(folded),
            LotsAfter(folded), months, tally.ToMonth(day.Year, day.Month));
        foreach (var entry in _entries.Take(folded))
        {
            _byId.Remove(entry.Event.Id);
        }
        _entries.RemoveRange(0, folded);
        SetHistory(history, zone);
        _completeMonths.Clear();
        return true;
    }

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);

    private void SetHistory(CardHistory? history, TimeZoneInfo? zone = null)
    {
        History = history;
        if (history is null)
        {
            return;
        }
        zone ??= TimeZoneInfo.FindSystemTimeZoneById(history.ZoneId);
        _openingLots = LotState.From(history.Lots);
        _heldFrom = history.HeldFrom(zone);
    }

    /// <summary>Checks that need no position: content, medicine, and whether the id is already on the card.</summary>
    private StockAddResult? Admit(StockEvent e)
    {
        var errors = e.ContentErrors();
        if (Medicine is not null && !string.Equals(e.Medicine, Medicine, StringComparison.Ordinal))
        {
            errors.Add("medicine", "medicine_other_card", ("medicine", e.Medicine), ("cardMedicine", Medicine));
        }
        if (errors.Any)
        {
            return new StockAddResult(StockAddOutcome.Invalid, Errors: errors.ToDictionary(), Messages: errors.ToMessages());
        }
        if (_byId.TryGetValue(e.Id, out var existing))
        {
            return existing.SameContentAs(e) ? StockAddResult.Duplicate : StockAddResult.Conflict;
        }
        return null;
    }

    /// <summary>
    /// Recomputes the lines after <paramref name="index"/> into <see cref="_rederived"/>, stopping as soon as a line
    /// leaves the same state it left before: everything after it is then unchanged. That is why a late event before
    /// a physical count only changes lines up to the count (which sets stock on hand) and the count's variance.
    /// </summary>
    private StockRejection? Rederive(int index, LedgerEntry added)
    {
        _rederived.Clear();
        var previous = added;
        for (var i = index; i < _entries.Count; i++)
        {
            var old = _entries[i];
            var rejection = LedgerStep.TryApply(old.Event, previous.Balance, previous.Lots, _rules, out var entry);
            DerivedLines++;
            if (rejection is not null)
            {
                return Explain(rejection, added.Event, old.Event, previous.Balance, previous.Lots);
            }
            if (entry.FromExpired > old.FromExpired)
            {
                // The new event takes the usable stock a later line was taking: that line would reach into an expired lot.
                // (A line that already did, accepted under another rule, is not the new event's doing.)
                return OnlyExpired(added.Event, old.Event, previous.Balance, previous.Lots);
            }
            _rederived.Add(entry);
            if (entry.LeavesSameStateAs(old))
            {
                break;
            }
            previous = entry;
        }
        return null;
    }

    /// <summary>A rejection with what its message needs: the event, the line it breaks (when later), their days, what was on hand.</summary>
    private StockRejection Explain(StockRejection rejection, StockEvent e, StockEvent line, int balance, LotState lots) => rejection with
    {
        Event = e,
        Line = line.Id == e.Id ? null : line,
        Day = LocalDays.DateOf(e.OccurredAt, _rules.TimeZone),
        LineDay = LocalDays.DateOf(line.OccurredAt, _rules.TimeZone),
        OnHand = rejection.Kind == StockRejectionKind.NegativeLotBalance && rejection.Lot is { } lot ? lots.QuantityOf(lot) : balance,
    };

    private StockRejection OnlyExpired(StockEvent e, StockEvent line, int balance, LotState lots)
    {
        var (usable, expired, lot) = LedgerStep.ExpiredShortfall(line, balance, lots, _rules);
        var rejection = new StockRejection(line.Id, line.OccurredAt, StockRejectionKind.OnlyExpiredStock, (long)usable - line.Quantity, lot?.Lot)
        {
            Usable = usable,
            Expired = expired,
            ExpiredLotExpiry = lot?.Expiry,
        };
        return Explain(rejection, e, line, balance, lots);
    }

    private void Commit(int index, LedgerEntry added)
    {
        var staleMonths = MonthsFrom(added.Event.OccurredAt);
        if (index == _entries.Count)
        {
            _entries.Add(added);
        }
        else
        {
            _entries.Insert(index, added);
            for (var i = 0; i < _rederived.Count; i++)
            {
                _entries[index + 1 + i] = _rederived[i];
            }
        }
        _rederived.Clear();
        _byId.Add(added.Event.Id, added.Event);
        Medicine ??= added.Event.Medicine;
        _probe?.Invoke(StockCardStep.MonthBookkeeping);
        foreach (var key in staleMonths ?? [])
        {
            _completeMonths.Remove(key);
        }
    }

    /// <summary>
    /// The cached months a line at <paramref name="occurredAt"/> changes: its month and every later one, in whatever zone
    /// they were counted (a day earlier in UTC covers every zone's month boundary: offsets are within 14 hours). Null when
    /// none: most lines land in the current month, which is never cached, and then nothing is allocated.
    /// </summary>
    private List<(string Zone, int Year, int Month)>? MonthsFrom(DateTimeOffset occurredAt)
    {
        if (_completeMonths.Count == 0)
        {
            return null;
        }
        // Ticks, not AddDays: an instant within a day of DateTime.MinValue must not throw here.
        var from = new DateTime(Math.Max(0, occurredAt.UtcTicks - TimeSpan.TicksPerDay), DateTimeKind.Utc);
        var first = (from.Year * 12) + from.Month;
        List<(string Zone, int Year, int Month)>? stale = null;
        foreach (var key in _completeMonths.Keys)
        {
            if ((key.Year * 12) + key.Month >= first)
            {
                (stale ??= []).Add(key);
            }
        }
        return stale;
    }

    /// <summary>Where <paramref name="e"/> goes; the newest event (the usual case) is checked first, in O(1).</summary>
    private int InsertionIndex(StockEvent e)
    {
        if (_entries.Count == 0 || LedgerOrder.Instance.Compare(_entries[^1].Event, e) < 0)
        {
            return _entries.Count;
        }
        return FirstIndexWhere(existing => LedgerOrder.Instance.Compare(existing, e) > 0);
    }

    /// <summary>Binary search for the first line matching a predicate that is monotone over ledger order.</summary>
    private int FirstIndexWhere(Func<StockEvent, bool> predicate)
    {
        int low = 0, high = _entries.Count;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (predicate(_entries[mid].Event))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }
        return low;
    }
}
