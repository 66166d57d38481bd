using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Referrals.ReferralTestKit;

namespace MhSupply.Tests.Referrals;

[Collection(GatewayCollection.Name)]
public sealed class ReferralLifecycleTests(GatewayFactory gateway)
{
    [Fact]
    public async Task Referral_goes_from_request_to_back_referral_and_follow_ups_with_its_history()
    {
        var kit = await new ReferralTestKit(gateway, "life").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var (id, created) = await kit.Refer(phc, "urgent");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("requested", (await Json(created)).GetProperty("status").GetString());

        await Json(await Act(psychiatrist, id, "receive"));
        await Json(await Act(psychiatrist, id, "accept"));
        var appointment = gateway.Clock.GetUtcNow().AddHours(-1); // booked as it happened: seen this morning
        await Json(await Act(psychiatrist, id, "book", new { appointmentAt = appointment }));
        await Json(await Act(psychiatrist, id, "attend", new { at = gateway.Clock.GetUtcNow() }));
        var backReferred = await Json(await Act(psychiatrist, id, "back-refer", new
        {
            diagnosis = "psychosis",
            plan = "Continue haloperidol; review in clinic monthly.",
            medicines = new[] { new { medicine = "haloperidol-tab-5mg", dose = "5 mg at night", durationDays = 90 } },
            followUpEveryDays = 30,
            courseDays = 90,
        }));
        Assert.Equal("completed", backReferred.GetProperty("status").GetString());
        Assert.Equal(["create", "receive", "accept", "book", "attend", "back-refer"],
            backReferred.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));

        var acknowledged = await Json(await phc.PostAsJsonAsync($"/api/v1/referrals/{id}/back-referral/acknowledge", new { }));
        var followUps = acknowledged.GetProperty("followUps").EnumerateArray().ToList();
        Assert.Equal(3, followUps.Count); // every 30 days through a 90-day course
        var first = followUps[0].GetProperty("id").GetString();
        // The first visit is a month away: the person comes when it is due.
        gateway.Clock.SetUtcNow(followUps[0].GetProperty("dueAt").GetDateTimeOffset());
        var attended = await Json(await phc.PostAsJsonAsync($"/api/v1/follow-ups/{first}/attend", new { }));
        Assert.Equal("attended", attended.GetProperty("followUps")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Forbidden_transition_is_409_naming_the_current_state_and_changes_nothing()
    {
        var kit = await new ReferralTestKit(gateway, "forbid").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var (id, _) = await kit.Refer(phc);

        var response = await Act(psychiatrist, id, "attend");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("requested", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var after = await phc.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}");
        Assert.Equal(1, after.GetProperty("version").GetInt32());
        Assert.Single(after.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task Each_side_may_take_only_its_own_steps()
    {
        var kit = await new ReferralTestKit(gateway, "roles").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [kit.Specialist]);
        using var outsider = await gateway.ClientFor("clinician", facilities: ["elsewhere"]);
        var (id, _) = await kit.Refer(phc);

        Assert.Equal(HttpStatusCode.Forbidden, (await Act(phc, id, "accept")).StatusCode);            // the referrer does not accept
        Assert.Equal(HttpStatusCode.NotFound, (await Act(pharmacist, id, "accept")).StatusCode);      // no part in the referral
        Assert.Equal(HttpStatusCode.NotFound, (await Act(outsider, id, "accept")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Act(psychiatrist, id, "cancel", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Act(phc, id, "cancel", new { reason = "family moved away" })).StatusCode);
    }

    [Fact]
    public async Task Reject_without_a_reason_is_400_naming_reason_and_with_one_is_final()
    {
        var kit = await new ReferralTestKit(gateway, "reject").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var (id, _) = await kit.Refer(phc);

        var noReason = await Act(psychiatrist, id, "reject");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("reason", out _));

        var rejected = await Json(await Act(psychiatrist, id, "reject", new { reason = "needs child and adolescent service" }));
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await Act(psychiatrist, id, "accept")).StatusCode);
    }

    [Fact]
    public async Task Bad_referral_input_names_the_field_and_a_retried_creation_is_recognised()
    {
        var kit = await new ReferralTestKit(gateway, "input").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        var bad = await phc.PostAsJsonAsync("/api/v1/referrals", new
        {
            id = Guid.NewGuid(), patient = new { code = "a b", sex = "f", birthYear = 1700 }, fromFacility = kit.Phc,
            toFacility = kit.Specialist, reason = "sadness", urgency = "soon", consent = true,
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "patient.code", "patient.sex", "patient.birthYear", "reason", "urgency" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }

        var body = new
        {
            id = Guid.NewGuid(), patient = new { code = "PX-RETRY", sex = "male", birthYear = 1985 }, fromFacility = kit.Phc,
            toFacility = kit.Specialist, reason = "depression", urgency = "routine", consent = true,
        };
        Assert.Equal(HttpStatusCode.Created, (await phc.PostAsJsonAsync("/api/v1/referrals", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await phc.PostAsJsonAsync("/api/v1/referrals", body)).StatusCode);
        var other = body with { reason = "epilepsy" };
        Assert.Equal(HttpStatusCode.Conflict, (await phc.PostAsJsonAsync("/api/v1/referrals", other)).StatusCode);
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM mh.referral_history WHERE referral_id = @id", new { body.id }));
    }

    [Fact]
    public async Task Referral_to_a_service_type_is_claimed_by_the_facility_that_accepts_it()
    {
        var kit = await new ReferralTestKit(gateway, "service").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var chw = await gateway.ClientFor("clinician", facilities: [kit.Community]);
        var (id, created) = await kit.Refer(phc, toService: "psychosocial_support");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var accepted = await Json(await Act(chw, id, "accept"));

        Assert.Equal(kit.Community, accepted.GetProperty("toFacility").GetString());
    }
}
