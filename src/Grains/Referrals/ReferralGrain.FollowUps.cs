namespace MhSupply.Referrals;

public sealed partial class ReferralGrain
{
    public async Task<ReferralOutcome> AcknowledgeBackReferral(DateTimeOffset at, ReferralActor actor)
    {
        if (!S.Exists)
        {
            return new ReferralOutcome(ReferralOutcome.NotFound, "no such referral");
        }
        var (capacity, refused) = await Authorize(actor, ReferralOperation.AcknowledgeBackReferral,
            "The referring facility's clinicians (or a coordinator) acknowledge a back-referral.");
        if (refused is not null)
        {
            return refused;
        }
        if (S.BackReferral is null || S.Status != ReferralStatus.Completed.ToWireName())
        {
            return new ReferralOutcome(ReferralOutcome.ForbiddenTransition, "there is no back-referral to acknowledge", null, S.Status);
        }
        if (S.BackReferralAcknowledgedAt is not null)
        {
            return ReferralOutcome.Success; // acknowledged already: a retry changes nothing
        }
        at = at.ToUniversalTime();
        if (at < S.StatusAt)
        {
            return new ReferralOutcome(ReferralOutcome.Invalid, "at must not be before the back-referral was sent", "at");
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
        return await Commit(new ReferralChange(Id, next, "acknowledge-back-referral", at, Now(), actor.Subject, capacity.ToString(), null,
            new { followUps = next.FollowUps.Count }, null, StatusChanged: false, next.FollowUps, followUpDeadlines,
            ClientAddress: actor.ClientAddress));
    }

    public async Task<ReferralOutcome> FollowUp(FollowUpCommand command, ReferralActor actor)
    {
        var index = S.FollowUps.FindIndex(f => f.Id == command.FollowUpId);
        if (index < 0)
        {
            return new ReferralOutcome(ReferralOutcome.NotFound, "no such follow-up");
        }
        var (capacity, refused) = await Authorize(actor, ReferralOperation.RecordFollowUp,
            "Follow-ups are recorded by the referring facility, community workers and coordinators.");
        if (refused is not null)
        {
            return refused;
        }
        var current = S.FollowUps[index];
        WireNames.TryParse<FollowUpStatus>(current.Status, out var status);
        var now = Now();
        var decision = FollowUpRules.Decide(status, command.Action, now, command.Reason, command.PromisedDate, command.Outcome);
        if (!decision.IsAllowed)
        {
            return decision.Kind == FollowUpDecisionKind.ForbiddenTransition
                ? new ReferralOutcome(ReferralOutcome.ForbiddenTransition, decision.Message, null, current.Status)
                : new ReferralOutcome(ReferralOutcome.Invalid, decision.Message, decision.Field ?? "action");
        }
        var at = command.At.ToUniversalTime();
        var next = Copy(S);
        next.Version++;
        var f = next.FollowUps[index];
        f.Status = decision.NewStatus!.Value.ToWireName();
        switch (decision.NewStatus.Value)
        {
            case FollowUpStatus.Attended:
                f.AttendedAt = at;
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
        return await Commit(new ReferralChange(Id, next, "follow-up-" + command.Action, at, now, actor.Subject, capacity.ToString(),
            command.Reason ?? command.Outcome, new { followUp = f.Id, f.Seq, command.PromisedDate }, CurrentDeadline(next),
            StatusChanged: false, [f], [(f, deadline)], ClientAddress: actor.ClientAddress));
    }

    public async Task<ReferralOutcome> ChangeConsent(ConsentInput consent, DateTimeOffset at, ReferralActor actor)
    {
        if (!S.Exists)
        {
            return new ReferralOutcome(ReferralOutcome.NotFound, "no such referral");
        }
        var (capacity, refused) = await Authorize(actor, ReferralOperation.ChangeConsent,
            "Consent is recorded by the person's clinicians, community workers and coordinators.");
        if (refused is not null)
        {
            return refused;
        }
        if (S.Status == ReferralStatus.EnteredInError.ToWireName())
        {
            return new ReferralOutcome(ReferralOutcome.ForbiddenTransition, "The referral was withdrawn as entered in error; its consent stays as it was.",
                null, S.Status);
        }
        var wanted = new ReferralConsent(consent.ReceivingService, consent.CommunityServices, consent.Facilities);
        var before = S.ConsentGiven();
        if (wanted.SameAs(before))
        {
            return ReferralOutcome.Success; // as recorded already: a retry changes nothing
        }
        at = at.ToUniversalTime();
        var next = Copy(S);
        next.Version++;
        next.Consent = wanted.ReceivingService;
        next.ConsentCommunity = wanted.CommunityServices;
        next.ConsentFacilities = [.. wanted.Facilities];
        return await Commit(new ReferralChange(Id, next, OperationNames.ChangeConsent, at, Now(), actor.Subject, capacity.ToString(), null,
            new { before = Describe(before), after = Describe(wanted) }, CurrentDeadline(next), StatusChanged: false, [], [],
            ClientAddress: actor.ClientAddress));
    }

    private static ConsentInput Describe(ReferralConsent c) => new(c.ReceivingService, c.CommunityServices, [.. c.Facilities]);

    /// <summary>
    /// The capacity in which the access policy lets the caller do <paramref name="operation"/> here, or the refusal: "not found"
    /// outside their reach, <paramref name="refusal"/> within it.
    /// </summary>
    private async Task<(ReferralRole Capacity, ReferralOutcome? Refused)> Authorize(ReferralActor actor, ReferralOperation operation, string refusal)
    {
        var access = await AccessOf(actor);
        if (!access.CanRead)
        {
            return (default, NotInReach);
        }
        return ReferralAccessPolicy.MayDo(access, operation) is { } capacity
            ? (capacity, null)
            : (default, new ReferralOutcome(ReferralOutcome.ForbiddenRole, refusal));
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
