using MhSupply.Alerts;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MhSupply.Stock;

/// <summary>
/// The projection of the facility's cards: the read model (stock_card), the card alerts and the lot due-index, written
/// Stock:ProjectionDelay after the commits they follow, or at once when a reader or the daily refresh asks (see the
/// class summary for why and how a crash is recovered).
/// </summary>
public sealed partial class FacilityStockGrain
{
    /// <summary>Cards with committed lines the read model does not show yet, with when the latest was committed.</summary>
    private readonly Dictionary<string, DateTimeOffset> _unprojected = new(StringComparer.Ordinal);

    /// <summary>Per card, the dated lots the due-index was last brought in line with (read from the read model when unknown).</summary>
    private readonly Dictionary<string, List<(string Lot, DateOnly Expiry)>> _indexedLots = new(StringComparer.Ordinal);

    /// <summary>An activation found the marker: which cards are behind is unknown, so the next projection covers all.</summary>
    private bool _projectAll;

    /// <summary>The marker is in PostgreSQL (or may be): later commits need not write it again until a projection clears it.</summary>
    private bool _markerCommitted;

    private string _lastActor = "";
    private IGrainTimer? _projectionTimer;
    private bool _projectionScheduled;
    private int _projectionFailures;

    /// <summary>
    /// Every card's figures move with the calendar (a new month moves the AMC basis, resets stock-out days, shifts the
    /// projected date), so the read model and the card alerts are recomputed as of today: a projection of every card.
    /// Without events no lot came or went, so the due-index has nothing to change unless reports are still unprojected.
    /// A failed commit leaves the rows stale until the next run or report.
    /// </summary>
    public async Task<int> RefreshFigures()
    {
        _projectAll = true;
        return await ProjectPending(MhSupply.Jobs.JobNames.StockRefresh);
    }

    public async Task Project()
    {
        if (ProjectionDue)
        {
            await ProjectPending();
        }
    }

    /// <summary>Who changes alerts that no report of this activation caused: a recovery after a silo died.</summary>
    private const string ProjectionRecoveryActor = "stock-projection";

    /// <summary>A commit always leaves cards unprojected, and an activation that found the marker projects all.</summary>
    private bool ProjectionDue => _projectAll || _unprojected.Count > 0;

    private void NoteUnprojected(IEnumerable<string> medicines, DateTimeOffset committedAt, string actor)
    {
        foreach (var medicine in medicines)
        {
            _unprojected[medicine] = committedAt;
        }
        _lastActor = actor;
        probe.Check(FacilityId, StockWriteStep.ProjectionScheduling);
        ScheduleProjection();
    }

