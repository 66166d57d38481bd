using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Referrals.ReferralTestKit;

namespace MhSupply.Tests.Referrals;

/// <summary>Each referral alert is raised on time (not before) by the scan, and resolved when the awaited step happens.</summary>
[Collection(GatewayCollection.Name)]
public sealed class ReferralAlertTests(GatewayFactory gateway)
{
    [Fact]
    public async Task Emergency_referral_not_accepted_within_4_hours_raises_an_alert_that_acceptance_resolves()
    {
        var kit = await new ReferralTestKit(gateway, "ra-accept").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var at = gateway.Clock.GetUtcNow().AddMinutes(-1);
        var (id, _) = await kit.Refer(phc, "emergency", at: at);
        // Acknowledging receipt an hour later is not acceptance: the 4 h still count from the request.
        gateway.Clock.SetUtcNow(at.AddHours(1));
        await Json(await Act(psychiatrist, id, "receive"));

        gateway.Clock.SetUtcNow(at.AddHours(4).AddMinutes(-1));
        await kit.RunScan();
        Assert.Empty(await kit.Alerts("referral_not_accepted", id));

        gateway.Clock.SetUtcNow(at.AddHours(4).AddMinutes(1));
        await kit.RunScan();
        var alert = Assert.Single(await kit.Alerts("referral_not_accepted", id));
        Assert.Equal("open", alert.GetProperty("status").GetString());

        await Json(await Act(psychiatrist, id, "accept"));
        Assert.Equal("resolved", Assert.Single(await kit.Alerts("referral_not_accepted", id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Booked_appointment_without_attendance_a_day_later_raises_appointment_missed()
    {
        var kit = await new ReferralTestKit(gateway, "ra-appt").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var (id, _) = await kit.Refer(phc, "urgent");
        await Json(await Act(psychiatrist, id, "accept"));
        var appointment = gateway.Clock.GetUtcNow().AddDays(3);
        await Json(await Act(psychiatrist, id, "book", new { appointmentAt = appointment }));

        gateway.Clock.SetUtcNow(appointment.AddHours(23));
        await kit.RunScan();
        Assert.Empty(await kit.Alerts("appointment_missed", id));

        gateway.Clock.SetUtcNow(appointment.AddHours(25));
        await kit.RunScan();
        Assert.Single(await kit.Alerts("appointment_missed", id));

        await Json(await Act(psychiatrist, id, "no-show", new { reason = "no transport" }));
        Assert.Equal("resolved", Assert.Single(await kit.Alerts("appointment_missed", id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Seen_without_back_referral_for_30_days_raises_back_referral_overdue()
    {
        var kit = await new ReferralTestKit(gateway, "ra-back").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var (id, _) = await kit.Refer(phc);
        await Json(await Act(psychiatrist, id, "accept"));
        var seen = gateway.Clock.GetUtcNow();
        await Json(await Act(psychiatrist, id, "start", new { at = seen }));

        gateway.Clock.SetUtcNow(seen.AddDays(30).AddMinutes(-1));
        await kit.RunScan();
        Assert.Empty(await kit.Alerts("back_referral_overdue", id));
        gateway.Clock.SetUtcNow(seen.AddDays(30).AddMinutes(1));
        await kit.RunScan();
        Assert.Single(await kit.Alerts("back_referral_overdue", id));
    }

    [Fact]
    public async Task Missed_follow_up_alerts_after_the_grace_and_escalates_when_tracing_finds_nobody_in_14_days()
    {
        var kit = await new ReferralTestKit(gateway, "ra-follow").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        // The community health worker attached to the PHC does the tracing.
        using var chw = await gateway.ClientFor("community_worker", facilities: [kit.Phc]);
        var (id, _) = await kit.Refer(phc);
        await Json(await Act(psychiatrist, id, "accept"));
        await Json(await Act(psychiatrist, id, "start"));
        await Json(await Act(psychiatrist, id, "back-refer", new
        {
            diagnosis = "depression", plan = "Fluoxetine 20 mg; psychoeducation.", followUpEveryDays = 14,
            medicines = new[] { new { medicine = "fluoxetine-cap-20mg", dose = "20 mg daily", durationDays = 180 } },
        }));
        var view = await Json(await phc.PostAsJsonAsync($"/api/v1/referrals/{id}/back-referral/acknowledge", new { }));
        var first = view.GetProperty("followUps")[0];
        var firstId = first.GetProperty("id").GetString();
        var due = first.GetProperty("dueAt").GetDateTimeOffset();
        // The second visit falls due later on; this test follows the first.
        async Task<List<JsonElement>> FirstVisitAlerts() =>
            (await kit.Alerts("follow_up_missed", id)).Where(a => a.GetProperty("subject").GetString() == firstId).ToList();

        gateway.Clock.SetUtcNow(due.AddDays(3).AddMinutes(-1));
        await kit.RunScan();
        Assert.Empty(await FirstVisitAlerts());
        gateway.Clock.SetUtcNow(due.AddDays(3).AddMinutes(1));
        await kit.RunScan();
        var alert = Assert.Single(await FirstVisitAlerts());
        Assert.False(alert.TryGetProperty("escalatedAt", out _));

        var missedAt = gateway.Clock.GetUtcNow();
        await Json(await phc.PostAsJsonAsync($"/api/v1/follow-ups/{first.GetProperty("id").GetString()}/missed",
            new { reason = "not at home", promisedDate = DateOnly.FromDateTime(missedAt.UtcDateTime.AddDays(2)).ToString("yyyy-MM-dd") }));
        gateway.Clock.SetUtcNow(missedAt.AddDays(14).AddMinutes(1));
        await kit.RunScan();
        Assert.True(Assert.Single(await FirstVisitAlerts()).TryGetProperty("escalatedAt", out _));

        await Json(await chw.PostAsJsonAsync($"/api/v1/follow-ups/{first.GetProperty("id").GetString()}/traced", new { outcome = "moved to camp B; referred on" }));
        Assert.Equal("resolved", Assert.Single(await FirstVisitAlerts()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Back_referral_prescribing_a_medicine_the_PHC_lacks_raises_prescribed_item_unavailable_for_that_medicine_only()
    {
        var kit = await new ReferralTestKit(gateway, "ra-rx").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [kit.Phc]);
        // The PHC has plenty of haloperidol and has just run out of biperiden.
        var at = gateway.Clock.GetUtcNow().AddHours(-2);
        var stock = await pharmacist.PostAsJsonAsync($"/api/v1/facilities/{kit.Phc}/stock-events", new
        {
            events = new object[]
            {
                new { id = Guid.NewGuid(), medicine = "haloperidol-tab-5mg", type = "receipt", quantity = 500, occurredAt = at },
                new { id = Guid.NewGuid(), medicine = "biperiden-tab-2mg", type = "receipt", quantity = 10, occurredAt = at },
                new { id = Guid.NewGuid(), medicine = "biperiden-tab-2mg", type = "issue", quantity = 10, occurredAt = at.AddMinutes(5) },
            },
        });
        stock.EnsureSuccessStatusCode();
        var (id, _) = await kit.Refer(phc);
        await Json(await Act(psychiatrist, id, "accept"));
        await Json(await Act(psychiatrist, id, "start"));

        await Json(await Act(psychiatrist, id, "back-refer", new
        {
            diagnosis = "psychosis", plan = "Haloperidol with biperiden for side effects.", followUpEveryDays = 30,
            medicines = new[]
            {
                new { medicine = "haloperidol-tab-5mg", dose = "5 mg", durationDays = 90 },
                new { medicine = "biperiden-tab-2mg", dose = "2 mg", durationDays = 30 },
            },
        }));

        var alert = Assert.Single(await kit.Alerts("prescribed_item_unavailable", id));
        Assert.Equal("biperiden-tab-2mg", alert.GetProperty("medicine").GetString());
        Assert.Equal(kit.Phc, alert.GetProperty("facility").GetString());
        using var head = await gateway.ClientFor("facility_head", facilities: [kit.Phc]);
        var inbox = await head.GetFromJsonAsync<JsonElement>($"/api/v1/alerts?kind=prescribed_item_unavailable&facility={kit.Phc}");
        Assert.Equal(1, inbox.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Prescribed_item_unavailable_resolves_itself_when_the_medicine_is_back_on_the_PHC_shelf()
    {
        var kit = await new ReferralTestKit(gateway, "ra-rx-back").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [kit.Phc]);
        var at = gateway.Clock.GetUtcNow().AddHours(-3);
        (await pharmacist.PostAsJsonAsync($"/api/v1/facilities/{kit.Phc}/stock-events", new
        {
            events = new object[]
            {
                new { id = Guid.NewGuid(), medicine = "biperiden-tab-2mg", type = "receipt", quantity = 10, occurredAt = at },
                new { id = Guid.NewGuid(), medicine = "biperiden-tab-2mg", type = "issue", quantity = 10, occurredAt = at.AddMinutes(5) },
            },
        })).EnsureSuccessStatusCode();
        var (id, _) = await kit.Refer(phc);
        await Json(await Act(psychiatrist, id, "accept"));
        await Json(await Act(psychiatrist, id, "start"));
        await Json(await Act(psychiatrist, id, "back-refer", new
        {
            diagnosis = "psychosis", plan = "Biperiden for side effects.", followUpEveryDays = 30,
            medicines = new[] { new { medicine = "biperiden-tab-2mg", dose = "2 mg", durationDays = 30 } },
        }));
        Assert.Equal("open", Assert.Single(await kit.Alerts("prescribed_item_unavailable", id)).GetProperty("status").GetString());

        // Another medicine arriving changes nothing; biperiden arriving ends the interruption.
        async Task Receive(string medicine) => (await pharmacist.PostAsJsonAsync($"/api/v1/facilities/{kit.Phc}/stock-events", new
        {
            events = new[] { new { id = Guid.NewGuid(), medicine, type = "receipt", quantity = 60, occurredAt = gateway.Clock.GetUtcNow().AddMinutes(-1) } },
        })).EnsureSuccessStatusCode();
        await Receive("haloperidol-tab-5mg");
        Assert.Equal("open", Assert.Single(await kit.Alerts("prescribed_item_unavailable", id)).GetProperty("status").GetString());
        await Receive("biperiden-tab-2mg");

        var resolved = Assert.Single(await kit.Alerts("prescribed_item_unavailable", id));
        Assert.Equal("resolved", resolved.GetProperty("status").GetString());
        Assert.True(resolved.GetProperty("resolvedAt").GetDateTimeOffset() >= resolved.GetProperty("raisedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_course_larger_than_the_PHC_s_stock_is_unavailable_names_who_has_enough_and_resolves_once_the_course_is_there()
    {
        var kit = await new ReferralTestKit(gateway, "ra-rx-course").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [kit.Phc]);
        using var specialistStore = await gateway.ClientFor("pharmacist", facilities: [kit.Specialist]);
        async Task Receive(HttpClient client, string facility, int quantity) => (await client.PostAsJsonAsync($"/api/v1/facilities/{facility}/stock-events", new
        {
            events = new[] { new { id = Guid.NewGuid(), medicine = "fluoxetine-cap-20mg", type = "receipt", quantity, occurredAt = gateway.Clock.GetUtcNow().AddMinutes(-1) } },
        })).EnsureSuccessStatusCode();
        await Receive(pharmacist, kit.Phc, 50);
        await Receive(specialistStore, kit.Specialist, 200);
        var (id, _) = await kit.Refer(phc);
        await Json(await Act(psychiatrist, id, "accept"));
        await Json(await Act(psychiatrist, id, "start"));

        // 2 a day for 60 days is 120 units: the PHC's 50 on hand would interrupt the course after 25 days.
        await Json(await Act(psychiatrist, id, "back-refer", new
        {
            diagnosis = "depression", plan = "Fluoxetine 40 mg.", followUpEveryDays = 30,
            medicines = new[] { new { medicine = "fluoxetine-cap-20mg", dose = "two capsules each morning", durationDays = 60, quantity = 2, per = "day" } },
        }));

        var alert = Assert.Single(await kit.Alerts("prescribed_item_unavailable", id));
        Assert.Equal(("open", "prescribed_item_short_elsewhere"), (alert.GetProperty("status").GetString(), alert.GetProperty("messageCode").GetString()));
        Assert.EndsWith($"for the course; {kit.Phc} has 50 on hand. {kit.Specialist} in the district has enough (200 units).", alert.GetProperty("message").GetString());

        // 30 more (80) is still short of the course; 50 more (130) covers it.
        await Receive(pharmacist, kit.Phc, 30);
        Assert.Equal("open", Assert.Single(await kit.Alerts("prescribed_item_unavailable", id)).GetProperty("status").GetString());
        await Receive(pharmacist, kit.Phc, 50);
        Assert.Equal("resolved", Assert.Single(await kit.Alerts("prescribed_item_unavailable", id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Coordinator_worklist_lists_overdue_referrals_most_late_first_with_why_and_counts_by_state()
    {
        var kit = await new ReferralTestKit(gateway, "ra-work").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var coordinator = await kit.Coordinator();
        var now = gateway.Clock.GetUtcNow();
        var (older, _) = await kit.Refer(phc, "emergency", at: now.AddHours(-10));
        var (newer, _) = await kit.Refer(phc, "emergency", at: now.AddHours(-6));
        var (onTime, _) = await kit.Refer(phc, "routine", at: now.AddHours(-1));

        var list = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/referrals?overdue=true&district={kit.District}");

        var ids = list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([older, newer], ids);
        var first = list.GetProperty("items")[0].GetProperty("due");
        Assert.Equal("referral_not_accepted", first.GetProperty("kind").GetString());
        Assert.True(first.GetProperty("hoursLate").GetDouble() >= 5.9);
        Assert.Equal(3, list.GetProperty("counts").GetProperty("requested").GetInt32());
        Assert.DoesNotContain(onTime, ids);
    }
}
