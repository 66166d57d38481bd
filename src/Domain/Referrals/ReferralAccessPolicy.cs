using MhSupply.Access;

namespace MhSupply.Referrals;

/// <summary>
/// The one place that decides who may see and do what with a referral (docs/domain.md, "Privacy"), from the caller's
/// roles, facilities and districts and the referral's parties, district and consent. The detail and the worklist, the
/// referral grain's checks and the exports all ask it; the web app is told the outcome (allowed actions).
/// <list type="bullet">
/// <item>Reading: the parties' clinicians, community workers and facility heads (the receiving side includes a facility
/// of the district offering the service asked for), the coordinators and district managers of the receiving or sending
/// district, and administrators. Pharmacists do not read referrals.</item>
/// <item>Contact (name, phone): those who care for or trace the person: the parties' clinicians and community workers,
/// and the district's coordinators.</item>
/// <item>Clinical parts (reason, notes, diagnosis, plan, medicines): the referring and receiving clinicians and the
/// district's coordinators; at a community service, and for community workers, only when the consent names them
/// (<c>consent: true</c> names the receiving service). Facility heads, district managers and administrators see them only
/// by exceptional access: a stated reason, audited. Exceptional access never overrides the person's consent.</item>
/// </list>
/// </summary>
public static class ReferralAccessPolicy
{
    /// <summary>The longest justification kept for an exceptional read: a sentence, stored in every audit row.</summary>
    public const int MaxJustificationLength = 500;

    /// <param name="justification">The caller's stated reason for exceptional access (X-Access-Justification), if any.</param>
    public static ReferralAccess Decide(ReferralCaller caller, ReferralParties referral, string? justification = null)
    {
        var sending = caller.At(referral.FromFacility);
        var receiving = caller.At(referral.ToFacility)
            ?? (referral.ToFacility is null && referral.ToService is not null
                ? caller.Facilities.FirstOrDefault(f => f.District == referral.District && f.Services.Contains(referral.ToService))
                : null);
        var inDistrict = caller.Districts.Contains(referral.District) || caller.Districts.Contains(referral.FromDistrict);
        var capacities = new List<ReferralRole>();
        var parts = ReferralParts.None;
        var withheld = ReferralParts.None;

        if (caller.Is(Roles.Admin))
        {
            capacities.Add(ReferralRole.Admin);
            parts |= ReferralParts.Summary;
            withheld |= ReferralParts.Clinical;
        }
        if (caller.Is(Roles.ReferralCoordinator) && inDistrict)
        {
            capacities.Add(ReferralRole.Coordinator);
            parts |= ReferralParts.Summary | ReferralParts.Contact | ReferralParts.Clinical;
        }
        if (caller.Is(Roles.DistrictManager) && inDistrict)
        {
            parts |= ReferralParts.Summary;
            withheld |= ReferralParts.Clinical;
        }
        if (caller.Is(Roles.Clinician) && (sending is not null || receiving is not null))
        {
            if (sending is not null)
            {
                capacities.Add(ReferralRole.ReferringClinician);
            }
            if (receiving is not null)
            {
                capacities.Add(ReferralRole.ReceivingClinician);
            }
            parts |= ReferralParts.Summary | ReferralParts.Contact;
            // A clinician of a primary care or specialist service is a carer; one of a community service needs the consent.
            if (Parties(sending, receiving).Any(p => !p.Facility.IsCommunityService || referral.Consent.Names(p.Facility, p.Receiving, false)))
            {
                parts |= ReferralParts.Clinical;
            }
        }
        if (caller.Is(Roles.CommunityWorker) && (sending is not null || receiving is not null))
        {
            capacities.Add(ReferralRole.CommunityWorker);
            parts |= ReferralParts.Summary | ReferralParts.Contact;
            if (Parties(sending, receiving).Any(p => referral.Consent.Names(p.Facility, p.Receiving, true)))
            {
                parts |= ReferralParts.Clinical;
            }
        }
        if (caller.Is(Roles.FacilityHead) && (sending is not null || receiving is not null))
        {
            if (receiving is not null)
            {
                capacities.Add(ReferralRole.ReceivingFacilityHead);
            }
            parts |= ReferralParts.Summary;
            // A head of a community service the person did not consent to share with is not owed an exception.
            if (Parties(sending, receiving).Any(p => !p.Facility.IsCommunityService || referral.Consent.Names(p.Facility, p.Receiving, false)))
            {
                withheld |= ReferralParts.Clinical;
            }
        }

        withheld &= ~parts;
        var exceptional = false;
        if (withheld != ReferralParts.None && !string.IsNullOrWhiteSpace(justification))
        {
            parts |= withheld;
            withheld = ReferralParts.None;
            exceptional = true;
        }
        return parts == ReferralParts.None
            ? ReferralAccess.None
            : new ReferralAccess(parts, withheld, exceptional, capacities.Distinct().ToArray(), receiving?.Id ?? sending?.Id);
    }

