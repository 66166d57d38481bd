using System.Net.Http.Json;
using Dapper;
using MhSupply.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MhSupply.WebTests;

/// <summary>
/// Every role works offline, not only the pharmacist: a referral step and an alert acknowledgement made without a
/// connection wait on the device (IndexedDB) and are sent, once, when it is back, with the outcome in the banner.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class OfflineStepsTests(WebAppFixture app)
{
    private const string Phc = "phc-camp-a";
    private const string Specialist = "smh-district";

    [Fact]
    public async Task A_coordinator_accepts_a_referral_offline_and_it_is_sent_once_when_back_online()
    {
        using var clinician = await app.ClientFor("clinician", [Phc], sub: "clinician.offline");
        var code = "OFF-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var id = await clinician.Refer(Phc, Specialist, "urgent", DateTimeOffset.UtcNow.AddHours(-2), code);

        await using var session = await app.OpenAsync(Browsing.Phone);
        await session.SignInAsync("coordinator.district", "referrals.title");
        var page = session.Page;
        await page.GotoAsync($"/referrals/{id}");
        await Expect(session.Heading("referral.title").Or(page.GetByRole(AriaRole.Heading, new() { Level = 1 }))).ToBeVisibleAsync();

        await page.Context.SetOfflineAsync(true);
        var label = session.Text["action.receive"];
        await page.GetByRole(AriaRole.Button, new() { Name = label, Exact = true }).ClickAsync();
        await page.Locator("form.action-form").GetByRole(AriaRole.Button, new() { Name = session.Text.Format("referral.confirm", ("action", label)) }).ClickAsync();

        var step = session.Text.Format("steps.referralStep", ("action", label), ("code", code));
        await Expect(session.Content().GetByText(session.Text.Format("steps.savedOffline", ("step", step)))).ToBeVisibleAsync();
        var banner = page.Locator("#steps-banner");
        await Expect(banner.GetByText(session.Text["steps.waitingOne"])).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "referral_coordinator", "offline-step-queued");
        Assert.Equal(0, await HistoryCount(id, "receive"));

        // Back online: the banner says it went, and the referral shows it.
        await page.Context.SetOfflineAsync(false);
        await Expect(banner.GetByText(session.Text.Format("steps.synced", ("accepted", 1), ("duplicate", 0), ("rejected", 0)))).ToBeVisibleAsync();
        Assert.Equal(1, await HistoryCount(id, "receive"));
        await page.ReloadAsync();
        await Expect(session.Content()).ToContainTextAsync(session.Text["state.received"]);
        await Expect(banner.GetByText(session.Text["steps.waitingOne"])).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_step_saved_offline_survives_a_reload_and_one_whose_answer_was_lost_is_recorded_once()
    {
        using var clinician = await app.ClientFor("clinician", [Phc], sub: "clinician.offline2");
        var code = "OFR-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var id = await clinician.Refer(Phc, Specialist, "routine", DateTimeOffset.UtcNow.AddHours(-2), code);
        // Service workers off: the route below must see the page's own request.
        await using var session = await app.OpenAsync(Browsing.Laptop, o => o.ServiceWorkers = ServiceWorkerPolicy.Block);
        await session.SignInAsync("coordinator.district", "referrals.title");
        var page = session.Page;
        await page.GotoAsync($"/referrals/{id}");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = session.Text["action.receive"], Exact = true })).ToBeVisibleAsync();

        // The first send reaches the server but its answer is lost on the way back.
        var lost = 0;
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync($"**/api/v1/referrals/{id}/receive", async route =>
        {
            if (lost++ == 0)
            {
                await route.FetchAsync();
                reached.SetResult();
                await route.AbortAsync("connectionreset");
                return;
            }
            await route.ContinueAsync();
        });
        var label = session.Text["action.receive"];
        await page.GetByRole(AriaRole.Button, new() { Name = label, Exact = true }).ClickAsync();
        await page.Locator("form.action-form").GetByRole(AriaRole.Button, new() { Name = session.Text.Format("referral.confirm", ("action", label)) }).ClickAsync();
        await reached.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await Expect(page.Locator("#steps-banner").GetByText(session.Text["steps.waitingOne"])).ToBeVisibleAsync();
        Assert.Equal(1, await HistoryCount(id, "receive"));

        // Still waiting after a reload (IndexedDB), and the resend is answered as already recorded.
        await page.ReloadAsync();
        await Expect(page.Locator("#steps-banner").GetByText(session.Text.Format("steps.synced", ("accepted", 0), ("duplicate", 1), ("rejected", 0)))).ToBeVisibleAsync();
        Assert.Equal(1, await HistoryCount(id, "receive"));
    }

    [Fact]
    public async Task A_facility_head_acknowledges_an_alert_offline_and_it_is_recorded_when_back_online()
    {
        const string medicine = "clomipramine-cap-25mg";
        var name = await app.MedicineName(medicine);
        using var pharmacist = await app.ClientFor("pharmacist", [Phc]);
        var now = DateTimeOffset.UtcNow;
        await pharmacist.PostAccepted(Phc, Api.StockEvent(medicine, "receipt", 4, now.AddHours(-3)), Api.StockEvent(medicine, "issue", 4, now.AddHours(-2)));

        await using var session = await app.OpenAsync(Browsing.Phone);
        await session.SignInAsync("head.campa", "alerts.title");
        var page = session.Page;
        var card = page.GetByRole(AriaRole.List, new() { Name = session.Text["alerts.listLabel"] }).GetByRole(AriaRole.Listitem)
            .Filter(new() { HasText = name }).Filter(new() { HasText = session.Text["alertStatus.open"] }).First;
        await Expect(card).ToBeVisibleAsync();

        await page.Context.SetOfflineAsync(true);
        await card.GetByRole(AriaRole.Button, new() { Name = session.Text["alerts.acknowledge"] }).ClickAsync();
        await card.GetByLabel(session.Text["alerts.note"]).FillAsync("Called the district store");
        await card.GetByRole(AriaRole.Button, new() { Name = session.Text["alerts.confirmAcknowledge"] }).ClickAsync();
        await Expect(page.Locator("#steps-banner").GetByText(session.Text["steps.waitingOne"])).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "facility_head", "offline-ack-queued");
        Assert.Equal(0, await AcknowledgedCount(medicine));

        await page.Context.SetOfflineAsync(false);
        await Expect(page.Locator("#steps-banner").GetByText(session.Text.Format("steps.synced", ("accepted", 1), ("duplicate", 0), ("rejected", 0)))).ToBeVisibleAsync();
        Assert.Equal(1, await AcknowledgedCount(medicine));
    }

    private async Task<int> HistoryCount(Guid referral, string action)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM mh.referral_history WHERE referral_id = @referral AND action = @action", new { referral, action });
    }

    private async Task<int> AcknowledgedCount(string medicine)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int>(
            """
            SELECT count(*) FROM mh.alert_change c JOIN mh.alert a ON a.id = c.alert_id
            WHERE a.facility = @Phc AND a.kind = 'stock_out' AND a.medicine = @medicine AND c.change = 'acknowledged'
            """, new { Phc, medicine });
    }
}
