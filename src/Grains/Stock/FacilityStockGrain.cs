using MhSupply.Alerts;
using MhSupply.Hosting;
using MhSupply.Reference;
using MhSupply.Validation;
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
/// Consistency: the ledger is the source of truth. A batch is admitted (<see cref="StockIntake"/>), decided by the cards
/// in memory (<see cref="FacilityCards"/>, the domain's <see cref="StockCard"/>), committed with the facility's
/// pending-projection marker and its ledger positions (<see cref="StockCommitter"/>), and only then answered. If anything
/// fails the cards are dropped from memory and reloaded on next use, so the grain can never hold what PostgreSQL does not
/// (or miss what it does).
///
/// Cost: the cards hold the last few days' lines and fold older ones into their history (<see cref="StockCard.FoldThrough"/>),
/// and the facility keeps a snapshot of those histories in grain storage (<see cref="StockSnapshots"/>, Orleans
/// persistence on the configured provider). An activation reads the snapshot, the held lines and the events committed
/// after it (<see cref="FacilityCardLoader"/>), so both memory and activation follow what is recent, not the ledger's years.
///
/// Projection: the read model (stock_card), the card alerts, the lot due-index and the reported months are derived from
/// the cards a moment after the commit (Stock:ProjectionDelay), for every card the reports of that moment touched, in one
/// transaction that also clears the marker (<see cref="FacilityProjection"/>). Under load a card is written once per
/// interval instead of once per batch (the stock commit then costs PostgreSQL about what a plain insert of its events
/// does). Nobody reads a stale row for it: readers of the read model first ask the facilities in their scope that hold a
/// marker to project (<see cref="StockProjectionCatchUp"/>). A silo that dies in between leaves the marker: the next
/// activation (by a report, a reader or the alert scan) projects every card of the facility from the ledger.
/// </summary>
[GrainType("facility-stock")]
public sealed class FacilityStockGrain(
    StockLedger ledger,
    FacilityDirectory facilities,
    MedicineCatalog catalog,
    FacilityReasons reasons,
    IOptions<StockOptions> options,
    IOptions<AlertOptions> alertOptions,
    IOptions<InputBoundsOptions> bounds,
    [PersistentState("stock", GrainStorage.Name)] IPersistentState<FacilityStockSnapshot> snapshot,
    ReportingSchedule reporting,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    StockWriteProbe probe,
    FacilityPipeline pipeline,
    ILogger<FacilityStockGrain> logger) : Grain, IFacilityStockGrain
{
    private StockFacility _facility = null!;
    private FacilityMedicines _medicines = null!;
    private FacilityCards _cards = null!;
    private StockIntake _intake = null!;
    private StockCommitter _committer = null!;
    private FacilityProjection _projection = null!;
    private FacilityCardLoader _loader = null!;
    private StockSnapshots _snapshots = null!;
    private IGrainTimer? _projectionTimer;

    private string FacilityId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var record = await facilities.FindAsync(FacilityId, cancellationToken)
            ?? throw new InvalidOperationException($"facility '{FacilityId}' is not registered");
        var facility = _facility = new StockFacility(FacilityId, record, options.Value.PolicyFor(record.Level), options.Value.CalculationOptions(),
            options.Value.LateDays);
        _medicines = new FacilityMedicines(catalog);
        await _medicines.ReloadAsync(cancellationToken);
        await reasons.EnsureLoadedAsync(cancellationToken);
        var marker = new ProjectionMarker();
        _loader = new FacilityCardLoader(facility, ledger, reporting.Calendar, probe.ForCards(FacilityId), logger);
        _snapshots = new StockSnapshots(snapshot, FacilityId, logger);
        _cards = new FacilityCards(facility, _loader, _snapshots.ReadAsync, reporting.Calendar, clock);
        _intake = new StockIntake(facility, _medicines, reasons, _cards, ledger, bounds.Value.Earliest, probe);
        _projection = new FacilityProjection(facility, _cards, marker, ledger, new ReportingProjection(facility, _cards, facilities, reporting),
            alertOptions.Value.EscalateAfter, clock, probe, new ProjectionSchedule(options.Value.ProjectionDelay, SetProjectionTimer), _snapshots, logger, _medicines,
            () => pipeline.ForAsync(FacilityId, _facility.Calculation.TimeZone));
        _committer = new StockCommitter(facility, _cards, marker, ledger, _projection, probe, logger);
        if (await ledger.IsProjectionPendingAsync(FacilityId, cancellationToken))
        {
            _projection.RecoverAll();
        }
    }

    /// <remarks>An activation that failed (an unregistered facility) has nothing to project or keep.</remarks>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_projection is not null)
        {
            await _projection.ProjectBeforeDeactivationAsync();
            await _snapshots.SaveIfDueAsync(_cards, clock.GetUtcNow(), final: true);
        }
    }

    public Task<StockEventResult[]> Submit(StockSubmission submission) => SubmitAsync(submission, whole: false);

    public Task<StockEventResult[]> SubmitSheet(StockSubmission submission) => SubmitAsync(submission, whole: true);

    private async Task<StockEventResult[]> SubmitAsync(StockSubmission submission, bool whole)
    {
        // A concurrent submission of the same id to another facility can win the race to the primary key: then
        // the second attempt sees the stored event and answers conflict or duplicate.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var now = clock.GetUtcNow();
                var batch = await _intake.AdmitAsync(submission.Events, now, askLedgerForIds: attempt > 1);
                await _committer.CommitAsync(batch, submission.RecordedBy, now, whole);
                var results = batch.Results();
                StockMetrics.Answered(results);
                return results;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && attempt < 3)
            {
                logger.LogInformation("Event id raced another submission at {Facility}; re-evaluating the batch", FacilityId);
            }
        }
    }

    public async Task<FacilityStockView> GetStock(DateOnly? asOf)
    {
        var day = asOf ?? _facility.DayOf(clock.GetUtcNow());
        await _cards.EnsureLoadedAsync();
        // The list decides the "no line yet" rows, and an admin may have added or retired items since activation.
        await _medicines.ReloadAsync();
        // What is coming is known as of now only (orders are not in the ledger): a view of a past day goes without it.
        var today = _facility.DayOf(clock.GetUtcNow());
        return await _cards.ViewAsync(day, _medicines, day >= today ? await pipeline.ForAsync(FacilityId, _facility.Calculation.TimeZone) : null);
    }

    /// <summary>A card's lines with their running balances come from its ledger: memory holds the last days only.</summary>
    public async Task<StockCardLineView[]> GetCard(string medicine, DateTimeOffset? from, DateTimeOffset? to)
    {
        var card = (await _loader.CardsFromLedgerAsync([medicine]))[medicine];
        return card.Lines(from, to).Select(l => StockViews.Line(l, card.Find(l.EventId)!)).ToArray();
    }

    public Task<int> RefreshFigures() => _projection.RefreshAsync();

    public Task<int> RebuildMonths() => _projection.RebuildMonthsAsync();

    public async Task<FacilityStockMemory> Describe()
    {
        await _cards.EnsureLoadedAsync();
        var cards = _cards.Medicines.Select(m => _cards[m]).ToList();
        return new FacilityStockMemory(_cards.Source, _cards.Position, _cards.ThroughDay, cards.Count, cards.Sum(c => c.Count),
            cards.Sum(c => c.TotalLines), _snapshots.StoredPosition);
    }

    public Task Project() => _projection.ProjectIfDueAsync();

    /// <summary>One timer per activation, not interleaving with reports, and keeping the activation alive until it fires.</summary>
    private void SetProjectionTimer(TimeSpan due)
    {
        if (_projectionTimer is null)
        {
            _projectionTimer = this.RegisterGrainTimer(_ => _projection.OnTimerAsync(),
                new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true });
        }
        else
        {
            _projectionTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }
}
