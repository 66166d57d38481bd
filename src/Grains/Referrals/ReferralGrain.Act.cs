using MhSupply.Messages;
namespace MhSupply.Referrals;

public sealed partial class ReferralGrain
{
    public async Task<ReferralOutcome> Act(ReferralCommand command, ReferralActor actor)
    {
        if (!S.Exists)
        {
            return Absent;
        }
        // Reach first: nothing about the referral (not even that a date comes before its last step) reaches an outsider.
        var (caller, access) = await AccessOf(actor);
        if (!access.CanRead)
        {
            return NotInReach;
        }
        if (!WireNames.TryParse<ReferralAction>(command.Action, out var action))
        {
            return ReferralOutcome.Refused(ReferralOutcome.Invalid,
                ReferralMessages.Of("referral.not_an_action", ("action", command.Action), ("allowed", string.Join(", ", WireNames<ReferralAction>.All))), "action");
        }
        if (Replay(command.StepId, action.ToWireName(), caller, actor) is { } replay)
        {
            return replay;
        }
        var at = command.At.ToUniversalTime();
        if (at < S.StatusAt)
        {
            return ReferralOutcome.Refused(ReferralOutcome.Invalid,
                ReferralMessages.Of("referral.at_before_last_step", ("at", LocalDates.Shown(at, Zone)), ("lastAt", LocalDates.Shown(S.StatusAt, Zone))), "at");
        }
        WireNames.TryParse<ReferralStatus>(S.Status, out var current);
        var (decision, capacity) = Decide(current, action, access.Capacities, command.Reason);
        if (decision.Kind != ReferralDecisionKind.Allowed)
        {
            return Refusal(decision, current);
        }
        if (ReferralRules.CheckDates(action, at, command.AppointmentAt?.ToUniversalTime(), S.AppointmentAt, dates.Value, Zone) is { } impossible)
        {
            return Impossible(impossible);
        }
        var next = Copy(S);
        next.Version++;
        next.Status = decision.NewStatus!.Value.ToWireName();
        next.StatusAt = at;
        IReadOnlyList<PrescribedShortfall>? unavailable = null;
        switch (action)
        {
            case ReferralAction.Accept when next.ToFacility is null:
                // A referral to a service type is claimed by the facility that accepts it.
                next.ToFacility = access.ActingFacility;
                break;
            case ReferralAction.Book:
                if (command.AppointmentAt is null)
                {
                    return ReferralOutcome.Refused(ReferralOutcome.Invalid, ReferralMessages.Of("referral.appointment_required"), "appointmentAt");
                }
                next.AppointmentAt = command.AppointmentAt.Value.ToUniversalTime();
                break;
            case ReferralAction.BackRefer:
                if (command.BackReferral is null)
                {
                    return ReferralOutcome.Refused(ReferralOutcome.Invalid,
                        ReferralMessages.Of("referral.diagnosis_invalid", ("allowed", string.Join(", ", MhGapCategories.All))), "diagnosis");
                }
                next.BackReferral = command.BackReferral;
                next.BackReferralSentAt = at;
                next.BackReferralBy = actor.Subject;
                // Read from the read model: the latest reports of the PHC and of its district must be in it.
                await stockProjection.CatchUpAsync(S.FromDistrict is { Length: > 0 } d ? [d] : null, [S.FromFacility]); // the district: who else has enough
                // The whole course must be on hand when the dose is in numbers.
                unavailable = await store.UnavailableAtAsync(S.FromFacility,
                    [.. command.BackReferral.Medicines.Select(m => (m.Medicine, PlanOf(m, at)?.CourseQuantity))]);
                break;
        }
        // "Not accepted" counts from the request: acknowledging receipt is not acceptance and must not restart the clock.
        next.ClockFrom = decision.NewStatus.Value == ReferralStatus.Received ? S.ClockFrom : at;
        next.Remember(command.StepId, action.ToWireName());
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
            UnavailableMedicines: unavailable, ReceivingFacilityForStock: S.FromFacility, ClientAddress: actor.ClientAddress), caller, actor);
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
                : new ReferralDecision(ReferralDecisionKind.ForbiddenRole, null, ReferralMessages.Of("referral.read_only")), default);
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

    /// <summary>A refusal of the caller's capacity is <see cref="ReferralOutcome.Denied"/>: the attempt is audited.</summary>
    private static ReferralOutcome Refusal(ReferralDecision decision, ReferralStatus current) => decision.Kind switch
    {
        ReferralDecisionKind.ForbiddenTransition => ReferralOutcome.Refused(ReferralOutcome.ForbiddenTransition, decision.Problem!, currentStatus: current.ToWireName()),
        ReferralDecisionKind.ReasonRequired => ReferralOutcome.Refused(ReferralOutcome.Invalid, decision.Problem!, "reason"),
        _ => ReferralOutcome.Refused(ReferralOutcome.ForbiddenRole, decision.Problem!, currentStatus: current.ToWireName(), denied: true),
    };
}
