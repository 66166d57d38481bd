using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MhSupply.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MhSupply.WebTests;

/// <summary>The district's referral coordinator (demo user coordinator.district) at a laptop.</summary>
[Collection(WebAppCollection.Name)]
public sealed class CoordinatorTests(WebAppFixture app)
{
    private const string Phc = "phc-camp-a";
    private const string Specialist = "smh-district";

    private static string NewCode(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";

    private static async Task ActAsync(BrowserSession session, string action, Func<ILocator, Task>? fill = null)
    {
        var label = session.Text[$"action.{action}"];
        await session.Page.GetByRole(AriaRole.Button, new() { Name = label, Exact = true }).ClickAsync();
        var form = session.Page.Locator("form.action-form");
        if (fill is not null)
        {
            await fill(form);
        }
        await form.GetByRole(AriaRole.Button, new() { Name = session.Text.Format("referral.confirm", ("action", label)) }).ClickAsync();
    }

    [Fact]
    public async Task A_referral_made_on_the_form_moves_through_its_steps_to_back_referral_and_follow_up()
    {
        var code = NewCode("WEB");
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("coordinator.district", "referrals.title");
        await app.ScreenshotAsync(page, "referral_coordinator", "board");

        await session.NavigateAsync("nav.newReferral", "newReferral.title");
        await session.Field("newReferral.code").FillAsync(code);
        await session.Radio("sex.female").CheckAsync();
        await session.Field("newReferral.birthYear").FillAsync("1988");
        await session.Field("newReferral.from").SelectOptionAsync(Phc);
        await session.Field("newReferral.toFacility").SelectOptionAsync(Specialist);
        await session.Field("newReferral.reason").SelectOptionAsync("depression");
        await session.Radio("urgency.urgent").CheckAsync();
        await page.GetByLabel(session.Text["newReferral.consent"]).CheckAsync();
        await app.ScreenshotAsync(page, "referral_coordinator", "new-referral");
        await page.AssertControlsLabelledAsync("new referral");
        await session.Button("newReferral.submit").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = session.Text.Format("referral.title", ("code", code)), Level = 1 })).ToBeVisibleAsync();
        await Expect(session.Content().GetByText(session.Text.Format("newReferral.created", ("code", code)))).ToBeVisibleAsync();
        var id = Guid.Parse(page.Url.Split('/').Last());

        await ActAsync(session, "receive");
        await Expect(session.Content().GetByText(session.Text.Format("referral.done", ("action", session.Text["action.receive"]), ("state", session.Text["state.received"])))).ToBeVisibleAsync();
        await ActAsync(session, "accept");
        await Expect(session.Content().GetByText(session.Text.Format("referral.done", ("action", session.Text["action.accept"]), ("state", session.Text["state.accepted"])))).ToBeVisibleAsync();
        // Booked as it happened (seen an hour ago): attendance may not be recorded before the appointment.
        var appointment = LocalMinute(app.Clock.GetUtcNow().AddHours(-1));
        await ActAsync(session, "book", form => form.GetByLabel(new Regex("^" + Regex.Escape(session.Text["referral.appointmentAt"]))).FillAsync(appointment));
        await Expect(session.Content().GetByText(session.Text.Format("referral.done", ("action", session.Text["action.book"]), ("state", session.Text["state.booked"])))).ToBeVisibleAsync();
        await ActAsync(session, "attend");
        await Expect(session.Content().GetByText(session.Text.Format("referral.done", ("action", session.Text["action.attend"]), ("state", session.Text["state.in_progress"])))).ToBeVisibleAsync();

        var history = page.GetByRole(AriaRole.Region, new() { Name = session.Text["referral.historyTitle"] }).GetByRole(AriaRole.Listitem);
        await Expect(history).ToHaveCountAsync(5);
        foreach (var (state, n) in new[] { ("requested", 0), ("received", 1), ("accepted", 2), ("booked", 3), ("in_progress", 4) })
        {
            await Expect(history.Nth(n)).ToContainTextAsync(session.Text[$"state.{state}"]);
        }
        // Back-referral is the receiving clinician's judgement, not the coordinator's: it comes through the API.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = session.Text["action.back-refer"], Exact = true })).ToHaveCountAsync(0);
        using (var psychiatrist = await app.ClientFor("clinician", [Specialist], sub: "psychiatrist.smh"))
        {
            var sent = await psychiatrist.PostAsJsonAsync($"/api/v1/referrals/{id}/back-refer", new
            {
                diagnosis = "depression", plan = "Fluoxetine 20 mg daily, review in a month",
                // Weekly: the first visit may be recorded now (at most a week before it is due).
                medicines = new[] { new { medicine = "fluoxetine-cap-20mg", dose = "20 mg daily", durationDays = 30 } }, followUpEveryDays = 7,
            });
            Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
        }

        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = session.Text["back.title"] })).ToBeVisibleAsync();
        await ActAsync(session, "acknowledge-back-referral");
        var followUps = page.GetByRole(AriaRole.Region, new() { Name = session.Text["followUp.title"] }).GetByRole(AriaRole.Listitem);
        await Expect(followUps.First).ToContainTextAsync(session.Text["followUpStatus.scheduled"]);
        await app.ScreenshotAsync(page, "referral_coordinator", "referral-detail");

        await followUps.First.GetByRole(AriaRole.Button, new() { Name = session.Text["followUp.attend"], Exact = true }).ClickAsync();
        await followUps.First.GetByRole(AriaRole.Button, new() { Name = session.Text["followUp.confirm.attend"] }).ClickAsync();
        await Expect(session.Content().GetByText(session.Text["followUp.done"])).ToBeVisibleAsync();
        // The attended visit moves to the collapsed history; the next one is the one with buttons.
        var past = page.Locator("#fu-done");
        await Expect(past.Locator("summary")).ToHaveTextAsync(session.Text.Format("followUp.history", ("n", "1")));
        await past.Locator("summary").ClickAsync();
        await Expect(past.GetByRole(AriaRole.Listitem).First).ToContainTextAsync(session.Text["followUpStatus.attended"]);
        await Expect(followUps.First).ToContainTextAsync(session.Text["followUpStatus.scheduled"]);
    }

    /// <summary>An instant as a datetime-local input takes it, in the browser's (the machine's) time zone.</summary>
    private static string LocalMinute(DateTimeOffset at) =>
        at.ToLocalTime().ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_overdue_worklist_shows_a_late_referral_with_how_late_and_why()
    {
        var code = NewCode("LATE");
        using (var clinician = await app.ClientFor("clinician", [Phc], sub: "clinician.campa"))
        {
            // A paper referral entered late: an emergency sent ten hours ago that nobody has accepted.
            await clinician.Refer(Phc, Specialist, "emergency", app.Clock.GetUtcNow().AddHours(-10), code);
        }
        await using var session = await app.OpenAsync();
        await session.SignInAsync("coordinator.district", "referrals.title");

        // The board, searched by the patient code (it pages the district's referrals, newest first), by state: the
        // referral waits in the "Requested" group.
        await session.Page.Locator("#ref-search").FillAsync(code);
        await session.Button("referrals.searchButton").ClickAsync();
        var requested = new Regex("^" + Regex.Escape(session.Text.Format("referrals.column", ("state", session.Text["state.requested"]))).Replace(@"\{n}", @"\d+", StringComparison.Ordinal) + "$");
        var column = session.Page.GetByRole(AriaRole.Region, new() { NameRegex = requested });
        await Expect(column.GetByRole(AriaRole.Link, new() { Name = session.Text.Format("referrals.patient", ("code", code)) })).ToBeVisibleAsync();

        await session.NavigateAsync("nav.worklist", "worklist.title");

        var worklist = session.Page.GetByRole(AriaRole.Table, new() { Name = session.Text["worklist.caption"] });
        await Expect(await worklist.CellAsync(code, session.Text["worklist.colPatient"])).ToContainTextAsync(session.Text["urgency.emergency"]);
        var hours = new Regex("^" + Regex.Escape(session.Text["time.hours"]).Replace(@"\{h}", @"(\d+)", StringComparison.Ordinal) + "$");
        var howLate = await worklist.CellAsync(code, session.Text["worklist.colLate"]);
        await Expect(howLate).ToHaveTextAsync(hours);
        var late = int.Parse(hours.Match(await howLate.InnerTextAsync()).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(late, 1, 10);
        var why = await worklist.CellAsync(code, session.Text["worklist.colWhy"]);
        // The why is what the current state waits for (why.{code}), said with the state, so the two agree.
        await Expect(why).ToContainTextAsync(session.Text["why.not_accepted"]);
        await Expect(why).ToContainTextAsync(session.Text.Format("worklist.inState", ("state", session.Text["state.requested"])));
        await Expect(await worklist.CellAsync(code, session.Text["worklist.colFrom"])).ToHaveTextAsync("Camp A Health Centre");
        await Expect(await worklist.CellAsync(code, session.Text["worklist.colWhere"])).ToHaveTextAsync("District Hospital Mental Health Unit");
        await app.ScreenshotAsync(session.Page, "referral_coordinator", "worklist");
    }

    [Fact]
    public async Task The_detail_offers_exactly_the_actions_the_server_allows_and_asks_for_a_reason_exactly_when_it_needs_one()
    {
        Guid booked, cancelled;
        using (var clinician = await app.ClientFor("clinician", [Phc], sub: "clinician.campa"))
        using (var coordinator = await app.ClientFor("referral_coordinator", districts: ["demo-district"], sub: "coordinator.district"))
        {
            var at = app.Clock.GetUtcNow().AddHours(-2);
            booked = await clinician.Refer(Phc, Specialist, "routine", at, NewCode("ACT"));
            foreach (var (action, body) in new (string, object)[]
            {
                ("accept", new { }), ("book", new { appointmentAt = app.Clock.GetUtcNow().AddDays(3) }),
            })
            {
                Assert.True((await coordinator.PostAsJsonAsync($"/api/v1/referrals/{booked}/{action}", body)).IsSuccessStatusCode);
            }
            cancelled = await clinician.Refer(Phc, Specialist, "routine", at, NewCode("ACT"));
            Assert.True((await coordinator.PostAsJsonAsync($"/api/v1/referrals/{cancelled}/cancel", new { reason = "entered twice" })).IsSuccessStatusCode);
        }
        await using var session = await app.OpenAsync();
        await session.SignInAsync("coordinator.district", "referrals.title");
        using var api = await app.ClientFor("referral_coordinator", districts: ["demo-district"], sub: "coordinator.district");
        foreach (var id in new[] { booked, cancelled })
        {
            var allowed = (await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/referrals/{id}")).GetProperty("allowedActions")
                .EnumerateArray().Select(a => (Action: a.GetProperty("action").GetString()!, Required: a.GetProperty("reasonRequired").GetBoolean(),
                    Accepted: a.GetProperty("reasonAccepted").GetBoolean())).ToList();
            await session.Page.GotoAsync($"{app.BaseUrl}/referrals/{id}");
            var buttons = session.Page.Locator("section[aria-labelledby=actions-title] button[data-action]");
            await Expect(buttons).ToHaveCountAsync(allowed.Count);
            Assert.Equal(allowed.Select(a => a.Action), await buttons.EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.action)"));
            foreach (var (action, required, accepted) in allowed)
            {
                await session.Page.Locator($"button[data-action=\"{action}\"]").ClickAsync();
                var reason = session.Page.Locator("form.action-form textarea[name=reason]");
                await Expect(reason).ToHaveCountAsync(required || accepted ? 1 : 0);
                if (required || accepted)
                {
                    Assert.Equal(required, await reason.EvaluateAsync<bool>("r => r.required"));
                }
            }
        }
        // Reopening needs a reason (the server's rule the app once guessed wrong): without one the app says so and sends nothing.
        var reopen = session.Text["action.reopen"];
        await session.Page.Locator("button[data-action=reopen]").ClickAsync();
        await session.Page.Locator("form.action-form").GetByRole(AriaRole.Button, new() { Name = session.Text.Format("referral.confirm", ("action", reopen)) }).ClickAsync();
        await Expect(session.Page.Locator("form.action-form .notice-error")).ToBeVisibleAsync();
        Assert.Equal("cancelled", (await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/referrals/{cancelled}")).GetProperty("status").GetString());
        await app.ScreenshotAsync(session.Page, "referral_coordinator", "reason-required");
    }

    [Fact]
    public async Task A_referral_alert_reads_in_French_with_the_patient_code_the_facilities_by_name_and_the_wait_in_words()
    {
        var code = NewCode("ALRT");
        var now = app.Clock.GetUtcNow();
        Guid id;
        using (var clinician = await app.ClientFor("clinician", [Phc], sub: "clinician.campa"))
        {
            id = await clinician.Refer(Phc, Specialist, "urgent", now.AddDays(-5), code);
        }
        using (var psychiatrist = await app.ClientFor("clinician", [Specialist], sub: "psychiatrist.smh"))
        {
            // Accepted four days ago and never booked: the 3 days allowed for a booking ran out a day ago.
            var accepted = await psychiatrist.PostAsJsonAsync($"/api/v1/referrals/{id}/accept", new { at = now.AddDays(-4) });
            Assert.True(accepted.IsSuccessStatusCode, await accepted.Content.ReadAsStringAsync());
        }
        await app.RunJob("alert-scan");

        await using var session = await app.OpenAsync();
        await session.SignInAsync("coordinator.district", "referrals.title");
        var page = session.Page;
        await page.GotoAsync("/alerts?lang=fr&kind=referral_not_booked");
        var french = TranslationFilesTests.Load("fr");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = french["alerts.title"], Level = 1 })).ToBeVisibleAsync();
        var card = page.GetByRole(AriaRole.List, new() { Name = french["alerts.listLabel"] }).GetByRole(AriaRole.Listitem).Filter(new() { HasText = code });
        await Expect(card.GetByRole(AriaRole.Heading)).ToHaveTextAsync(french["alertKind.referral_not_booked"]);

        // The French template of the deadline's why, filled with names and words; only the day's local format is left open.
        var expected = french["alertText.referral_not_booked"]
            .Replace("{patient}", code, StringComparison.Ordinal)
            .Replace("{urgency}", french["alertText.urgency.urgent"], StringComparison.Ordinal)
            .Replace("{from}", "Camp A Health Centre", StringComparison.Ordinal)
            .Replace("{to}", "District Hospital Mental Health Unit", StringComparison.Ordinal)
            .Replace("{wait}", french["alertText.wait.days"].Replace("{n}", "3", StringComparison.Ordinal), StringComparison.Ordinal);
        var pattern = string.Join(".+", expected.Split("{due}").Select(part => Regex.Escape(part).Replace(@"\ ", @"\s", StringComparison.Ordinal)));
        await Expect(card.Locator(".alert-text")).ToHaveTextAsync(new Regex("^" + pattern + "$"));
        var text = await card.Locator(".alert-text").InnerTextAsync();
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}", text);
        Assert.DoesNotContain(Phc, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Specialist, text, StringComparison.Ordinal);
        Assert.DoesNotContain(id.ToString(), text, StringComparison.Ordinal);
        Assert.DoesNotContain("accepted", text, StringComparison.Ordinal);
        await app.ScreenshotAsync(page, "referral_coordinator", "alerts-referral-fr");
    }
}
