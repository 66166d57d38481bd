using MhSupply.Stock;
using MhSupply.Messages;
namespace MhSupply.Referrals;

public sealed partial class ReferralGrain
{
    public async Task<ReferralOutcome> AcknowledgeBackReferral(DateTimeOffset at, ReferralActor actor)
    {
        var (permit, refused) = await Authorize(actor, ReferralOperation.AcknowledgeBackReferral,
            ReferralMessages.Of("referral.acknowledge_forbidden"));
        if (refused is not null)
        {
            return refused;
        }
        if (S.BackReferral is null || S.Status != ReferralStatus.Completed.ToWireName())
        {
            return ReferralOutcome.Refused(ReferralOutcome.ForbiddenTransition, ReferralMessages.Of("referral.no_back_referral", ("status", S.Status)), currentStatus: S.Status);
        }
        if (S.BackReferralAcknowledgedAt is not null)
        {
            return Answer(permit.Caller, actor); // acknowledged already: a retry changes nothing
        }
        at = at.ToUniversalTime();
        if (at < S.StatusAt)
        {
            return ReferralOutcome.Refused(ReferralOutcome.Invalid,
                ReferralMessages.Of("referral.acknowledged_before_sent", ("at", LocalDates.Shown(at, Zone)), ("sentAt", LocalDates.Shown(S.StatusAt, Zone))), "at");
        }
        var next = Copy(S);
        next.Version++;
        next.BackReferralAcknowledgedAt = at;
        var dates = FollowUpSchedule.DueDates(at, S.BackReferral.FollowUpEveryDays, S.BackReferral.CourseDays);
        next.FollowUps = dates.Select((due, i) => new FollowUpState
        {
            Id = FollowUpId(i + 1),
            Seq = i + 1,
            DueAt = due,
            Status = FollowUpStatus.Scheduled.ToWireName(),
        }).ToList();
        var followUpDeadlines = next.FollowUps
            .Select(f => (f, FollowUpRules.Next(FollowUpStatus.Scheduled, f.DueAt, null, deadlines.Value))).ToList();
        return await Commit(new ReferralChange(Id, next, "acknowledge-back-referral", at, Now(), actor.Subject, permit.Capacity.ToString(), null,
            new { followUps = next.FollowUps.Count }, null, StatusChanged: false, next.FollowUps, followUpDeadlines,
            ClientAddress: actor.ClientAddress), permit.Caller, actor);
    }

    public async Task<ReferralOutcome> FollowUp(FollowUpCommand command, ReferralActor actor)
    {
        var (permit, refused) = await Authorize(actor, ReferralOperation.RecordFollowUp,
            ReferralMessages.Of("referral.follow_up_forbidden"));
        if (refused is not null)
        {
            return refused;
        }
        if (Replay(command.StepId, FollowUpOperation(command), permit.Caller, actor) is { } replay)
        {
            return replay;
        }
        var index = S.FollowUps.FindIndex(f => f.Id == command.FollowUpId);
        if (index < 0)
        {
            return ReferralOutcome.Refused(ReferralOutcome.NotFound, ReferralMessages.Of("followUp.not_in_scope"));
        }
        var current = S.FollowUps[index];
        WireNames.TryParse<FollowUpStatus>(current.Status, out var status);
        var now = Now();
        var decision = FollowUpRules.Decide(status, command.Action, now, command.Reason, command.PromisedDate, command.Outcome);
        if (!decision.IsAllowed)
        {
            return decision.Kind == FollowUpDecisionKind.ForbiddenTransition
                ? ReferralOutcome.Refused(ReferralOutcome.ForbiddenTransition, decision.Problem!, currentStatus: current.Status)
                : ReferralOutcome.Refused(ReferralOutcome.Invalid, decision.Problem!, decision.Field ?? "action");
        }
        var at = command.At.ToUniversalTime();
        if (FollowUpRules.CheckDate(command.Action, at, now, current.DueAt, dates.Value, Zone) is { } impossible)
        {
            return Impossible(impossible);
        }
        var next = Copy(S);
        next.Version++;
        next.Remember(command.StepId, FollowUpOperation(command));
        var f = next.FollowUps[index];
        f.Status = decision.NewStatus!.Value.ToWireName();
        IReadOnlyList<PrescribedShortfall>? unavailable = null;
        switch (decision.NewStatus.Value)
        {
            case FollowUpStatus.Attended:
                f.AttendedAt = at;
                // The person came for the next part of the course: can the PHC hand it over? (docs/domain.md,
                // treatment_interruptions.) Read from the read model, brought up to the PHC's latest reports first.
                if (S.BackReferral is { Medicines.Length: > 0 } plan)
                {
                    await stockProjection.CatchUpAsync(S.FromDistrict is { Length: > 0 } d ? [d] : null, [S.FromFacility]); // the district: who else has enough
                    // What is left of each course from this visit on must be on hand.
                    var day = LocalDays.DateOf(at, Zone);
                    unavailable = await store.UnavailableAtAsync(S.FromFacility,
                        [.. plan.Medicines.Select(m => (m.Medicine, PlanOf(m, S.BackReferralSentAt ?? at)?.RemainingFrom(day)))]);
                }
                break;
            case FollowUpStatus.Missed:
                f.MissedAt = at;
                f.MissedReason = command.Reason;
                f.PromisedDate = command.PromisedDate;
                break;
            case FollowUpStatus.Traced:
                f.TracedAt = at;
                f.Outcome = command.Outcome;
                break;
        }
        var deadline = FollowUpRules.Next(decision.NewStatus.Value, f.DueAt, f.MissedAt, deadlines.Value);
        return await Commit(new ReferralChange(Id, next, "follow-up-" + command.Action, at, now, actor.Subject, permit.Capacity.ToString(),
            command.Reason ?? command.Outcome, new { followUp = f.Id, f.Seq, command.PromisedDate }, CurrentDeadline(next),
            StatusChanged: false, [f], [(f, deadline)], UnavailableMedicines: unavailable, ReceivingFacilityForStock: S.FromFacility,
            UnavailableAtFollowUp: f.Id, ClientAddress: actor.ClientAddress), permit.Caller, actor);
    }

    /// <summary>Follow-up ids derive from the referral id and the visit number, so a retried acknowledgement yields the same ones.</summary>
    private Guid FollowUpId(int seq)
    {
        var bytes = Id.ToByteArray();
        bytes[0] ^= (byte)seq;
        bytes[1] ^= (byte)(seq >> 8);
        bytes[15] ^= 0x5A;
        return new Guid(bytes);
    }

    /// <summary>The referral-level deadline stays as it was when a follow-up changes.</summary>
    private ReferralDeadline? CurrentDeadline(ReferralState s)
    {
        WireNames.TryParse<ReferralStatus>(s.Status, out var status);
        WireNames.TryParse<Urgency>(s.Urgency, out var urgency);
        return ReferralDeadlines.Next(status, urgency, s.ClockFrom, s.AppointmentAt, deadlines.Value);
    }
}