    /// <summary>What a list query must filter on so that it lists exactly the referrals <see cref="Decide"/> lets the caller read.</summary>
    public static ReferralReach ReachOf(ReferralCaller caller)
    {
        if (caller.Is(Roles.Admin))
        {
            return new ReferralReach(true, [], [], []);
        }
        var districts = caller.Is(Roles.ReferralCoordinator) || caller.Is(Roles.DistrictManager) ? caller.Districts.ToList() : [];
        var parties = caller.Is(Roles.Clinician) || caller.Is(Roles.CommunityWorker) || caller.Is(Roles.FacilityHead);
        return new ReferralReach(false, districts,
            parties ? caller.Facilities.Select(f => f.Id).ToList() : [],
            parties ? caller.Facilities.SelectMany(f => f.Services.Select(s => (f.District, s))).Distinct().ToList() : []);
    }

    /// <summary>
    /// In which capacity the caller may refer a person from <paramref name="fromFacility"/> (in <paramref name="fromDistrict"/>):
    /// a clinician or community worker of that facility, a coordinator of its district, or an administrator; null otherwise.
    /// </summary>
    public static ReferralRole? MayRefer(ReferralCaller caller, string fromFacility, string fromDistrict)
    {
        var atFacility = caller.At(fromFacility) is not null;
        if (caller.Is(Roles.Clinician) && atFacility)
        {
            return ReferralRole.ReferringClinician;
        }
        if (caller.Is(Roles.CommunityWorker) && atFacility)
        {
            return ReferralRole.CommunityWorker;
        }
        if (caller.Is(Roles.ReferralCoordinator) && caller.Districts.Contains(fromDistrict))
        {
            return ReferralRole.Coordinator;
        }
        return caller.Is(Roles.Admin) ? ReferralRole.Admin : null;
    }

    /// <summary>
    /// Whether the caller may read who read and changed the referral: administrators and the district's manager (the audit
    /// says who looked at a person's record; those it names do not audit themselves).
    /// </summary>
    public static bool MayReadAudit(ReferralCaller caller, ReferralParties referral) =>
        caller.Is(Roles.Admin)
        || (caller.Is(Roles.DistrictManager) && (caller.Districts.Contains(referral.District) || caller.Districts.Contains(referral.FromDistrict)));

    /// <summary>Whether the caller may refer from some facility at all: what the web app asks before offering a new referral.</summary>
    public static bool MayReferAtAll(ReferralCaller caller) =>
        caller.Is(Roles.Admin)
        || caller.Facilities.Any(f => MayRefer(caller, f.Id, f.District) is not null)
        || caller.Districts.Any(d => MayRefer(caller, "", d) is not null);

    /// <summary>The capacity in which <paramref name="access"/> allows <paramref name="operation"/>, or null.</summary>
    public static ReferralRole? MayDo(ReferralAccess access, ReferralOperation operation)
    {
        ReferralRole[] who = operation switch
        {
            ReferralOperation.AcknowledgeBackReferral => [ReferralRole.ReferringClinician, ReferralRole.Coordinator, ReferralRole.Admin],
            ReferralOperation.RecordFollowUp =>
                [ReferralRole.ReferringClinician, ReferralRole.CommunityWorker, ReferralRole.Coordinator, ReferralRole.Admin],
            // Consent is the person's, recorded by those who see them or coordinate their care.
            ReferralOperation.ChangeConsent =>
                [ReferralRole.ReferringClinician, ReferralRole.ReceivingClinician, ReferralRole.CommunityWorker, ReferralRole.Coordinator],
            _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "not an operation on a referral's care"),
        };
        return access.Capacities.Where(who.Contains).Cast<ReferralRole?>().FirstOrDefault();
    }

    /// <summary>
    /// What the caller may do now with a referral in <paramref name="status"/>: the state machine's actions their capacities
    /// allow (with whether each needs or takes a reason, from <see cref="ReferralRules"/>), acknowledging a back-referral
    /// that waits for it, and recording consent.
    /// </summary>
    public static IReadOnlyList<AllowedAction> AllowedActions(ReferralAccess access, ReferralStatus status, bool backReferralWaiting)
    {
        var actions = access.Capacities
            .SelectMany(c => ReferralRules.AllowedActions(status, c))
            .Distinct()
            .Order()
            .Select(a => new AllowedAction(a.ToWireName(), ReferralRules.RequiresReason(a), ReferralRules.AcceptsReason(a)))
            .ToList();
        if (status == ReferralStatus.Completed && backReferralWaiting
            && MayDo(access, ReferralOperation.AcknowledgeBackReferral) is not null)
        {
            actions.Add(new AllowedAction(OperationNames.AcknowledgeBackReferral, false, false));
        }
        if (status != ReferralStatus.EnteredInError && MayDo(access, ReferralOperation.ChangeConsent) is not null)
        {
            actions.Add(new AllowedAction(OperationNames.ChangeConsent, false, false));
        }
        return actions;
    }

    private static IEnumerable<(CallerFacility Facility, bool Receiving)> Parties(CallerFacility? sending, CallerFacility? receiving)
    {
        if (sending is not null)
        {
            yield return (sending, false);
        }
        if (receiving is not null)
        {
            yield return (receiving, true);
        }
    }
}

/// <summary>Wire names of the operations the web app is offered besides the state machine's actions.</summary>
public static class OperationNames
{
    public const string AcknowledgeBackReferral = "acknowledge-back-referral";
    public const string ChangeConsent = "consent";
}
