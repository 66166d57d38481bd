using MhSupply.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Microsoft.Extensions.Options;

namespace MhSupply.Referrals;

/// <summary>
/// One referral. The domain's ReferralRules decide every step; the grain commits the step to PostgreSQL (snapshot,
/// history, follow-ups, deadlines, alerts: one transaction) and only then takes it as its state and answers. The snapshot
/// is the grain's one store: it is loaded on activation, so memory never holds a step the ledger does not.
/// </summary>
[GrainType("referral")]
public sealed partial class ReferralGrain(
    ReferralStore store,
    ReferralCallers callers,
    MhSupply.Reference.FacilityDirectory facilities,
    MhSupply.Stock.StockProjectionCatchUp stockProjection,
    IOptions<ReferralDeadlineOptions> deadlines,
    [FromKeyedServices(Clock.Key)] TimeProvider clock,
    DeepCopier<ReferralState> copier) : Grain, IReferralGrain
{
    private ReferralState _state = new();

    private Guid Id => this.GetPrimaryKey();

    private ReferralState S => _state;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _state = (await store.LoadSnapshotAsync(Id, cancellationToken)).State ?? new ReferralState();
        if (S.Exists && S.FromDistrict.Length == 0)
        {
            // Referrals made before the sending district was kept: the registry knows it.
            S.FromDistrict = (await facilities.FindAsync(S.FromFacility, cancellationToken))?.District ?? S.District;
        }
    }

    public async Task<ReferralOutcome> Create(NewReferral r, ReferralActor actor)
    {
        if (S.Exists)
        {
            // A retried submission is recognised; the same id for another referral is a conflict.
            var same = S.PatientCode == r.PatientCode && S.FromFacility == r.FromFacility && S.ToFacility == r.ToFacility
                && S.ToService == r.ToService && S.Reason == r.Reason && S.Urgency == r.Urgency;
            return same ? ReferralOutcome.Success : new ReferralOutcome(ReferralOutcome.Conflict, "this referral id is already used for another referral", "id");
        }
        var caller = await callers.ResolveAsync(actor);
        if (ReferralAccessPolicy.MayRefer(caller, r.FromFacility, r.FromDistrict) is not { } capacity)
        {
            return new ReferralOutcome(ReferralOutcome.ForbiddenRole,
                $"Only a clinician or community worker of {r.FromFacility}, or a referral coordinator of its district, refers from it.");
        }
        if (!WireNames.TryParse<Urgency>(r.Urgency, out var urgency))
        {
            return new ReferralOutcome(ReferralOutcome.Invalid, "urgency is emergency, urgent or routine", "urgency");
        }
        var at = r.At.ToUniversalTime();
        var next = new ReferralState
        {
            Version = 1,
            Status = ReferralStatus.Requested.ToWireName(),
            StatusAt = at,
            PatientCode = r.PatientCode,
            Sex = r.Sex,
            BirthYear = r.BirthYear,
            FromFacility = r.FromFacility,
            ToFacility = r.ToFacility,
            ToService = r.ToService,
            District = r.District,
            Reason = r.Reason,
            Urgency = r.Urgency,
            Notes = r.Notes,
            Consent = r.Consent.ReceivingService,
            ConsentCommunity = r.Consent.CommunityServices,
            ConsentFacilities = [.. r.Consent.Facilities],
            FromDistrict = r.FromDistrict,
            CreatedAt = at,
            CreatedBy = actor.Subject,
            ClockFrom = at,
        };
        var deadline = ReferralDeadlines.Next(ReferralStatus.Requested, urgency, at, null, deadlines.Value);
        return await Commit(new ReferralChange(Id, next, "create", at, Now(), actor.Subject, capacity.ToString(), null,
            new { r.Notes, consent = r.Consent }, deadline, StatusChanged: true, [], [], r.NameEncrypted, r.PhoneEncrypted,
            ClientAddress: actor.ClientAddress));
    }

    public async Task<ReferralOutcome> Act(ReferralCommand command, ReferralActor actor)
    {
        if (!S.Exists)
        {
            return new ReferralOutcome(ReferralOutcome.NotFound, "no such referral");
        }
        if (!WireNames.TryParse<ReferralAction>(command.Action, out var action))
        {
            return new ReferralOutcome(ReferralOutcome.Invalid, $"unknown action '{command.Action}'", "action");
        }
        var at = command.At.ToUniversalTime();
        if (at < S.StatusAt)
        {
            return new ReferralOutcome(ReferralOutcome.Invalid,
                $"at must not be before the referral's last step ({S.StatusAt:O})", "at");
        }
        WireNames.TryParse<ReferralStatus>(S.Status, out var current);
        var access = await AccessOf(actor);
        if (!access.CanRead)
        {
            return NotInReach;
        }
        var (decision, capacity) = Decide(current, action, access.Capacities, command.Reason);
        if (decision.Kind != ReferralDecisionKind.Allowed)
        {
            return Refusal(decision, current);
        }
        var next = Copy(S);
        next.Version++;
        next.Status = decision.NewStatus!.Value.ToWireName();
        next.StatusAt = at;
        IReadOnlyList<string>? unavailable = null;
        switch (action)
        {
            case ReferralAction.Accept when next.ToFacility is null:
                // A referral to a service type is claimed by the facility that accepts it.
                next.ToFacility = access.ActingFacility;
                break;
            case ReferralAction.Book:
                if (command.AppointmentAt is null)
                {
                    return new ReferralOutcome(ReferralOutcome.Invalid, "appointmentAt is required to book", "appointmentAt");
                }
                next.AppointmentAt = command.AppointmentAt.Value.ToUniversalTime();
                break;
            case ReferralAction.BackRefer:
                if (command.BackReferral is null)
                {
                    return new ReferralOutcome(ReferralOutcome.Invalid, "a back-referral needs diagnosis, plan, medicines and followUpEveryDays", "diagnosis");
                }
                next.BackReferral = command.BackReferral;
                next.BackReferralSentAt = at;
                next.BackReferralBy = actor.Subject;
                // Read from the read model: the primary care facility's latest reports must be in it.
                await stockProjection.CatchUpAsync(null, [S.FromFacility]);
                unavailable = await store.UnavailableAtAsync(S.FromFacility,
                    command.BackReferral.Medicines.Select(m => m.Medicine).ToList());
                break;
        }
        // "Not accepted" counts from the request: acknowledging receipt is not acceptance and must not restart the clock.
        next.ClockFrom = decision.NewStatus.Value == ReferralStatus.Received ? S.ClockFrom : at;
        WireNames.TryParse<Urgency>(next.Urgency, out var urgency);
        var deadline = ReferralDeadlines.Next(decision.NewStatus.Value, urgency, next.ClockFrom, next.AppointmentAt, deadlines.Value);
        object? details = action switch
        {
            ReferralAction.Book => new { appointmentAt = next.AppointmentAt },
            ReferralAction.BackRefer => command.BackReferral,
            ReferralAction.Accept => new { toFacility = next.ToFacility },
            _ => null,
        };
        return await Commit(new ReferralChange(Id, next, action.ToWireName(), at, Now(), actor.Subject, capacity.ToString(),
            command.Reason, details, deadline, StatusChanged: next.Status != S.Status || action == ReferralAction.Book, [], [],
            UnavailableMedicines: unavailable, ReceivingFacilityForStock: S.FromFacility, ClientAddress: actor.ClientAddress));
    }

    /// <summary>Tries each capacity the caller holds; the first that may act wins, else the most telling refusal.</summary>
    private static (ReferralDecision Decision, ReferralRole Capacity) Decide(ReferralStatus current, ReferralAction action,
        IReadOnlyList<ReferralRole> capacities, string? reason)
    {
        if (capacities.Count == 0)
        {
            // Transition first (as the rules order their checks): a step the machine forbids is a 409 for anyone.
            var anyone = ReferralRules.Decide(current, action, ReferralRole.Admin, reason);
            return (anyone.Kind == ReferralDecisionKind.ForbiddenTransition
                ? anyone
                : new ReferralDecision(ReferralDecisionKind.ForbiddenRole, null, "You may read this referral but take no step in it."), default);
        }
        var refusals = new List<(ReferralDecision Decision, ReferralRole Capacity)>();
        foreach (var capacity in capacities)
        {
            var decision = ReferralRules.Decide(current, action, capacity, reason);
            if (decision.Kind == ReferralDecisionKind.Allowed)
            {
                return (decision, capacity);
            }
            refusals.Add((decision, capacity));
        }
        // A missing reason says more than a capacity that may not act at all.
        return refusals.OrderBy(r => r.Decision.Kind switch
        {
            ReferralDecisionKind.ForbiddenTransition => 0,
            ReferralDecisionKind.ReasonRequired => 1,
            _ => 2,
        }).First();
    }

    /// <summary>What the access policy allows this caller on this referral.</summary>
    private async Task<ReferralAccess> AccessOf(ReferralActor actor) =>
        ReferralAccessPolicy.Decide(await callers.ResolveAsync(actor), S.Parties());

    /// <summary>Outside the caller's reach a referral is answered as absent: its existence is not theirs to know.</summary>
    private static readonly ReferralOutcome NotInReach = new(ReferralOutcome.NotFound, "No such referral within your scope.");

    private static ReferralOutcome Refusal(ReferralDecision decision, ReferralStatus current) => decision.Kind switch
    {
        ReferralDecisionKind.ForbiddenTransition => new ReferralOutcome(ReferralOutcome.ForbiddenTransition, decision.Message, null, current.ToWireName()),
        ReferralDecisionKind.ReasonRequired => new ReferralOutcome(ReferralOutcome.Invalid, decision.Message, "reason"),
        _ => new ReferralOutcome(ReferralOutcome.ForbiddenRole, decision.Message, null, current.ToWireName()),
    };

    private async Task<ReferralOutcome> Commit(ReferralChange change)
    {
        if (!await store.CommitAsync(change))
        {
            // Someone else's step landed first (another activation during a silo failover): re-read and let the caller retry.
            var (_, snapshot) = await store.LoadSnapshotAsync(Id);
            _state = snapshot ?? new ReferralState();
            return new ReferralOutcome(ReferralOutcome.Conflict, "the referral changed meanwhile; reload and retry");
        }
        _state = change.State;
        return ReferralOutcome.Success;
    }

    private DateTimeOffset Now() => clock.GetUtcNow();

    /// <summary>The next step is decided on a copy: the current state stays as committed until the commit succeeds.</summary>
    private ReferralState Copy(ReferralState s) => copier.Copy(s);
}
