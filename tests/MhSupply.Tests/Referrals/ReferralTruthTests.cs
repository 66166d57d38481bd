using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Referrals.ReferralTestKit;

namespace MhSupply.Tests.Referrals;

/// <summary>
/// Issue 15, point 5 through HTTP: impossible dates are refused naming the field with a message code, changing nothing;
/// the worklist's "why" and the alert agree with the state; the board filters and pages; the worklist names the
/// referring facility and, for those allowed, the phone; contact details need consent.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed partial class ReferralTruthTests(GatewayFactory gateway)
{
    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<int> Version(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}")).GetProperty("version").GetInt32();

    [Fact]
    public async Task Booking_an_appointment_last_week_is_a_400_naming_appointmentAt_with_its_code_and_changes_nothing()
    {
        var kit = await new ReferralTestKit(gateway, "truth-book").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var (id, _) = await kit.Refer(phc);
        await Json(await Act(psychiatrist, id, "accept"));
        var before = await Version(psychiatrist, id);

        var problem = await Problem(await Act(psychiatrist, id, "book", new { appointmentAt = gateway.Clock.GetUtcNow().AddDays(-7) }),
            HttpStatusCode.BadRequest);

        Assert.Equal("referral.appointment_in_past", problem.GetProperty("code").GetString());
        Assert.Equal(24, problem.GetProperty("params").GetProperty("toleranceHours").GetInt32());
        var message = problem.GetProperty("errors").GetProperty("appointmentAt")[0].GetString()!;
        Assert.Contains("is in the past", message, StringComparison.Ordinal);
        Assert.DoesNotMatch(IsoInstant(), message);
        Assert.Equal(before, await Version(psychiatrist, id));
        // Within the tolerance (seen this morning, entered now) it is a booking.
        Assert.Equal("booked", (await Json(await Act(psychiatrist, id, "book",
            new { appointmentAt = gateway.Clock.GetUtcNow().AddHours(-3) }))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Attendance_before_the_appointment_is_a_400_naming_at_and_changes_nothing()
    {
        var kit = await new ReferralTestKit(gateway, "truth-attend").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var (id, _) = await kit.Refer(phc);
        await Json(await Act(psychiatrist, id, "accept"));
        await Json(await Act(psychiatrist, id, "book", new { appointmentAt = gateway.Clock.GetUtcNow().AddDays(2) }));
        var before = await Version(psychiatrist, id);

        var problem = await Problem(await Act(psychiatrist, id, "attend"), HttpStatusCode.BadRequest);

        Assert.Equal("referral.attended_before_appointment", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("at", out _));
        Assert.Equal(before, await Version(psychiatrist, id));
        Assert.Equal("booked", (await psychiatrist.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_follow_up_cannot_be_missed_before_it_is_due_nor_attended_weeks_early()
    {
        var kit = await new ReferralTestKit(gateway, "truth-fu").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var (id, _) = await kit.Refer(phc);
        await Json(await Act(psychiatrist, id, "accept"));
        await Json(await Act(psychiatrist, id, "start"));
        await Json(await Act(psychiatrist, id, "back-refer", new
        {
            diagnosis = "depression", plan = "Fluoxetine 20 mg daily; review monthly.", followUpEveryDays = 30, courseDays = 90,
            medicines = new[] { new { medicine = "fluoxetine-cap-20mg", dose = "20 mg daily", durationDays = 90 } },
        }));
        var view = await Json(await phc.PostAsJsonAsync($"/api/v1/referrals/{id}/back-referral/acknowledge", new { }));
        var first = view.GetProperty("followUps")[0].GetProperty("id").GetString();
        var before = await Version(phc, id);

        var missed = await Problem(await phc.PostAsJsonAsync($"/api/v1/follow-ups/{first}/missed", new { reason = "not seen" }), HttpStatusCode.BadRequest);
        var early = await Problem(await phc.PostAsJsonAsync($"/api/v1/follow-ups/{first}/attend", new { }), HttpStatusCode.BadRequest);

        Assert.Equal("followUp.missed_before_due", missed.GetProperty("code").GetString());
        Assert.StartsWith("This visit is due ", missed.GetProperty("errors").GetProperty("at")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("followUp.attended_too_early", early.GetProperty("code").GetString());
        Assert.Equal(before, await Version(phc, id));
    }

    [Fact]
    public async Task An_accepted_referral_left_unbooked_says_not_booked_in_the_worklist_and_in_its_alert_named_in_words()
    {
        var kit = await new ReferralTestKit(gateway, "truth-why").RegisterAsync(["Camp Z Health Centre", "Z Hospital Mental Health Unit", "Z Outreach"]);
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        using var coordinator = await kit.Coordinator();
        using (var admin = await gateway.ClientFor("admin"))
        {
            // The coordinators' role subscription receives the new kind as the other referral kinds (migration 0171).
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/subscriptions",
                new { channel = "email", target = "coordinator@truth.test", district = kit.District, role = "referral_coordinator" })).StatusCode);
        }
        var (id, _) = await kit.Refer(phc, "urgent");
        await Json(await Act(psychiatrist, id, "accept"));

        gateway.Clock.SetUtcNow(gateway.Clock.GetUtcNow().AddDays(3).AddMinutes(5));
        await kit.RunScan();

        var worklist = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/referrals?overdue=true&district={kit.District}");
        var row = worklist.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);
        Assert.Equal("accepted", row.GetProperty("status").GetString());
        Assert.Equal("not_booked", row.GetProperty("due").GetProperty("code").GetString());
        Assert.Equal("referral_not_booked", row.GetProperty("due").GetProperty("kind").GetString());
        Assert.DoesNotContain("not accepted", row.GetProperty("due").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("Camp Z Health Centre", row.GetProperty("fromFacilityName").GetString());
        Assert.Empty(await kit.Alerts("referral_not_accepted", id).ContinueWith(t => t.Result.Where(a => a.GetProperty("status").GetString() == "open").ToList()));
        var alert = Assert.Single(await kit.Alerts("referral_not_booked", id));
        var text = alert.GetProperty("message").GetString()!;
        var patient = row.GetProperty("patientCode").GetString()!;
        Assert.StartsWith($"Patient {patient} (urgent referral from Camp Z Health Centre to Z Hospital Mental Health Unit): accepted, but no appointment booked",
            text, StringComparison.Ordinal);
        Assert.DoesNotContain(id.ToString(), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(IsoInstant(), text);
        Assert.Matches(@"due \d{1,2} [A-Z][a-z]{2} \d{4}\.$", text);
        await using (var connection = await gateway.Database.DataSource.OpenConnectionAsync())
        {
            Assert.True(await connection.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM mh.outbox o JOIN mh.alert a ON a.id = o.alert_id WHERE a.referral = @id AND a.kind = 'referral_not_booked'",
                new { id }) >= 1);
        }

        // Booking is the step it waited for: the alert resolves and the why moves on with the state.
        await Json(await Act(psychiatrist, id, "book", new { appointmentAt = gateway.Clock.GetUtcNow().AddDays(1) }));
        Assert.Equal("resolved", Assert.Single(await kit.Alerts("referral_not_booked", id)).GetProperty("status").GetString());
        var detail = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}");
        Assert.Equal("not_attended", detail.GetProperty("due").GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_board_filters_by_urgency_facility_state_and_patient_code_and_pages()
    {
        var kit = await new ReferralTestKit(gateway, "truth-board").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var coordinator = await kit.Coordinator();
        var urgent = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            urgent.Add((await kit.Refer(phc, "urgent")).Id);
        }
        var routine = (await kit.Refer(phc, "routine")).Id;
        var toCommunity = (await kit.Refer(phc, "routine", to: kit.Community)).Id;
        var basePath = $"/api/v1/referrals?district={kit.District}";

        async Task<JsonElement> List(string query) => await Json(await coordinator.GetAsync(basePath + query));
        static List<Guid> Ids(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToList();

        Assert.Equal(urgent.Order(), Ids(await List("&urgency=urgent&pageSize=500")).Order());
        Assert.Equal([toCommunity], Ids(await List($"&facility={kit.Community}")));
        Assert.Equal(7, (await List("&state=open")).GetProperty("total").GetInt64());
        Assert.Equal(0, (await List("&state=closed")).GetProperty("total").GetInt64());
        var code = (await List("")).GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == routine)
            .GetProperty("patientCode").GetString()!;
        Assert.Equal([routine], Ids(await List($"&q={Uri.EscapeDataString(code[3..].ToLowerInvariant())}")));

        var first = await List("&urgency=urgent&pageSize=2&page=1");
        var third = await List("&urgency=urgent&pageSize=2&page=3");
        Assert.Equal(5, first.GetProperty("total").GetInt64());
        Assert.Equal(2, Ids(first).Count);
        Assert.Single(Ids(third));
        Assert.Equal(7, first.GetProperty("counts").EnumerateObject().Sum(c => c.Value.GetInt64()) + 2); // counts follow the urgency filter

        var bad = await Problem(await coordinator.GetAsync(basePath + "&urgency=soon&state=sleeping"), HttpStatusCode.BadRequest);
        Assert.True(bad.GetProperty("errors").TryGetProperty("urgency", out _));
        Assert.True(bad.GetProperty("errors").TryGetProperty("state", out _));
    }

    [Fact]
    public async Task The_worklist_shows_the_phone_to_the_coordinator_and_not_to_the_district_manager()
    {
        var kit = await new ReferralTestKit(gateway, "truth-phone").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var coordinator = await kit.Coordinator();
        using var manager = await kit.Manager();
        var (id, _) = await kit.Refer(phc, name: "Amina Yusuf", phone: "+211 912 000 222");

        JsonElement Row(JsonElement page) => page.GetProperty("items").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);
        var forCoordinator = Row(await Json(await coordinator.GetAsync($"/api/v1/referrals?district={kit.District}")));
        var forManager = Row(await Json(await manager.GetAsync($"/api/v1/referrals?district={kit.District}")));

        Assert.Equal("+211 912 000 222", forCoordinator.GetProperty("phone").GetString());
        Assert.False(forManager.TryGetProperty("phone", out var phone) && phone.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task A_name_or_phone_without_any_consent_is_refused_naming_the_field_and_nothing_is_created()
    {
        var kit = await new ReferralTestKit(gateway, "truth-consent").RegisterAsync();
        using var phc = await kit.ReferringClinician();

        var (id, response) = await kit.Refer(phc, consent: false, name: "Amina Yusuf", phone: "+211 912 000 333");

        var problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.Contains("has not agreed", problem.GetProperty("errors").GetProperty("patient.name")[0].GetString(), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("patient.phone", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await phc.GetAsync($"/api/v1/referrals/{id}")).StatusCode);
        // The code alone, without consent, is a referral.
        Assert.Equal(HttpStatusCode.Created, (await kit.Refer(phc, consent: false)).Response.StatusCode);
    }

    [Fact]
    public async Task A_community_worker_refers_from_the_outreach_service_and_records_the_follow_up_the_coordinator_scheduled()
    {
        // The demo's chw.outreach: a community worker of the community service, at both ends of the loop it starts.
        var kit = await new ReferralTestKit(gateway, "truth-chw").RegisterAsync();
        using var chw = await kit.CommunityWorker();
        using var psychiatrist = await kit.Psychiatrist();
        using var coordinator = await kit.Coordinator();
        var (id, created) = await kit.Refer(chw, from: kit.Community, name: "Amina Yusuf", phone: "+211 912 000 555");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Json(await Act(psychiatrist, id, "accept"));
        await Json(await Act(psychiatrist, id, "start"));
        await Json(await Act(psychiatrist, id, "back-refer", new
        {
            diagnosis = "depression", plan = "Psychoeducation; weekly visits.", followUpEveryDays = 7, courseDays = 28,
            medicines = Array.Empty<object>(),
        }));
        // Acknowledging is the referring clinician's or the coordinator's: the community worker's referral is acknowledged by the coordinator.
        Assert.Equal(HttpStatusCode.Forbidden, (await chw.PostAsJsonAsync($"/api/v1/referrals/{id}/back-referral/acknowledge", new { })).StatusCode);
        var view = await Json(await coordinator.PostAsJsonAsync($"/api/v1/referrals/{id}/back-referral/acknowledge", new { }));
        var first = view.GetProperty("followUps")[0].GetProperty("id").GetString();

        var attended = await Json(await chw.PostAsJsonAsync($"/api/v1/follow-ups/{first}/attend", new { }));

        Assert.Equal("attended", attended.GetProperty("followUps")[0].GetProperty("status").GetString());
        Assert.Equal("+211 912 000 555", attended.GetProperty("patient").GetProperty("phone").GetString());
    }

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")]
    private static partial Regex IsoInstant();
}
