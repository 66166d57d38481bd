using MhSupply.Alerts;
using MhSupply.Indicators;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MhSupply.Stock;

/// <summary>
/// The projection of the facility's cards: the read model (stock_card), the card alerts, the lot due-index and the
/// reported months, written <see cref="ProjectionSchedule">a moment after</see> the commits they follow, for every card
/// those commits touched, in one transaction that also clears the marker; or at once when a reader or the daily refresh
/// asks. After an activation that found the marker, every card is projected from the ledger.
/// </summary>
internal sealed class FacilityProjection(
    StockFacility facility,
    FacilityCards cards,
    ProjectionMarker marker,
    StockLedger ledger,
    ReportingProjection reporting,
    TimeSpan escalateAfter,
    TimeProvider clock,
    StockWriteProbe probe,
    ProjectionSchedule schedule,
    StockSnapshots snapshots,
    ILogger logger,
    FacilityMedicines? medicineList = null,
    Func<Task<IReadOnlyDictionary<string, StockPipeline>>>? pipelines = null)
{
    /// <summary>
    /// The actor of alert changes the daily refresh makes (the calendar moved the figures): the refresh job's name, so an
    /// alert's history says which job changed it.
    /// </summary>
    public const string RefreshActor = MhSupply.Jobs.JobNames.StockRefresh;

    /// <summary>Who changes alerts that no report of this activation caused: a recovery after a silo died.</summary>
    public const string RecoveryActor = "stock-projection";

    /// <summary>Cards with committed lines the read model does not show yet, with when the latest was committed.</summary>
    private readonly Dictionary<string, DateTimeOffset> _unprojected = new(StringComparer.Ordinal);

    private readonly IndexedLots _lots = new(facility.Id, ledger);

    /// <summary>An activation found the marker: which cards are behind is unknown, so the next projection covers all.</summary>
    private bool _projectAll;

    private string _lastActor = "";

    /// <summary>A commit always leaves cards unprojected, and an activation that found the marker projects all.</summary>
    public bool Due => _projectAll || _unprojected.Count > 0;

    /// <summary>The previous activation committed events it did not live to project (a silo died): recover them.</summary>
    public void RecoverAll()
    {
        _projectAll = true;
        marker.Written();
        schedule.Request();
    }

    public void NoteUnprojected(IEnumerable<string> medicines, DateTimeOffset committedAt, string actor)
    {
        foreach (var medicine in medicines)
        {
            _unprojected[medicine] = committedAt;
        }
        _lastActor = actor;
        probe.Check(facility.Id, StockWriteStep.ProjectionScheduling);
        schedule.Request();
    }

    public async Task ProjectIfDueAsync()
    {
        if (Due)
        {
            await ProjectAsync();
        }
    }

    /// <summary>
    /// Every card's figures move with the calendar (a new month moves the AMC basis, resets stock-out days, shifts the
    /// projected date), so the read model and the card alerts are recomputed as of today: a projection of every card.
    /// Without events no lot came or went, so the due-index has nothing to change unless reports are still unprojected.
    /// A failed commit leaves the rows stale until the next run or report.
    /// </summary>
    public Task<int> RefreshAsync()
    {
        _projectAll = true;
        return ProjectAsync(RefreshActor);
    }

    public async Task OnTimerAsync()
    {
        schedule.Fired();
        if (!Due)
        {
            return;
        }
        try
        {
            await ProjectAsync();
        }
        catch (Exception e)
        {
            schedule.Failed();
            logger.LogWarning(e, "Projecting {Facility}'s stock failed ({Failures} in a row); retrying", facility.Id, schedule.Failures);
            schedule.Request();
        }
    }

    /// <summary>What is due goes before the activation does; if it cannot, the marker stays for the next activation.</summary>
    public async Task ProjectBeforeDeactivationAsync()
    {
        if (!Due)
        {
            return;
        }
        try
        {
            await ProjectAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Projecting {Facility}'s stock on deactivation failed; its next activation will", facility.Id);
        }
    }

    /// <summary>
    /// Writes the read-model rows, card alerts and due-index changes of every unprojected card (all cards after a
    /// recovery or for the daily refresh) as of now, and clears the marker, in one transaction; answers the rows written.
    /// Runs as a grain turn, so no commit interleaves: everything committed so far is in memory and covered.
    /// </summary>
    /// <param name="systemActor">The actor of alert changes when no report is waiting (the calendar or a recovery moved the
    /// figures); with reports waiting it is the last reporter.</param>
    private async Task<int> ProjectAsync(string systemActor = RecoveryActor)
    {
        await cards.EnsureLoadedAsync();
        var now = clock.GetUtcNow();
        // Only cards with lines have a read-model row (an empty card is held after a batch whose events were all rejected).
        var medicines = (_projectAll ? cards.Medicines : _unprojected.Keys.Where(cards.Contains)).Where(m => cards[m].TotalLines > 0).ToList();
        var actor = _unprojected.Count > 0 ? _lastActor : systemActor;
        IReadOnlyList<StockCardRow> rows = [];
        var commands = new List<NpgsqlBatchCommand>();
        if (medicines.Count > 0)
        {
            var coming = pipelines is null ? null : await pipelines();
            (rows, var cardAlerts, var months) = CardFigures(medicines, facility.DayOf(now), now, actor, coming);
            commands.Add(cardAlerts);
            commands.AddRange(CardMonthRows.Commands(facility.Id, months));
        }
        var lots = await _lots.ChangesAsync(medicines, cards);
        commands.AddRange(AlertWriter.IndexLots(facility.Id, lots.Added, lots.Removed, facility.Calculation.ExpiryWarningDays));
        commands.AddRange(await reporting.CommandsAsync(rewriteAll: _projectAll, now, actor));

        await probe.At(facility.Id, StockWriteStep.BeforeProjection);
        await ledger.ProjectAsync(facility.Id, rows, commands);
        if (_unprojected.Count > 0)
        {
            MhSupply.Telemetry.StockTelemetry.ProjectionLag(now - _unprojected.Values.Min());
        }
        _lots.Indexed(lots);
        _unprojected.Clear();
        reporting.Saved();
        _projectAll = false;
        marker.Cleared();
        schedule.Succeeded();
        await snapshots.SaveIfDueAsync(cards, now);
        return rows.Count;
    }

    /// <summary>
    /// Rewrites every month row of every card (mh.stock_card_month) from the whole ledger: the months a projection no
    /// longer reaches (older than the lines a folded card holds) after an upgrade, a restore or a bulk load. Answers the
    /// rows written. The cards in memory stay as they are; whole cards are read one facility at a time.
    /// </summary>
    public async Task<int> RebuildMonthsAsync()
    {
        await cards.EnsureLoadedAsync();
        var today = facility.DayOf(clock.GetUtcNow());
        var whole = await cards.WholeCardsAsync();
        var months = whole.Where(c => c.Value.TotalLines > 0)
            .SelectMany(c => CardMonths.Of(c.Value, today, facility.Policy, facility.Calculation).Select(m => (c.Key, m)))
            .ToList();
        await ledger.WriteAsync([.. CardMonthRows.Commands(facility.Id, months, replaceCards: whole.Keys)]);
        return months.Count;
    }

    /// <summary>
    /// The cards' read-model rows as of <paramref name="today"/>, the statement that brings their card alerts in line, and
    /// the month-end figures the indicators read (<see cref="CardMonths"/>: this month so far, and every earlier month the
    /// card can still answer, which a late report may have changed).
    /// </summary>
    private (IReadOnlyList<StockCardRow> Rows, NpgsqlBatchCommand Alerts, List<(string, CardMonth)> Months) CardFigures(
        IReadOnlyCollection<string> medicines, DateOnly today, DateTimeOffset now, string actor,
        IReadOnlyDictionary<string, StockPipeline>? pipelines)
    {
        var months = new List<(string, CardMonth)>();
        var record = facility.Record;
        var rows = new List<StockCardRow>(medicines.Count);
        var conditions = new List<AlertCondition>();
        var changedAt = new Dictionary<string, DateTimeOffset>(medicines.Count, StringComparer.Ordinal);
        foreach (var medicine in medicines)
        {
            var figures = StockCalculator.Compute(cards[medicine], today, facility.Policy, facility.Calculation, pipelines?.GetValueOrDefault(medicine));
            months.AddRange(CardMonths.Of(cards[medicine], today, facility.Policy, facility.Calculation, figures).Select(m => (medicine, m)));
            rows.Add(StockViews.Row(facility.Id, record.District, record.Region, medicine, figures));
            conditions.AddRange(StockAlertRules.ConditionsFor(new Named(facility.Id, record.Name), medicineList?.AlertName(medicine) ?? Named.Unnamed(medicine), figures));
            // A report changed the card then; a card projected for the new day (or a recovery) changed now.
            changedAt[medicine] = _unprojected.TryGetValue(medicine, out var reportedAt) ? reportedAt : now;
        }
        return (rows, AlertWriter.SyncCardAlerts(facility.Id, record.District, changedAt, conditions, actor, escalateAfter,
            rows.ToDictionary(r => r.Medicine, r => r.Soh, StringComparer.Ordinal)), months);
    }
}
