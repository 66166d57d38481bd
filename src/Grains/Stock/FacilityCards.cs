using System.Diagnostics.CodeAnalysis;
using MhSupply.Reporting;

namespace MhSupply.Stock;

/// <summary>
/// The facility's cards in memory, never holding what the ledger does not: loaded by <see cref="FacilityCardLoader"/>
/// (from the snapshot and the ledger's recent lines, or the whole ledger), changed only by the cards' own decisions
/// (<see cref="StockCard.TryAdd"/>), folded daily so that memory holds the last few days' lines and each card's
/// history (<see cref="FoldAsOf"/>), and dropped whole when a batch fails so that the ledger decides again. With them,
/// the months the facility reported for and the ledger position covered.
/// </summary>
internal sealed class FacilityCards(StockFacility facility, FacilityCardLoader loader, Func<Task<FacilityStockSnapshot>> snapshot, ReportingCalendar calendar,
    TimeProvider clock)
{
    private Dictionary<string, StockCard> _cards = new(StringComparer.Ordinal);

    private ReportedPeriods _periods = new(calendar);

    private bool _loaded;

    /// <summary>A failed batch dropped memory: the reload rewrites every reported month from what it finds.</summary>
    private bool _rewritePeriods;

    public StockCard this[string medicine] => _cards[medicine];

    public IEnumerable<string> Medicines => _cards.Keys;

    /// <summary>The ledger position of the last event in memory: the next commit numbers its events from here.</summary>
    public long Position { get; private set; }

    public Guid LastEventId { get; private set; }

    /// <summary>The facility's fold day: no card folded further; one read whole for a late report folds at the next fold.</summary>
    public DateOnly ThroughDay { get; private set; }

    /// <summary>Where the cards came from at the last load: a snapshot with its tail, or the ledger (logged, benchmarked).</summary>
    public string Source { get; private set; } = "";

    public bool Contains(string medicine) => _cards.ContainsKey(medicine);

    public bool IsLoaded => _loaded;

    /// <summary>
    /// An event on the lines held, on any card: a resubmission of a recent event is recognised without a query. The
    /// cards' own indexes are asked (a few dozen lookups) rather than a second index of every held event kept beside them.
    /// </summary>
    public bool TryFind(Guid id, [MaybeNullWhen(false)] out StockEvent e)
    {
        foreach (var card in _cards.Values)
        {
            if (card.Find(id) is { } found)
            {
                e = found;
                return true;
            }
        }
        e = null;
        return false;
    }

    public async Task EnsureLoadedAsync()
    {
        if (_loaded)
        {
            return;
        }
        var loaded = await loader.LoadAsync(await snapshot(), facility.FoldDay(clock.GetUtcNow()));
        (_cards, _periods, Position, LastEventId, ThroughDay, Source) =
            (loaded.Cards, loaded.Periods, loaded.Position, loaded.LastEventId, loaded.ThroughDay, loaded.Source);
        if (_rewritePeriods)
        {
            _periods.RequireRewrite();
            _rewritePeriods = false;
        }
        _loaded = true;
    }

    /// <summary>
    /// Cards that must take an event dated before the lines they hold are replaced by the card rebuilt from all of its
    /// lines in the ledger: only that card can decide it. The next fold folds it again.
    /// </summary>
    public async Task HoldAsync(IEnumerable<StockEvent> candidates)
    {
        var medicines = candidates.Where(e => _cards.TryGetValue(e.Medicine, out var card) && !card.Holds(e.OccurredAt))
            .Select(e => e.Medicine).Distinct(StringComparer.Ordinal).ToList();
        if (medicines.Count == 0)
        {
            return;
        }
        foreach (var (medicine, card) in await loader.CardsFromLedgerAsync(medicines))
        {
            _cards[medicine] = card;
        }

    }

    /// <summary>Every card read whole from the ledger (memory keeps its own, folded ones).</summary>
    public Task<Dictionary<string, StockCard>> WholeCardsAsync() => loader.CardsFromLedgerAsync([.. _cards.Keys]);

    /// <summary>Whether <paramref name="e"/> lands among the lines its card holds (a new card holds everything).</summary>
    public bool Holds(StockEvent e) => !_cards.TryGetValue(e.Medicine, out var card) || card.Holds(e.OccurredAt);

    /// <summary>
    /// Offers the batch's candidates to their cards in ledger order, not input order (an offline phone may send a receipt
    /// after the issues it covers), and answers each; what changed is noted in <paramref name="changes"/> as it happens.
    /// </summary>
    public void Apply(StockBatch batch, BatchChanges changes)
    {
        foreach (var (index, e) in batch.Candidates.OrderBy(c => c.Event, LedgerOrder.Instance))
        {
            var outcome = _cards[e.Medicine].TryAdd(e);
            if (outcome.IsAccepted)
            {
                changes.Accepted.Add(e);
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

    /// <summary>The accepted events are in the ledger, numbered after <see cref="Position"/> in the order they were accepted.</summary>
    public void Committed(IReadOnlyList<StockEvent> accepted)
    {
        Position += accepted.Count;
        LastEventId = accepted[^1].Id;
    }

    /// <summary>
    /// Undoes a batch that failed: memory may hold events the ledger lacks or lack some it holds, so every card goes and
    /// the next use loads them again from the snapshot and the ledger, which decide.
    /// </summary>
    public void Forget()
    {
        _loaded = false;
        _rewritePeriods = true;
        _cards.Clear();
    }

    /// <summary>The months the cards report for.</summary>
    public ReportedPeriods Periods() => _periods;

    /// <summary>
    /// Folds the cards' lines through the facility's fold day as at <paramref name="now"/> when that day moved (daily), or
    /// with <paramref name="all"/> (the activation goes); true when the day moved. In between, a card read whole for a late
    /// report, or new and given months of them, stays whole: a backfill of months sends one old report after another, and each would otherwise read the
    /// card's ledger again. True when the day moved or a card folded lines.
    /// </summary>
    public bool FoldAsOf(DateTimeOffset now, bool all = false)
    {
        var day = facility.FoldDay(now);
        var changed = day > ThroughDay;
        if (changed)
        {
            ThroughDay = day;
        }
        if (changed || all)
        {
            foreach (var card in _cards.Values)
            {
                changed |= card.FoldThrough(ThroughDay, facility.Calculation.TimeZone, facility.Calculation.AmcLookbackMonths);
            }
        }
        return changed;
    }

    /// <summary>What grain storage keeps of the cards: each card's history (none for a card held whole) and the months reported.</summary>
    public FacilityStockSnapshot ToSnapshot() => new()
    {
        Format = FacilityStockSnapshot.CurrentFormat,
        Zone = facility.Calculation.TimeZone.Id,
        KeptMonths = facility.Calculation.AmcLookbackMonths,
        IssueFromExpiredLots = facility.Calculation.IssueFromExpiredLots,
        ThroughDay = ThroughDay,
        Position = Position,
        LastEventId = LastEventId,
        Cards = [.. _cards.Where(c => c.Value.TotalLines > 0).OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new CardSnapshot { Medicine = c.Key, History = c.Value.History is { } h ? CardHistorySnapshot.From(h) : null })],
        Periods = [.. _periods.FirstRecorded.OrderBy(p => p.Key).Select(p => new ReportedPeriodSnapshot { Period = p.Key, FirstRecordedAt = p.Value })],
    };

    /// <summary>After <see cref="EnsureLoadedAsync"/>: a medicine with no card yet has no line in the ledger.</summary>
    public void EnsureExist(IEnumerable<string> medicines)
    {
        foreach (var m in medicines)
        {
            if (!_cards.ContainsKey(m))
            {
                _cards[m] = StockCard.FromLedger([], loader.CardProbe, loader.Rules);
            }
        }
    }

    /// <summary>
    /// Every card's figures at the end of <paramref name="day"/>, and the items the facility's level stocks by default that
    /// have no line yet (so a count sheet shows them). A day before the cards' history is answered from the ledger's lines.
    /// </summary>
    public async Task<FacilityStockView> ViewAsync(DateOnly day, FacilityMedicines medicines, IReadOnlyDictionary<string, StockPipeline>? pipelines = null)
    {
        var cards = _cards.Values.All(c => c.CanAnswer(day)) ? _cards : await loader.CardsFromLedgerAsync([.. _cards.Keys]);
        var items = new List<StockItemView>();
        foreach (var (medicine, card) in cards.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            items.Add(StockViews.Item(medicine, StockCalculator.Compute(card, day, facility.Policy, facility.Calculation, pipelines?.GetValueOrDefault(medicine))));
        }
        var level = facility.Record.Level;
        foreach (var medicine in medicines.All.Where(m => m.RetiredAt is null && m.Levels.Contains(level) && !cards.ContainsKey(m.Code))
                     .OrderBy(m => m.Code, StringComparer.Ordinal))
        {
            items.Add(StockViews.Item(medicine.Code, StockCalculator.Compute(StockCard.FromLedger([]), day, facility.Policy, facility.Calculation,
                pipelines?.GetValueOrDefault(medicine.Code), medicine.Code)));
        }
        return new FacilityStockView(facility.Id, day, items.ToArray());
    }
}
