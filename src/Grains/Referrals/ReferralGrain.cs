using MhSupply.Messages;
using MhSupply.Stock;
using MhSupply.Alerts;
using MhSupply.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Microsoft.Extensions.Options;

namespace MhSupply.Referrals;

/// <summary>
/// One referral. The domain's ReferralRules decide every step; the grain commits the step to PostgreSQL (snapshot,
/// history, follow-ups, deadlines, alerts: one transaction) and only then takes it as its state and answers with it. What
/// it holds (<see cref="ReferralRecord"/>) is loaded on activation and replaced only by a commit, so memory never holds a
/// step the ledger does not, and an answer never needs to read the referral back.
/// </summary>
[GrainType("referral")]
public sealed partial class ReferralGrain(
    ReferralStore store,
    ReferralCallers callers,
    MhSupply.Stock.StockProjectionCatchUp stockProjection,
    IOptions<ReferralDeadlineOptions> deadlines,
    IOptions<ReferralDateOptions> dates,
    IOptions<MhSupply.Stock.StockOptions> stock,
    MhSupply.Reference.FacilityDirectory facilities,
    MhSupply.Reference.MedicineCatalog medicines,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    DeepCopier<ReferralState> copier) : Grain, IReferralGrain
{
    private ReferralRecord _record = ReferralRecord.None;

    private Guid Id => this.GetPrimaryKey();

    private ReferralState S => _record.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken) => await Load(cancellationToken);

    private async Task Load(CancellationToken cancellationToken = default)
    {
        _record = await store.LoadAsync(Id, cancellationToken);
    }

    /// <summary>Writes the step; on success it becomes what the grain holds and the caller is answered with it.</summary>
    private async Task<ReferralOutcome> Commit(ReferralChange change, ReferralCaller caller, ReferralActor actor)
    {
        change = change with { Words = await ReferralAlertWords.ForAsync(change.State, facilities, medicines, change.UnavailableMedicines?.Select(m => m.Medicine).ToList(), Zone) };
        if (!await store.CommitAsync(change))
        {
            // Someone else's step landed first (another activation during a silo failover): re-read and let the caller retry.
            await Load();
            return ReferralOutcome.Refused(ReferralOutcome.Conflict, ReferralMessages.Of("referral.changed_meanwhile"));
        }
        _record = Applied(change);
        return Answer(caller, actor);
    }

    /// <summary>What the store's statements made of the referral (ReferralStore.CommitAsync): kept without reading it back.</summary>
    private ReferralRecord Applied(ReferralChange change)
    {
        var s = change.State;
        var entry = new ReferralHistoryEntry(s.Version, change.Action, s.Status, change.At, change.By, change.Reason);
        var contact = change.NameEncrypted is not null || change.PhoneEncrypted is not null;
        return new ReferralRecord(s, change.Deadline, [.. _record.History, entry],
            contact ? change.NameEncrypted : _record.NameEncrypted, contact ? change.PhoneEncrypted : _record.PhoneEncrypted);
    }

    private DateTimeOffset Now() => clock.GetUtcNow();

    /// <summary>The facilities' calendar, in which refusals and alert texts name their dates.</summary>
    private TimeZoneInfo Zone => _zone ??= TimeZoneInfo.FindSystemTimeZoneById(stock.Value.TimeZone);

    private TimeZoneInfo? _zone;

    /// <summary>A prescribed medicine as a plan in numbers, from the day it was prescribed; null for a free-text dose only.</summary>
    private PlanMedicine? PlanOf(PrescribedMedicine m, DateTimeOffset prescribedAt) =>
        m.Quantity is { } quantity && WireNames.TryParse<DosePeriod>(m.Per ?? "", out var per)
            ? new PlanMedicine(Id.ToString(), S.FromFacility, m.Medicine, quantity, per, m.DurationDays, LocalDays.DateOf(prescribedAt, Zone))
            : null;

    /// <summary>A step whose dates cannot be true, refused naming the field, with its message code and parameters.</summary>
    private static ReferralOutcome Impossible(StepDateRefusal refusal) =>
        ReferralOutcome.Refused(ReferralOutcome.Invalid, refusal.Problem, refusal.Field);

    /// <summary>
    /// The next step is decided on a copy: the current state stays as committed until the commit succeeds, and a state
    /// once answered is never changed (a committed state is replaced, not edited).
    /// </summary>
    private ReferralState Copy(ReferralState s) => copier.Copy(s);
}
