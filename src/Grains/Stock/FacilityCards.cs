using System.Diagnostics.CodeAnalysis;
using MhSupply.Reporting;

namespace MhSupply.Stock;

/// <summary>
/// The facility's cards in memory, never holding what the ledger does not: loaded from it (every card on the first
/// report, so a resubmitted id is recognised without a query), changed only by the cards' own decisions
/// (<see cref="StockCard.TryAdd"/>), and dropped when a batch fails so that the ledger decides on their next use. With them,
/// the index of their events by id and the months those events report for.
/// </summary>
internal sealed class FacilityCards(StockFacility facility, StockLedger ledger, ReportingCalendar calendar, Action<StockCardStep> cardProbe)
{
    private readonly Dictionary<string, StockCard> _cards = new(StringComparer.Ordinal);

    /// <summary>Every event on the cards in memory, by id: how a resubmission is recognised without a query.</summary>
    private readonly Dictionary<Guid, StockEvent> _events = [];

    /// <summary>The months the events in memory report for: the reporting table's rows for this facility.</summary>
    private readonly ReportedPeriods _periods = new(calendar);

    private bool _allLoaded;

    public StockCard this[string medicine] => _cards[medicine];

    public IEnumerable<string> Medicines => _cards.Keys;

    public bool Contains(string medicine) => _cards.ContainsKey(medicine);

    public bool TryFind(Guid id, [MaybeNullWhen(false)] out StockEvent e) => _events.TryGetValue(id, out e);

    /// <summary>
    /// Offers the batch's candidates to their cards in ledger order, not input order (an offline phone may send a receipt
    /// after the issues it covers), and answers each; what changed is noted in <paramref name="changes"/> as it happens.
    /// </summary>
    public void Apply(StockBatch batch, BatchChanges changes)
    {
        foreach (var (index, e) in batch.Candidates.OrderBy(c => c.Event, LedgerOrder.Instance))
        {
            changes.Attempted.Add(e.Medicine);
            var outcome = _cards[e.Medicine].TryAdd(e);
            if (outcome.IsAccepted)
            {
                changes.Accepted.Add(e);
                _events[e.Id] = e;
                _periods.Note(e, accepted: true);
                changes.Changed.Add(e.Medicine);
                batch.Accept(index);
            }
            else
            {
                batch.Reject(index, outcome);
            }
        }
    }

    /// <summary>
    /// Undoes a batch that failed: memory may hold events the ledger lacks or lack some it holds, so the cards the batch
    /// reached go and are reloaded on next use, and the reported months are rebuilt from what is then in memory.
    /// </summary>
    public void Forget(BatchChanges changes)
    {
        foreach (var medicine in changes.Attempted)
        {
            Drop(medicine);
        }
        foreach (var e in changes.Accepted)
        {
            _events.Remove(e.Id);
        }
        _allLoaded = false;
        _periods.Invalidate();
    }

    /// <summary>The months the cards report for, rebuilt from their events when a failed batch left them in doubt.</summary>
    public ReportedPeriods Periods()
    {
        if (_periods.Stale)
        {
            _periods.Rebuild(_events.Values);
        }
        return _periods;
    }

    /// <summary>After <see cref="EnsureAllLoadedAsync"/>: a medicine with no card yet has no line in the ledger.</summary>
    public void EnsureExist(IEnumerable<string> medicines)
    {
        foreach (var m in medicines)
        {
            if (!_cards.ContainsKey(m))
            {
                Put(m, New([]));
            }
        }
    }

    public async Task EnsureLoadedAsync(IReadOnlyCollection<string> medicines)
    {
        var missing = medicines.Where(m => !_cards.ContainsKey(m)).ToList();
        if (missing.Count == 0 || _allLoaded)
        {
            foreach (var m in missing)
            {
                Put(m, New([]));
            }
            return;
        }
        var rows = await ledger.LoadAsync(facility.Id, missing);
        var byMedicine = rows.GroupBy(r => r.Medicine).ToDictionary(g => g.Key, g => g.Select(r => r.ToEvent()));
        foreach (var m in missing)
        {
            Put(m, New(byMedicine.TryGetValue(m, out var events) ? events : []));
        }
    }

    public async Task EnsureAllLoadedAsync()
    {
        if (_allLoaded)
        {
            return;
        }
        var rows = await ledger.LoadAsync(facility.Id, medicines: null);
        foreach (var group in rows.GroupBy(r => r.Medicine).Where(g => !_cards.ContainsKey(g.Key)))
        {
            Put(group.Key, New(group.Select(r => r.ToEvent())));
        }
        _allLoaded = true;
    }

    /// <summary>
    /// Every card's figures at the end of <paramref name="day"/>, and the items the facility's level stocks by default that
    /// have no line yet (so a count sheet shows them); after <see cref="EnsureAllLoadedAsync"/>.
    /// </summary>
    public FacilityStockView View(DateOnly day, FacilityMedicines medicines)
    {
        var items = new List<StockItemView>();
        foreach (var (medicine, card) in _cards.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            items.Add(StockViews.Item(medicine, StockCalculator.Compute(card, day, facility.Policy, facility.Calculation)));
        }
        var level = facility.Record.Level;
        foreach (var medicine in medicines.All.Where(m => m.RetiredAt is null && m.Levels.Contains(level) && !_cards.ContainsKey(m.Code))
                     .OrderBy(m => m.Code, StringComparer.Ordinal))
        {
            items.Add(StockViews.Item(medicine.Code, StockCalculator.Compute(StockCard.FromLedger([]), day, facility.Policy, facility.Calculation)));
        }
        return new FacilityStockView(facility.Id, day, items.ToArray());
    }

    private StockCard New(IEnumerable<StockEvent> events) => StockCard.FromLedger(events, cardProbe);

    private void Put(string medicine, StockCard card)
    {
        Drop(medicine);
        _cards[medicine] = card;
        foreach (var e in card.Events)
        {
            _events[e.Id] = e;
            _periods.Note(e, accepted: false);
        }
    }

    private void Drop(string medicine)
    {
        if (_cards.Remove(medicine, out var card))
        {
            foreach (var e in card.Events)
            {
                _events.Remove(e.Id);
            }
        }
    }
}
