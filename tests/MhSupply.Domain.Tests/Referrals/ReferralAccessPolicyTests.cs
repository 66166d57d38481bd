using CsCheck;
using MhSupply.Access;
using MhSupply.Referrals;

namespace MhSupply.Domain.Tests.Referrals;

/// <summary>
/// The referral access policy, table-driven: every role, in every relation to a referral, under every kind of consent,
/// for what it may read (summary, contact, clinical parts), what it may open only with a stated reason, and in which
/// capacities it acts. The table is written out by hand from docs/domain.md ("Privacy"), not computed.
/// </summary>
public sealed class ReferralAccessPolicyTests
{
    private const string District = "d1";

    // The facilities a caller may work at, and the referrals they stand in each relation to.
    private static readonly CallerFacility Phc = new("phc-1", "phc", District, []);
    private static readonly CallerFacility Community = new("cmh-1", "community", District, ["psychosocial_support"]);
    private static readonly CallerFacility Specialist = new("smh-1", "specialist", District, ["psychiatric_consultation"]);
    private static readonly CallerFacility Elsewhere = new("phc-9", "phc", District, []);

    /// <summary>Relation → (the caller's facility or district, the referral).</summary>
    private static (CallerFacility? Facility, string? District, ReferralParties Referral) Relation(string relation, ReferralConsent consent) => relation switch
    {
        "sending-phc" => (Phc, null, new ReferralParties(Phc.Id, District, Specialist.Id, null, District, consent)),
        "sending-community" => (Community, null, new ReferralParties(Community.Id, District, Specialist.Id, null, District, consent)),
        "receiving-specialist" => (Specialist, null, new ReferralParties(Phc.Id, District, Specialist.Id, null, District, consent)),
        "receiving-community" => (Community, null, new ReferralParties(Phc.Id, District, Community.Id, null, District, consent)),
        "claiming-service" => (Community, null, new ReferralParties(Phc.Id, District, null, "psychosocial_support", District, consent)),
        "other-facility" => (Elsewhere, null, new ReferralParties(Phc.Id, District, Specialist.Id, null, District, consent)),
        "district" => (null, District, new ReferralParties(Phc.Id, District, Specialist.Id, null, District, consent)),
        "sending-district" => (null, "d0", new ReferralParties("phc-0", "d0", Specialist.Id, null, District, consent)),
        "other-district" => (null, "d2", new ReferralParties(Phc.Id, District, Specialist.Id, null, District, consent)),
        _ => throw new ArgumentException(relation),
    };

    /// <summary>The consents, in the order of the table's columns: none, the receiving service (consent: true), community services, the caller's facility by name.</summary>
    private static ReferralConsent Consent(int column, CallerFacility? callerFacility) => column switch
    {
        0 => ReferralConsent.None,
        1 => ReferralConsent.ReceivingServiceOnly(true),
        2 => new ReferralConsent(false, true, []),
        _ => new ReferralConsent(false, false, callerFacility is null ? ["someone-else"] : [callerFacility.Id]),
    };

