using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Referrals.ReferralTestKit;

namespace MhSupply.Tests.Referrals;

/// <summary>
/// A step answers from the grain's outcome, not from a read of the referral: what it answers must be, to the digit, what a
/// read of the referral then shows the same caller (history, contact, clinical parts, allowed actions, consent, due).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ReferralStepAnswerTests(GatewayFactory gateway)
{
    [Fact]
    public async Task Every_step_answers_what_a_read_of_the_referral_then_shows()
    {
        var kit = await new ReferralTestKit(gateway, "answer").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        using var coordinator = await kit.Coordinator();
        // No "at": the steps happen "now", an instant finer than PostgreSQL keeps.
        var (id, created) = await kit.Refer(phc, "urgent", name: "Amina K.", phone: "+256700000001");
        await SameAsRead(phc, id, created);
        await SameAsRead(psychiatrist, id, await Act(psychiatrist, id, "receive"));
        await SameAsRead(psychiatrist, id, await Act(psychiatrist, id, "accept"));
        await SameAsRead(psychiatrist, id, await Act(psychiatrist, id, "book", new { appointmentAt = gateway.Clock.GetUtcNow().AddMinutes(-1) }));
        await SameAsRead(coordinator, id, await coordinator.PostAsJsonAsync($"/api/v1/referrals/{id}/consent",
            new { consentTo = new { receivingService = true, communityServices = true } }));
        await SameAsRead(psychiatrist, id, await Act(psychiatrist, id, "attend"));
        await SameAsRead(psychiatrist, id, await Act(psychiatrist, id, "back-refer", new
        {
            diagnosis = "psychosis",
            plan = "Continue haloperidol; review in clinic monthly.",
            medicines = new[] { new { medicine = "haloperidol-tab-5mg", dose = "5 mg at night", durationDays = 60 } },
            // Weekly, so the first visit may be recorded attended now (at most a week early: ReferralDateOptions.FollowUpEarly).
            followUpEveryDays = 7,
            courseDays = 60,
        }));
        var acknowledged = await phc.PostAsJsonAsync($"/api/v1/referrals/{id}/back-referral/acknowledge", new { });
        var followUp = (await Json(acknowledged)).GetProperty("followUps")[0].GetProperty("id").GetString();
        await SameAsRead(phc, id, acknowledged);
        await SameAsRead(phc, id, await phc.PostAsJsonAsync($"/api/v1/follow-ups/{followUp}/attend", new { }));
        // A retry changes nothing and answers the referral as it stands.
        await SameAsRead(phc, id, await phc.PostAsJsonAsync($"/api/v1/referrals/{id}/back-referral/acknowledge", new { }));
    }

    [Fact]
    public async Task A_service_referral_claimed_by_a_step_answers_as_the_claiming_facility_then_reads_it()
    {
        var kit = await new ReferralTestKit(gateway, "answer-svc").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var community = await gateway.ClientFor("clinician", facilities: [kit.Community], sub: "answer-svc.cmh-clinician");
        var (id, _) = await kit.Refer(phc, toService: "psychosocial_support", consent: false);

        await SameAsRead(community, id, await Act(community, id, "accept"));
    }

    /// <summary>The step's answer, read back by the same caller: the same JSON, byte for byte.</summary>
    private static async Task SameAsRead(HttpClient caller, Guid id, HttpResponseMessage step)
    {
        var answered = (await Json(step)).GetRawText();
        var read = (await Json(await caller.GetAsync($"/api/v1/referrals/{id}"))).GetRawText();
        Assert.True(read == answered, $"read:\n{read}\nanswered:\n{answered}");
    }
}