    private void ScheduleProjection()
    {
        if (_projectionScheduled)
        {
            return;
        }
        var delay = options.Value.ProjectionDelay;
        // After failures (PostgreSQL away), back off up to a minute; the marker keeps the work safe meanwhile.
        var due = _projectionFailures == 0 ? delay : TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, delay.Ticks << Math.Min(_projectionFailures, 16)));
        if (_projectionTimer is null)
        {
            _projectionTimer = this.RegisterGrainTimer(OnProjectionTimer,
                new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { Interleave = false, KeepAlive = true });
        }
        else
        {
            _projectionTimer.Change(due, Timeout.InfiniteTimeSpan);
        }
        _projectionScheduled = true;
    }

    private async Task OnProjectionTimer(CancellationToken cancellationToken)
    {
        _projectionScheduled = false;
        if (!ProjectionDue)
        {
            return;
        }
        try
        {
            await ProjectPending();
        }
        catch (Exception e)
        {
            _projectionFailures++;
            logger.LogWarning(e, "Projecting {Facility}'s stock failed ({Failures} in a row); retrying", FacilityId, _projectionFailures);
            ScheduleProjection();
        }
    }

    /// <summary>
    /// Writes the read-model rows, card alerts and due-index changes of every unprojected card (all cards after a
    /// recovery or for the daily refresh) as of now, and clears the marker, in one transaction; answers the rows written.
    /// Runs as a grain turn, so no commit interleaves: everything committed so far is in memory and covered.
    /// </summary>
    /// <param name="systemActor">The actor of alert changes when no report is waiting (the calendar or a recovery moved the
    /// figures); with reports waiting it is the last reporter.</param>
    private async Task<int> ProjectPending(string systemActor = ProjectionRecoveryActor)
    {
        await EnsureAllCardsLoaded();
        var now = clock.GetUtcNow();
        var today = LocalDays.DateOf(now, _calculation.TimeZone);
        // Only cards with lines have a read-model row (an empty card is held after a batch whose events were all rejected).
        var medicines = (_projectAll ? _cards.Keys : _unprojected.Keys.Where(_cards.ContainsKey))
            .Where(m => _cards[m].Count > 0).ToList();
        var actor = _unprojected.Count > 0 ? _lastActor : systemActor;
        IReadOnlyList<StockCardRow> rows = [];
        var commands = new List<NpgsqlBatchCommand>();
        if (medicines.Count > 0)
        {
            (rows, var cardAlerts) = CardFigures(medicines, today, now, actor);
            commands.Add(cardAlerts);
        }
        var (lotsAdded, lotsRemoved, lotsNow) = await LotChanges(medicines);
        commands.AddRange(AlertWriter.IndexLots(FacilityId, lotsAdded, lotsRemoved, _calculation.ExpiryWarningDays));
        commands.AddRange(await ReportingCommands(now, actor));

        await probe.At(FacilityId, StockWriteStep.BeforeProjection);
        await ledger.ProjectAsync(FacilityId, rows, commands);
        foreach (var (medicine, lots) in lotsNow)
        {
            _indexedLots[medicine] = lots;
        }
        _unprojected.Clear();
        _periods.Saved();
        _projectAll = _markerCommitted = false;
        _projectionFailures = 0;
        return rows.Count;
    }

    /// <summary>How the cards' dated lots moved since the due-index last followed them.</summary>
    private async Task<(List<(string Medicine, string Lot, DateOnly Expiry)> Added, List<(string Medicine, string Lot)> Removed,
        List<(string Medicine, List<(string Lot, DateOnly Expiry)> Lots)> Now)> LotChanges(IReadOnlyCollection<string> medicines)
    {
        var unknown = medicines.Where(m => !_indexedLots.ContainsKey(m)).ToList();
        if (unknown.Count > 0)
        {
            var projected = await ledger.ProjectedLotsAsync(FacilityId, unknown);
            foreach (var m in unknown)
            {
                _indexedLots[m] = projected.TryGetValue(m, out var lots) ? DatedLots(lots) : [];
            }
        }
        var added = new List<(string Medicine, string Lot, DateOnly Expiry)>();
        var removed = new List<(string Medicine, string Lot)>();
        var now = new List<(string Medicine, List<(string Lot, DateOnly Expiry)> Lots)>();
        foreach (var medicine in medicines)
        {
            var after = DatedLots(_cards[medicine].Lots);
            var before = _indexedLots[medicine];
            added.AddRange(after.Where(a => !before.Contains(a)).Select(l => (medicine, l.Lot, l.Expiry)));
            removed.AddRange(before.Where(b => after.All(a => a.Lot != b.Lot)).Select(l => (medicine, l.Lot)));
            now.Add((medicine, after));
        }
        return (added, removed, now);
    }

    /// <summary>
    /// The months reported for and what the facility now owes, when a report brought a new month (or an earlier first
    /// recording of one), after a failed batch, and on a full projection: then the facility's rows are rewritten from the
    /// events in memory, which are the ledger's.
    /// </summary>
    private async Task<IReadOnlyList<NpgsqlBatchCommand>> ReportingCommands(DateTimeOffset now, string actor)
    {
        if (_periods.Stale)
        {
            _periods.Rebuild(_events.Values);
        }
        // Kept until a projection succeeds: a failed one leaves the rewrite to the next.
        var rewrite = _projectAll || _periods.RewritePending;
        if (!rewrite && _periods.Changed.Count == 0)
        {
            return [];
        }
        // The registry decides from which month the facility is expected; an admin may have changed it since activation.
        _facility = await facilities.FindAsync(FacilityId) ?? _facility;
        var written = rewrite ? _periods.FirstRecorded.Keys.ToList() : _periods.Changed.ToList();
        return [.. ReportedPeriodRows.Commands(FacilityId, written.Select(p => (p, _periods.FirstRecorded[p])).ToList(), replaceAll: rewrite),
            .. reporting.Commands(_facility, _periods.Periods, now, actor)];
    }

    /// <summary>The cards' read-model rows as of <paramref name="today"/>, and the statement that brings their card alerts in line.</summary>
    private (IReadOnlyList<StockCardRow> Rows, NpgsqlBatchCommand Alerts) CardFigures(IReadOnlyCollection<string> medicines,
        DateOnly today, DateTimeOffset now, string actor)
    {
        var rows = new List<StockCardRow>(medicines.Count);
        var conditions = new List<AlertCondition>();
        var changedAt = new Dictionary<string, DateTimeOffset>(medicines.Count, StringComparer.Ordinal);
        foreach (var medicine in medicines)
        {
            var figures = StockCalculator.Compute(_cards[medicine], today, _policy, _calculation);
            rows.Add(StockViews.Row(FacilityId, _facility.District, _facility.Region, medicine, figures));
            conditions.AddRange(StockAlertRules.ConditionsFor(FacilityId, medicine, figures));
            // A report changed the card then; a card projected for the new day (or a recovery) changed now.
            changedAt[medicine] = _unprojected.TryGetValue(medicine, out var reportedAt) ? reportedAt : now;
        }
        return (rows, AlertWriter.SyncCardAlerts(FacilityId, _facility.District, changedAt, conditions, actor, alertOptions.Value.EscalateAfter));
    }

    /// <summary>Lots with an expiry on the shelf after the card's last line: what the due-index tracks (a card holds a few).</summary>
    private static List<(string Lot, DateOnly Expiry)> DatedLots(IEnumerable<LotBalance> balances)
    {
        var lots = new List<(string Lot, DateOnly Expiry)>();
        foreach (var l in balances)
        {
            if (l.Soh > 0 && l.Expiry is { } expiry)
            {
                lots.Add((l.Lot, expiry));
            }
        }
        return lots;
    }
}
