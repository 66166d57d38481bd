using MhSupply.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MhSupply.WebTests;

/// <summary>
/// Text contrast (WCAG 2.1 AA) on every main screen of every role, with the status colours on show: a facility of its
/// own, in a district of its own, with a card in each status, so the other tests' data is neither needed nor touched.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class AccessibilityTests(WebAppFixture app)
{
    private const string Facility = "phc-a11y";
    private const string District = "a11y-district";

    [Fact]
    public async Task Every_main_screen_of_every_role_meets_WCAG_AA_text_contrast()
    {
        await ArrangeCardsInEveryStatus();
        var screens = new (string Role, string[] Facilities, string[] Districts, string[] Paths)[]
        {
            ("pharmacist", [Facility], [], ["/stock", "/stock/amitriptyline-tab-25mg", "/report", "/count", "/upload", "/outbox"]),
            ("facility_head", [Facility], [], ["/alerts", "/orders"]),
            ("referral_coordinator", [], [District], ["/referrals", "/worklist", "/referrals/new"]),
            ("district_manager", [], [District], ["/district", "/alerts"]),
        };
        foreach (var (role, facilities, districts, paths) in screens)
        {
            await using var session = await app.OpenAsync();
            await SignInWithToken(session, role, facilities, districts);
            foreach (var path in paths)
            {
                await session.Page.GotoAsync(path);
                await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
                await session.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await session.Page.AssertTextContrastAsync($"{role} {path}");
            }
        }
    }

    /// <summary>
    /// Amitriptyline: 300 received 100 days ago, 30 issued in each of the three months since: AMC about 30, 210 left,
    /// 7 months of stock (overstocked). Fluoxetine: 100 received, 90 issued a month ago, 10 left: below the emergency order
    /// point. Haloperidol: 20 received and all issued (stocked out). Carbamazepine: received today, no history (unknown).
    /// </summary>
    private async Task ArrangeCardsInEveryStatus()
    {
        await app.RegisterFacility(Facility, District);
        var now = DateTimeOffset.UtcNow;
        using var pharmacist = await app.ClientFor("pharmacist", [Facility]);
        await pharmacist.PostAccepted(Facility,
            Api.StockEvent("amitriptyline-tab-25mg", "receipt", 300, now.AddDays(-100)),
            Api.StockEvent("amitriptyline-tab-25mg", "issue", 30, now.AddDays(-80)),
            Api.StockEvent("amitriptyline-tab-25mg", "issue", 30, now.AddDays(-50)),
            Api.StockEvent("amitriptyline-tab-25mg", "issue", 30, now.AddDays(-20)),
            Api.StockEvent("fluoxetine-cap-20mg", "receipt", 100, now.AddDays(-100)),
            Api.StockEvent("fluoxetine-cap-20mg", "issue", 90, now.AddDays(-40)),
            Api.StockEvent("haloperidol-tab-5mg", "receipt", 20, now.AddHours(-3)),
            Api.StockEvent("haloperidol-tab-5mg", "issue", 20, now.AddHours(-2)),
            Api.StockEvent("carbamazepine-tab-200mg", "receipt", 50, now.AddHours(-1)));
        var statuses = new HashSet<string?>();
        foreach (var medicine in new[] { "amitriptyline-tab-25mg", "fluoxetine-cap-20mg", "haloperidol-tab-5mg", "carbamazepine-tab-200mg" })
        {
            statuses.Add((await pharmacist.StockItem(Facility, medicine)).GetProperty("status").GetString());
        }
        Assert.Contains("stocked_out", statuses);
        Assert.Contains("unknown", statuses);
        Assert.True(statuses.Count >= 3, $"precondition: cards in at least three statuses, got {string.Join(", ", statuses)}");
    }

    private async Task SignInWithToken(BrowserSession session, string role, string[] facilities, string[] districts)
    {
        var token = await app.TokenFor(role, facilities, districts, sub: $"{role}.a11y");
        // The way an identity provider hands the token back to the sign-in page (WebApp:SignInUrl's redirect).
        await session.Page.GotoAsync($"/signin#access_token={Uri.EscapeDataString(token)}");
        await Expect(session.Page.GetByText(session.Text.Format("header.signedInAs", ("user", $"{role}.a11y"), ("role", session.Text[$"role.{role}"]))))
            .ToBeVisibleAsync();
    }
}
