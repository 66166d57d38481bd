using MhSupply.Alerts;
using MhSupply.Hosting;
using MhSupply.Reference;
using MhSupply.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MhSupply.Stock;

/// <summary>
/// The stock cards of one facility. Why one grain per facility: a pharmacist's report covers one facility, so a batch
/// is one grain call and one PostgreSQL commit however many medicines it touches; the grain's single-threaded
/// turns serialise every write to the facility's cards without locks; a facility holds a few dozen cards.
///
/// Consistency: the ledger is the source of truth and the grain keeps no state of its own in storage. A batch is
/// validated against the in-memory cards, then the accepted events are committed (with the facility's pending-projection
/// marker), and only then answered. If the commit fails the touched cards are dropped from memory and reloaded from the
/// ledger on next use, so the grain can never hold what PostgreSQL does not (or miss what it does). The first report
/// loads every card of the facility in one query, so a resubmitted event id is recognised in memory.
///
/// Projection: the read model (stock_card), the card alerts and the lot due-index are derived from the cards, and are
/// written a moment after the commit (Stock:ProjectionDelay), for every card the reports of that moment touched, in one
/// transaction that also clears the marker. Under load a card is written once per interval instead of once per batch
/// (the stock commit then costs PostgreSQL about what a plain insert of its events does). Nobody reads a stale row for
/// it: readers of the read model first ask the facilities in their scope that hold a marker to project
/// (<see cref="StockProjectionCatchUp"/>). A silo that dies in between leaves the marker: the next activation (by a
/// report, a reader or the alert scan) projects every card of the facility from the ledger.
/// </summary>
[GrainType("facility-stock")]
public sealed partial class FacilityStockGrain(
    StockLedger ledger,
    FacilityDirectory facilities,
    MedicineCatalog catalog,
    IOptions<StockOptions> options,
    IOptions<AlertOptions> alertOptions,
    IOptions<MhSupply.Validation.InputBoundsOptions> bounds,
    ReportingSchedule reporting,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    StockWriteProbe probe,
    ILogger<FacilityStockGrain> logger) : Grain, IFacilityStockGrain
{
    private readonly Dictionary<string, StockCard> _cards = new(StringComparer.Ordinal);

    /// <summary>Every event on the cards in memory, by id: how a resubmission is recognised without a query.</summary>
    private readonly Dictionary<Guid, StockEvent> _events = [];
    private readonly StockCalculationOptions _calculation = options.Value.CalculationOptions();

    /// <summary>The months the events in memory report for: the reporting table's rows for this facility.</summary>
    private readonly ReportedPeriods _periods = new(reporting.Calendar);
    private FacilityRecord _facility = null!;
    private StockPolicy _policy = null!;
    private Dictionary<string, MedicineRecord> _medicines = new(StringComparer.Ordinal);
    private bool _allCardsLoaded;
    private Action<StockCardStep>? _cardProbe;

    private string FacilityId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _facility = await facilities.FindAsync(FacilityId, cancellationToken)
            ?? throw new InvalidOperationException($"facility '{FacilityId}' is not registered");
        _policy = options.Value.PolicyFor(_facility.Level);
        await ReloadMedicines(cancellationToken);
        if (await ledger.IsProjectionPendingAsync(FacilityId, cancellationToken))
        {
            // The previous activation committed events it did not live to project (a silo died): recover them.
            _projectAll = _markerCommitted = true;
            ScheduleProjection();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (ProjectionDue)
        {
            try
            {
                await ProjectPending();
            }
            catch (Exception e)
            {
                // The marker stays: the next activation projects the facility.
                logger.LogWarning(e, "Projecting {Facility}'s stock on deactivation failed; its next activation will", FacilityId);
            }
        }
    }

    public async Task<StockEventResult[]> Submit(StockSubmission submission)
    {
        // A concurrent submission of the same id to another facility can win the race to the primary key: then
        // the second attempt sees the stored event and answers conflict or duplicate.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SubmitOnce(submission, askLedgerForIds: attempt > 1);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && attempt < 3)
            {
                logger.LogInformation("Event id raced another submission at {Facility}; re-evaluating the batch", FacilityId);
            }
        }
    }

    /// <param name="askLedgerForIds">
    /// False on a first attempt: every event of this facility is in memory, so a resubmitted id is found there without a
    /// query. An id first recorded at another facility is not, and then the insert's primary key refuses the batch and
    /// the retry asks the ledger.
    /// </param>
    private async Task<StockEventResult[]> SubmitOnce(StockSubmission submission, bool askLedgerForIds)
    {
        var now = clock.GetUtcNow();
        var batch = new StockBatch(submission.Events.Select(e => e.Id).ToArray());

        // Up to the first card change nothing here puts into memory what the ledger lacks: cards are loaded from it,
        // and a card created for a medicine with no line yet is what the ledger holds for it (nothing).
        await ParseAndValidate(submission.Events, now, batch);
        await EnsureAllCardsLoaded();
        ResolveKnownIds(batch);
        if (askLedgerForIds)
        {
            await ResolveRecordedIds(batch);
        }
        EnsureCardsExist(batch.Candidates.Select(c => c.Event.Medicine));

        var attempted = new HashSet<string>(StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var accepted = new List<StockEvent>();
        try
        {
            // Applied in ledger order, not input order: an offline phone may send a receipt after the issues it covers.
            foreach (var (index, e) in batch.Candidates.OrderBy(c => c.Event, LedgerOrder.Instance))
            {
                // Noted before the card is asked: a card that throws half-way must be undone too.
                attempted.Add(e.Medicine);
                var outcome = _cards[e.Medicine].TryAdd(e);
                if (outcome.IsAccepted)
                {
                    accepted.Add(e);
                    _events[e.Id] = e;
                    _periods.Note(e, accepted: true);
                    changed.Add(e.Medicine);
                    batch.Accept(index);
                }
                else
                {
                    batch.Reject(index, FromDomain(outcome));
                }
            }
            if (accepted.Count > 0)
            {
                await probe.At(FacilityId, StockWriteStep.BeforeCommit);
                await ledger.CommitAsync(FacilityId, _facility.District, submission.RecordedBy, accepted, markPending: !_markerCommitted);
                _markerCommitted = true;
                await probe.At(FacilityId, StockWriteStep.AfterCommit);
                NoteUnprojected(changed, now, submission.RecordedBy);
            }
        }
        catch (Exception e)
        {
            ForgetBatch(attempted, changed, accepted, now, submission.RecordedBy, e);
            throw;
        }
        return batch.Results();
    }

    /// <summary>
    /// Undoes a batch that threw anywhere between its first card change and its answer. Memory may hold events the ledger
    /// lacks (the commit failed or never ran) or lack some it holds (the commit went through but its answer was lost), so
    /// the cards the batch reached are dropped and the ledger decides on their next use. Whether the marker went in is
    /// unknown, so the next commit writes it again, and the changed cards are projected from what the ledger holds. Not
    /// counted as a report: an open report_overdue alert must not resolve on a failed commit (a commit whose answer was
    /// lost counts for its month when the next projection rebuilds the reported months from the ledger).
    /// </summary>
    private void ForgetBatch(HashSet<string> attempted, HashSet<string> changed, List<StockEvent> accepted, DateTimeOffset now,
        string actor, Exception cause)
    {
        foreach (var medicine in attempted)
        {
            DropCard(medicine);
        }
        foreach (var e in accepted)
        {
            _events.Remove(e.Id);
        }
        _allCardsLoaded = false;
        _markerCommitted = false;
        _periods.Invalidate();
        logger.LogWarning(cause, "A stock batch at {Facility} failed before its answer; {Cards} card(s) reload from the ledger", FacilityId, attempted.Count);
        try
        {
            NoteUnprojected(changed, now, actor);
        }
        catch (Exception e)
        {
            // The marker (if the commit went through) still has a reader, the alert scan or the next activation project.
            logger.LogWarning(e, "Scheduling {Facility}'s projection after a failed batch failed too", FacilityId);
        }
    }

    public async Task<FacilityStockView> GetStock(DateOnly? asOf)
    {
        var day = asOf ?? Today();
        await EnsureAllCardsLoaded();
        // The list decides the "no line yet" rows, and an admin may have added or retired items since activation.
        await ReloadMedicines(CancellationToken.None);
        var items = new List<StockItemView>();
        foreach (var (medicine, card) in _cards.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            items.Add(StockViews.Item(medicine, StockCalculator.Compute(card, day, _policy, _calculation)));
        }
        // Items the facility's level stocks by default but that have no line yet: listed so a count sheet shows them.
        foreach (var medicine in _medicines.Values.Where(m => m.RetiredAt is null && m.Levels.Contains(_facility.Level) && !_cards.ContainsKey(m.Code))
                     .OrderBy(m => m.Code, StringComparer.Ordinal))
        {
            items.Add(StockViews.Item(medicine.Code, StockCalculator.Compute(StockCard.FromLedger([]), day, _policy, _calculation)));
        }
        return new FacilityStockView(FacilityId, day, items.ToArray());
    }

    public async Task<StockCardLineView[]> GetCard(string medicine, DateTimeOffset? from, DateTimeOffset? to)
    {
        await EnsureCardsLoaded([medicine]);
        var card = _cards[medicine];
        return card.Lines(from, to).Select(l => StockViews.Line(l, card.Find(l.EventId)!)).ToArray();
    }

    private async Task ParseAndValidate(StockEventInput[] inputs, DateTimeOffset now, StockBatch batch)
    {
        var seen = new Dictionary<Guid, StockEvent>();
        for (var i = 0; i < inputs.Length; i++)
        {
            var input = inputs[i];
            if (!WireNames.TryParse<StockEventType>(input.Type, out var type))
            {
                batch.Reject(i, new StockEventError(StockEventError.Invalid,
                    $"type must be one of {string.Join(", ", WireNames<StockEventType>.All)}", "type"));
                continue;
            }
            // One microsecond apart (PostgreSQL's resolution) keeps same-instant events of a batch in submission order.
            var e = StockViews.ToDomain(input, type, now.AddTicks(i * 10L));
            probe.Check(FacilityId, StockWriteStep.Parse);
            var errors = e.Validate(now, bounds.Value.Earliest);
            if (errors.Count > 0)
            {
                var (field, messages) = errors.First();
                batch.Reject(i, new StockEventError(StockEventError.Invalid, string.Join("; ", messages), field));
                continue;
            }
            if (!_medicines.ContainsKey(e.Medicine))
            {
                await ReloadMedicines(CancellationToken.None);
                if (!_medicines.ContainsKey(e.Medicine))
                {
                    batch.Reject(i, new StockEventError(StockEventError.UnknownMedicine,
                        $"'{e.Medicine}' is not on the medicines list", "medicine"));
                    continue;
                }
            }
            if (seen.TryGetValue(e.Id, out var earlier))
            {
                // The same id twice in one batch: a phone that queued a report twice.
                batch.Resolve(i, earlier.SameContentAs(e) ? Duplicate(e.Id) : Conflict(e.Id));
                continue;
            }
            seen[e.Id] = e;
            batch.AddCandidate(i, e);
        }
    }

    /// <summary>Ids already on one of this facility's cards: duplicates (same content) or conflicts; never applied again.</summary>
    private void ResolveKnownIds(StockBatch batch)
    {
        foreach (var (index, e) in batch.Candidates.ToList())
        {
            if (_events.TryGetValue(e.Id, out var known))
            {
                batch.Resolve(index, known.SameContentAs(e) ? Duplicate(e.Id) : Conflict(e.Id));
                batch.RemoveCandidate(index);
            }
        }
    }

    /// <summary>Ids already in the ledger are duplicates (same content, same facility) or conflicts; never applied again.</summary>
    private async Task ResolveRecordedIds(StockBatch batch)
    {
        if (batch.Candidates.Count == 0)
        {
            return;
        }
        var recorded = await ledger.FindAsync(batch.Candidates.Select(c => c.Event.Id).ToList());
        if (recorded.Count == 0)
        {
            return;
        }
        var byId = recorded.ToDictionary(r => r.Id);
        foreach (var (index, e) in batch.Candidates)
        {
            if (byId.TryGetValue(e.Id, out var row))
            {
                var same = row.Facility == FacilityId && row.ToEvent().SameContentAs(e);
                batch.Resolve(index, same ? Duplicate(e.Id) : Conflict(e.Id));
                batch.RemoveCandidate(index);
            }
        }
    }

    /// <summary>After <see cref="EnsureAllCardsLoaded"/>: a medicine with no card yet has no line in the ledger.</summary>
    private void EnsureCardsExist(IEnumerable<string> medicines)
    {
        foreach (var m in medicines)
        {
            if (!_cards.ContainsKey(m))
            {
                PutCard(m, NewCard([]));
            }
        }
    }

    private StockCard NewCard(IEnumerable<StockEvent> events) => StockCard.FromLedger(events, _cardProbe ??= probe.ForCards(FacilityId));

    private void PutCard(string medicine, StockCard card)
    {
        DropCard(medicine);
        _cards[medicine] = card;
        foreach (var e in card.Events)
        {
            _events[e.Id] = e;
            _periods.Note(e, accepted: false);
        }
    }

    private void DropCard(string medicine)
    {
        if (_cards.Remove(medicine, out var card))
        {
            foreach (var e in card.Events)
            {
                _events.Remove(e.Id);
            }
        }
    }

    private async Task EnsureCardsLoaded(IReadOnlyCollection<string> medicines)
    {
        var missing = medicines.Where(m => !_cards.ContainsKey(m)).ToList();
        if (missing.Count == 0 || _allCardsLoaded)
        {
            foreach (var m in missing)
            {
                PutCard(m, NewCard([]));
            }
            return;
        }
        var rows = await ledger.LoadAsync(FacilityId, missing);
        var byMedicine = rows.GroupBy(r => r.Medicine).ToDictionary(g => g.Key, g => g.Select(r => r.ToEvent()));
        foreach (var m in missing)
        {
            PutCard(m, NewCard(byMedicine.TryGetValue(m, out var events) ? events : []));
        }
    }

    private async Task EnsureAllCardsLoaded()
    {
        if (_allCardsLoaded)
        {
            return;
        }
        var rows = await ledger.LoadAsync(FacilityId, medicines: null);
        foreach (var group in rows.GroupBy(r => r.Medicine).Where(g => !_cards.ContainsKey(g.Key)))
        {
            PutCard(group.Key, NewCard(group.Select(r => r.ToEvent())));
        }
        _allCardsLoaded = true;
    }

    private async Task ReloadMedicines(CancellationToken cancellationToken) =>
        _medicines = (await catalog.ListAsync(includeRetired: true, cancellationToken)).ToDictionary(m => m.Code, StringComparer.Ordinal);

    private DateOnly Today() => LocalDays.DateOf(clock.GetUtcNow(), _calculation.TimeZone);

    private static StockEventResult Duplicate(Guid id) => new(id, StockEventResult.Duplicate, null);

    private static StockEventResult Conflict(Guid id) => new(id, StockEventResult.Rejected,
        new StockEventError(StockEventError.Conflict, "this event id was already recorded with other content", "id"));

    private static StockEventError FromDomain(StockAddResult outcome) => outcome switch
    {
        { Rejection: { } r } => new StockEventError(r.Code, r.Message, "quantity", r.OccurredAt, r.EventId,
            (int)Math.Clamp(r.Balance, int.MinValue, int.MaxValue)),
        { Errors: { Count: > 0 } errors } => new StockEventError(StockEventError.Invalid, string.Join("; ", errors.First().Value), errors.First().Key),
        _ => new StockEventError(StockEventError.Invalid, $"the event was not accepted ({outcome.Outcome})"),
    };
}
