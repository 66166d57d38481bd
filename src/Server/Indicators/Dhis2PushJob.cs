using MhSupply.Alerts;
using MhSupply.Hosting;
using MhSupply.Jobs;
using MhSupply.Reference;
using MhSupply.Reporting;
using MhSupply.Stock;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MhSupply.Indicators;

/// <summary>
/// "dhis2-push": sends the data value set of a period for the configured place (Dhis2:OrgUnit) and every place under it to
/// DHIS2, and records each push and each attempt (<see cref="Dhis2PushLedger"/>). On schedule it pushes the last complete
/// month once its reports are due (after Alerts:ReportDueDay), and retries the pushes whose back-off has passed, so a
/// schedule of every hour costs one query per run most of the month; on demand an admin names the period and may force
/// a period DHIS2 already took. One run at a time, across silos.
/// </summary>
public sealed class Dhis2PushJob(
    IOptions<Dhis2PushOptions> options,
    IOptions<AlertOptions> alerts,
    IOptions<StockOptions> stock,
    Dhis2Export export,
    Dhis2MappingStore mappings,
    Dhis2PushStore pushes,
    Dhis2PushLedger ledger,
    Dhis2PushSender sender,
    FacilityDirectory directory,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    ILogger<Dhis2PushJob> logger) : IRecurringJob
{
    public const string JobName = JobNames.Dhis2Push;

    public string Name => JobName;

    /// <summary>The due day is a day of the facilities' calendar.</summary>
    public TimeZoneInfo ScheduleTimeZone => Zone;

    private TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(stock.Value.TimeZone);

    private ReportingCalendar Calendar => new(alerts.Value.ReportDueDay, Zone);

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var answers = new List<Dhis2PushAnswer>();
        var month = Dhis2PushPolicy.LastCompleteMonth(clock.GetUtcNow(), Zone);
        if (!options.Value.IsConfigured)
        {
            answers.Add(new Dhis2PushAnswer(Dhis2PushOutcomes.NotConfigured, month.ToDhis2(), "", null));
        }
        else
        {
            await using var held = await ledger.TryLockAsync(cancellationToken);
            if (held is null)
            {
                answers.Add(new Dhis2PushAnswer(Dhis2PushOutcomes.Busy, month.ToDhis2(), "", null));
            }
            else
            {
                foreach (var due in await pushes.DueAsync(clock.GetUtcNow(), cancellationToken))
                {
                    answers.Add(await AttemptAsync(due.Id, due.Period, due.OrgUnit, cancellationToken));
                }
                answers.Add(await PushPeriodAsync(month, onDemand: false, force: false, JobName, cancellationToken));
            }
        }
        return string.Join(" ", answers.Select(a => Dhis2PushWords.Of(a).Text));
    }

    /// <summary>An admin's push of <paramref name="period"/> (the last complete month when null).</summary>
    public async Task<Dhis2PushAnswer> PushAsync(IndicatorPeriod? period, bool force, string by, CancellationToken cancellationToken)
    {
        var asked = period ?? Dhis2PushPolicy.LastCompleteMonth(clock.GetUtcNow(), Zone);
        if (!options.Value.IsConfigured)
        {
            return new Dhis2PushAnswer(Dhis2PushOutcomes.NotConfigured, asked.ToDhis2(), "", null);
        }
        await using var held = await ledger.TryLockAsync(cancellationToken);
        if (held is null)
        {
            return new Dhis2PushAnswer(Dhis2PushOutcomes.Busy, asked.ToDhis2(), "", null);
        }
        var answer = await PushPeriodAsync(asked, onDemand: true, force, by, cancellationToken);
        logger.LogInformation("DHIS2 push of {Period} by {By}: {Outcome}", answer.Period, by, answer.Outcome);
        return answer;
    }

    private async Task<Dhis2PushAnswer> PushPeriodAsync(IndicatorPeriod period, bool onDemand, bool force, string by, CancellationToken cancellationToken)
    {
        var place = PlaceId;
        var dhis2Period = period.ToDhis2();
        if (await ScopeOfAsync(place, cancellationToken) is null)
        {
            return new Dhis2PushAnswer(Dhis2PushOutcomes.OrgUnitUnknown, dhis2Period, place, null);
        }
        var history = await pushes.HistoryAsync(dhis2Period, place, cancellationToken);
        var now = clock.GetUtcNow();
        var dueAt = Dhis2PushPolicy.DueAt(period, Calendar);
        switch (Dhis2PushPolicy.Decide(history, onDemand, force, now, dueAt))
        {
            case Dhis2PushStep.NotDue:
                return new Dhis2PushAnswer(Dhis2PushOutcomes.NotDue, dhis2Period, place, null, dueAt);
            case Dhis2PushStep.AlreadyPushed:
                return await AnswerAsync(Dhis2PushOutcomes.AlreadyPushed, dhis2Period, place, history.AcceptedId, cancellationToken);
            case Dhis2PushStep.WaitsForRetry:
                return await AnswerAsync(Dhis2PushOutcomes.WaitsForRetry, dhis2Period, place, history.PendingId, cancellationToken);
            case Dhis2PushStep.WaitsForAdmin:
                return await AnswerAsync(Dhis2PushOutcomes.WaitsForAdmin, dhis2Period, place, history.LastId, cancellationToken);
            case Dhis2PushStep.Resume:
                return await AttemptAsync(history.PendingId!.Value, dhis2Period, place, cancellationToken);
            default:
                var set = await BuildAsync(dhis2Period, place, cancellationToken);
                if (set is null || set.DataValues.Count == 0)
                {
                    return new Dhis2PushAnswer(Dhis2PushOutcomes.NothingMapped, dhis2Period, place, null);
                }
                var id = await ledger.OpenAsync(dhis2Period, place, force, by, now, cancellationToken);
                return await AttemptAsync(id, dhis2Period, place, cancellationToken, set);
        }
    }

    /// <summary>One delivery of a pending push, recorded before and after; the set is built again from today's figures when not given.</summary>
    private async Task<Dhis2PushAnswer> AttemptAsync(long id, string period, string place, CancellationToken cancellationToken, Dhis2DataValueSet? built = null)
    {
        var settings = options.Value;
        var set = built ?? await BuildAsync(period, place, cancellationToken);
        var now = clock.GetUtcNow();
        if (set is null || set.DataValues.Count == 0)
        {
            // The mapping or the place went away since the push was opened: nothing can be sent, and waiting will not change it.
            await ledger.AttemptFailedAsync(id, set is null ? $"'{place}' is no longer one of our places" : "no figure has a DHIS2 mapping any more",
                giveUp: true, now, now, cancellationToken);
            return await AnswerAsync(Dhis2PushOutcomes.Failed, period, place, id, cancellationToken);
        }
        var attempt = await ledger.BeginAttemptAsync(id, set.DataValues.Count, set.OrgUnit, now,
            n => now + Dhis2PushPolicy.RetryAfter(n, settings.FirstRetryAfter, settings.MaxRetryAfter), cancellationToken);
        if (attempt is not { } number)
        {
            return await AnswerAsync(Dhis2PushOutcomes.Busy, period, place, id, cancellationToken);
        }
        var delivery = await sender.SendAsync(set, cancellationToken);
        var finished = clock.GetUtcNow();
        if (delivery.Summary is { } summary)
        {
            await ledger.DeliveredAsync(id, summary, finished, cancellationToken);
            logger.LogInformation("DHIS2 took {Period} for {Place}: {Status}, {Imported} imported, {Updated} updated, {Ignored} ignored, {Conflicts} conflicts",
                period, place, summary.Status, summary.Imported, summary.Updated, summary.Ignored, summary.Conflicts.Count);
            return await AnswerAsync(Dhis2PushOutcomes.Delivered, period, place, id, cancellationToken);
        }
        var giveUp = !delivery.Retryable || number >= settings.MaxAttempts;
        logger.LogWarning("DHIS2 push of {Period} for {Place} failed (attempt {Attempt}{GivenUp}): {Error}",
            period, place, number, giveUp ? ", given up" : "", delivery.Error);
        await ledger.AttemptFailedAsync(id, delivery.Error!, giveUp, finished,
            finished + Dhis2PushPolicy.RetryAfter(number, settings.FirstRetryAfter, settings.MaxRetryAfter), cancellationToken);
        return await AnswerAsync(giveUp ? Dhis2PushOutcomes.Failed : Dhis2PushOutcomes.Retry, period, place, id, cancellationToken);
    }

    private async Task<Dhis2DataValueSet?> BuildAsync(string period, string place, CancellationToken cancellationToken)
    {
        if (await ScopeOfAsync(place, cancellationToken) is not { } scope || IndicatorPeriod.Parse(period) is not { } asked)
        {
            return null;
        }
        var mapping = await mappings.GetAsync(cancellationToken);
        return await export.BuildAsync(scope, asked, children: true, mapping, cancellationToken);
    }

    private async Task<Dhis2PushAnswer> AnswerAsync(string outcome, string period, string place, long? id, CancellationToken cancellationToken) =>
        new(outcome, period, place, id is { } push ? await pushes.FindAsync(push, cancellationToken) : null);

    /// <summary>Our id of the configured place, '' for the whole country: the ledger's org_unit.</summary>
    private string PlaceId => options.Value.IsNational ? "" : options.Value.OrgUnit!.Trim();

    /// <summary>Our id names a facility, else a district, else a region (as the export's endpoint reads it); null when none.</summary>
    private async Task<IndicatorScope?> ScopeOfAsync(string place, CancellationToken cancellationToken) =>
        place.Length == 0 ? IndicatorScope.National
        : await directory.FindAsync(place, cancellationToken) is not null ? new IndicatorScope(IndicatorLevel.Facility, place)
        : await directory.HasAreaAsync(place, region: false, cancellationToken) ? new IndicatorScope(IndicatorLevel.District, place)
        : await directory.HasAreaAsync(place, region: true, cancellationToken) ? new IndicatorScope(IndicatorLevel.Region, place)
        : null;
}