    // role, relation, reads, contact, clinical per consent (N R C F: y/n), withheld per consent (y = opens with a reason), capacities
    public static TheoryData<string, string, bool, bool, string, string, string> Table() => new()
    {
        { Roles.Clinician, "sending-phc", true, true, "yyyy", "nnnn", "ReferringClinician" },
        { Roles.Clinician, "sending-community", true, true, "nnyy", "nnnn", "ReferringClinician" },
        { Roles.Clinician, "receiving-specialist", true, true, "yyyy", "nnnn", "ReceivingClinician" },
        { Roles.Clinician, "receiving-community", true, true, "nyyy", "nnnn", "ReceivingClinician" },
        { Roles.Clinician, "claiming-service", true, true, "nyyy", "nnnn", "ReceivingClinician" },
        { Roles.Clinician, "other-facility", false, false, "nnnn", "nnnn", "" },
        { Roles.Clinician, "district", false, false, "nnnn", "nnnn", "" },
        { Roles.CommunityWorker, "sending-phc", true, true, "nnyy", "nnnn", "CommunityWorker" },
        { Roles.CommunityWorker, "sending-community", true, true, "nnyy", "nnnn", "CommunityWorker" },
        { Roles.CommunityWorker, "receiving-specialist", true, true, "nyyy", "nnnn", "CommunityWorker" },
        { Roles.CommunityWorker, "receiving-community", true, true, "nyyy", "nnnn", "CommunityWorker" },
        { Roles.CommunityWorker, "claiming-service", true, true, "nyyy", "nnnn", "CommunityWorker" },
        { Roles.CommunityWorker, "other-facility", false, false, "nnnn", "nnnn", "" },
        { Roles.FacilityHead, "sending-phc", true, false, "nnnn", "yyyy", "" },
        { Roles.FacilityHead, "sending-community", true, false, "nnnn", "nnyy", "" },
        { Roles.FacilityHead, "receiving-specialist", true, false, "nnnn", "yyyy", "ReceivingFacilityHead" },
        { Roles.FacilityHead, "receiving-community", true, false, "nnnn", "nyyy", "ReceivingFacilityHead" },
        { Roles.FacilityHead, "claiming-service", true, false, "nnnn", "nyyy", "ReceivingFacilityHead" },
        { Roles.FacilityHead, "other-facility", false, false, "nnnn", "nnnn", "" },
        { Roles.Pharmacist, "sending-phc", false, false, "nnnn", "nnnn", "" },
        { Roles.Pharmacist, "receiving-specialist", false, false, "nnnn", "nnnn", "" },
        { Roles.Pharmacist, "district", false, false, "nnnn", "nnnn", "" },
        { Roles.ReferralCoordinator, "district", true, true, "yyyy", "nnnn", "Coordinator" },
        { Roles.ReferralCoordinator, "sending-district", true, true, "yyyy", "nnnn", "Coordinator" },
        { Roles.ReferralCoordinator, "other-district", false, false, "nnnn", "nnnn", "" },
        { Roles.ReferralCoordinator, "sending-phc", false, false, "nnnn", "nnnn", "" },
        { Roles.DistrictManager, "district", true, false, "nnnn", "yyyy", "" },
        { Roles.DistrictManager, "sending-district", true, false, "nnnn", "yyyy", "" },
        { Roles.DistrictManager, "other-district", false, false, "nnnn", "nnnn", "" },
        { Roles.Admin, "other-district", true, false, "nnnn", "yyyy", "Admin" },
        { Roles.Admin, "receiving-community", true, false, "nnnn", "yyyy", "Admin" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Each_role_in_each_relation_and_consent_sees_what_the_domain_reference_says(string role, string relation, bool reads,
        bool contact, string clinical, string withheld, string capacities)
    {
        for (var column = 0; column < 4; column++)
        {
            var facility = Relation(relation, ReferralConsent.None).Facility;
            var (callerFacility, district, referral) = Relation(relation, Consent(column, facility));
            var caller = Caller(role, callerFacility, district);

            var access = ReferralAccessPolicy.Decide(caller, referral);

            var at = $"{role} / {relation} / consent column {column}";
            Assert.True(reads == access.CanRead, $"{at}: reads");
            Assert.True(contact == access.Sees(ReferralParts.Contact), $"{at}: contact");
            Assert.True((clinical[column] == 'y') == access.Sees(ReferralParts.Clinical), $"{at}: clinical");
            Assert.True((clinical[column] == 'y') == access.Sees(ReferralParts.Reason), $"{at}: reason goes with the clinical parts");
            Assert.True((withheld[column] == 'y') == (access.Withheld == ReferralParts.Clinical), $"{at}: opens with a reason");
            Assert.Equal(capacities, string.Join(",", access.Capacities));
            Assert.False(access.Exceptional);
            Assert.True(access.CanRead == ReferralAccessPolicy.ReachOf(caller).Covers(referral), $"{at}: the list filter agrees");

            // A stated reason opens exactly what was withheld, and says the read is an exception.
            var justified = ReferralAccessPolicy.Decide(caller, referral, "investigating a complaint");
            Assert.Equal(withheld[column] == 'y' || clinical[column] == 'y', justified.Sees(ReferralParts.Clinical));
            Assert.Equal(withheld[column] == 'y', justified.Exceptional);
            Assert.False(justified.Sees(ReferralParts.Contact) && !contact, $"{at}: an exception never opens the contact");
        }
    }

    [Fact]
    public void A_coordinator_refers_only_from_a_facility_of_their_districts()
    {
        var coordinator = Caller(Roles.ReferralCoordinator, null, District);

        Assert.Equal(ReferralRole.Coordinator, ReferralAccessPolicy.MayRefer(coordinator, Phc.Id, District));
        Assert.Null(ReferralAccessPolicy.MayRefer(coordinator, "phc-other", "d2"));
        Assert.Equal(ReferralRole.ReferringClinician, ReferralAccessPolicy.MayRefer(Caller(Roles.Clinician, Phc, null), Phc.Id, District));
        Assert.Equal(ReferralRole.CommunityWorker, ReferralAccessPolicy.MayRefer(Caller(Roles.CommunityWorker, Community, null), Community.Id, District));
        Assert.Null(ReferralAccessPolicy.MayRefer(Caller(Roles.Clinician, Phc, null), Specialist.Id, District));
        Assert.Null(ReferralAccessPolicy.MayRefer(Caller(Roles.Pharmacist, Phc, null), Phc.Id, District));
        Assert.Null(ReferralAccessPolicy.MayRefer(Caller(Roles.FacilityHead, Phc, null), Phc.Id, District));
        Assert.True(ReferralAccessPolicy.MayReferAtAll(coordinator));
        Assert.True(ReferralAccessPolicy.MayReferAtAll(Caller(Roles.CommunityWorker, Community, null)));
        Assert.False(ReferralAccessPolicy.MayReferAtAll(Caller(Roles.Pharmacist, Phc, null)));
        Assert.False(ReferralAccessPolicy.MayReferAtAll(Caller(Roles.DistrictManager, null, District)));
    }

    [Fact]
    public void Reopening_and_closing_are_offered_with_the_reason_they_need()
    {
        var coordinator = Caller(Roles.ReferralCoordinator, null, District);
        var referral = Relation("district", ReferralConsent.None).Referral;
        var access = ReferralAccessPolicy.Decide(coordinator, referral);

        var cancelled = ReferralAccessPolicy.AllowedActions(access, ReferralStatus.Cancelled, false);
        var booked = ReferralAccessPolicy.AllowedActions(access, ReferralStatus.Booked, false);

        Assert.Contains(new AllowedAction("reopen", true, true), cancelled);
        Assert.Contains(new AllowedAction("no-show", false, true), booked);
        Assert.Contains(new AllowedAction("cancel", true, true), booked);
        Assert.Contains(new AllowedAction("attend", false, false), booked);
        Assert.Contains(new AllowedAction(OperationNames.ChangeConsent, false, false), booked);
        Assert.DoesNotContain(booked, a => a.Action == "back-refer");
    }

    [Fact]
    public void Acknowledging_a_back_referral_is_offered_to_the_referring_side_while_it_waits()
    {
        var referral = Relation("sending-phc", ReferralConsent.None).Referral;
        var referring = ReferralAccessPolicy.Decide(Caller(Roles.Clinician, Phc, null), referral);
        var receiving = ReferralAccessPolicy.Decide(Caller(Roles.Clinician, Specialist, null), referral);

        Assert.Contains(ReferralAccessPolicy.AllowedActions(referring, ReferralStatus.Completed, true), a => a.Action == OperationNames.AcknowledgeBackReferral);
        Assert.DoesNotContain(ReferralAccessPolicy.AllowedActions(referring, ReferralStatus.Completed, false), a => a.Action == OperationNames.AcknowledgeBackReferral);
        Assert.DoesNotContain(ReferralAccessPolicy.AllowedActions(receiving, ReferralStatus.Completed, true), a => a.Action == OperationNames.AcknowledgeBackReferral);
        Assert.Equal(ReferralRole.ReceivingClinician, ReferralAccessPolicy.MayDo(receiving, ReferralOperation.ChangeConsent));
        Assert.Null(ReferralAccessPolicy.MayDo(receiving, ReferralOperation.RecordFollowUp));
    }

    [Fact]
    public void The_audit_is_for_administrators_and_the_districts_manager()
    {
        var referral = Relation("district", ReferralConsent.None).Referral;

        Assert.True(ReferralAccessPolicy.MayReadAudit(Caller(Roles.Admin, null, null), referral));
        Assert.True(ReferralAccessPolicy.MayReadAudit(Caller(Roles.DistrictManager, null, District), referral));
        Assert.False(ReferralAccessPolicy.MayReadAudit(Caller(Roles.DistrictManager, null, "d2"), referral));
        Assert.False(ReferralAccessPolicy.MayReadAudit(Caller(Roles.ReferralCoordinator, null, District), referral));
    }

    [Fact]
    public void For_any_caller_and_referral_the_list_filter_covers_exactly_the_referrals_the_caller_may_read()
    {
        var facilities = new[] { Phc, Community, Specialist, Elsewhere, new CallerFacility("cmh-2", "community", "d2", ["psychosocial_support"]) };
        var ids = facilities.Select(f => f.Id).Append("phc-0").ToArray();
        var districts = new[] { District, "d0", "d2" };
        var callers =
            from roles in Gen.OneOf(Roles.All.ToArray()).Array[1, 2]
            from mine in Gen.OneOf(facilities).Array[0, 3]
            from theirDistricts in Gen.OneOf(districts).Array[0, 2]
            select new ReferralCaller(roles.ToHashSet(), mine.Distinct().ToList(), theirDistricts.ToHashSet());
        var referrals =
            from origin in Gen.OneOf(ids)
            from fromDistrict in Gen.OneOf(districts)
            from toFacility in Gen.OneOf<string?>([null, .. ids])
            from service in Gen.OneOf<string?>([null, "psychosocial_support", "psychiatric_consultation"])
            from district in Gen.OneOf(districts)
            from consent in Gen.Bool
            select new ReferralParties(origin, fromDistrict, toFacility, toFacility is null ? service ?? "psychosocial_support" : null, district,
                ReferralConsent.ReceivingServiceOnly(consent));
        Gen.Select(callers, referrals).Sample((caller, referral) =>
            ReferralAccessPolicy.Decide(caller, referral).CanRead == ReferralAccessPolicy.ReachOf(caller).Covers(referral), iter: 2000, threads: 1);
    }

    private static ReferralCaller Caller(string role, CallerFacility? facility, string? district) =>
        new(new HashSet<string> { role }, facility is null ? [] : [facility], district is null ? new HashSet<string>() : new HashSet<string> { district });
}
