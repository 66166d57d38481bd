using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MhSupply.WebTests;

/// <summary>
/// The district manager (demo user manager.district): the heat map of stock status, the escalated alerts, and stock to
/// spare in the district moved to a facility that is short.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class DistrictManagerTests(WebAppFixture app)
{
    [Fact]
    public async Task The_heat_map_shows_each_facilitys_status_and_an_unanswered_stock_out_is_escalated()
    {
        const string medicine = "diazepam-tab-5mg";
        var name = await app.MedicineName(medicine);
        var now = DateTimeOffset.UtcNow;
        using (var campB = await app.ClientFor("pharmacist", ["phc-camp-b"]))
        {
            await campB.PostAccepted("phc-camp-b", Api.StockEvent(medicine, "receipt", 20, now.AddHours(-3)), Api.StockEvent(medicine, "issue", 20, now.AddHours(-2)));
        }
        using (var campA = await app.ClientFor("pharmacist", ["phc-camp-a"]))
        {
            await campA.PostAccepted("phc-camp-a", Api.StockEvent(medicine, "receipt", 100, now.AddHours(-3)));
        }
        // Nobody acknowledges Camp B's stock-out for 48 hours: the scan escalates it. The clock goes back after the scan,
        // so the browser's clock and the server's agree again.
        app.Clock.Advance(TimeSpan.FromHours(49));
        try
        {
            await app.RunJob("alert-scan");
        }
        finally
        {
            app.Clock.Advance(TimeSpan.FromHours(-49));
        }

        await using var session = await app.OpenAsync();
        await session.SignInAsync("manager.district", "district.title");
        var page = session.Page;

        var heat = page.GetByRole(AriaRole.Table, new() { Name = session.Text["district.caption"] });
        await Expect(await heat.CellAsync(name, "Camp B Health Post")).ToContainTextAsync(session.Text["status.stocked_out"]);
        await Expect(await heat.CellAsync(name, "Camp A Health Centre")).ToContainTextAsync(session.Text["status.unknown"]);
        // The outreach service never reported stock: it has its column all the same, marked as the one to chase.
        var outreach = heat.GetByRole(AriaRole.Columnheader).Filter(new() { HasText = "Community Psychosocial Outreach" });
        await Expect(outreach).ToContainTextAsync(session.Text["district.noReportYet"]);

        var escalated = page.GetByRole(AriaRole.Region, new() { Name = session.Text["district.escalatedTitle"] });
        var card = escalated.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = $"{session.Text["alertKind.stock_out"]} · {name}" }) });
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card).ToContainTextAsync(session.Text["alerts.escalated"]);
        await Expect(card).ToContainTextAsync("Camp B Health Post");
        await app.ScreenshotAsync(page, "district_manager", "district");

        // A cell opens the facility's card of that medicine.
        await (await heat.CellAsync(name, "Camp B Health Post")).GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
        Assert.Contains("facility=phc-camp-b", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_district_manager_opens_a_referrals_clinical_details_only_by_stating_why_and_the_audit_keeps_it()
    {
        Guid id;
        using (var clinician = await app.ClientFor("clinician", ["phc-camp-a"], sub: "clinician.campa"))
        {
            id = await clinician.Refer("phc-camp-a", "smh-district", "routine", app.Clock.GetUtcNow().AddHours(-1), "EXC-" + Guid.NewGuid().ToString("N")[..6]);
        }
        await using var session = await app.OpenAsync();
        await session.SignInAsync("manager.district", "district.title");
        var page = session.Page;
        await page.GotoAsync($"{app.BaseUrl}/referrals/{id}");

        var withheld = page.GetByRole(AriaRole.Region, new() { Name = session.Text["referral.withheldTitle"] });
        await Expect(withheld).ToContainTextAsync(session.Text["referral.withheld"]);
        await Expect(page.GetByText(session.Text["mhgap.depression"], new() { Exact = true })).ToHaveCountAsync(0);
        await withheld.GetByLabel(new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(session.Text["referral.justification"])))
            .FillAsync("Complaint about a delayed referral");
        await withheld.GetByRole(AriaRole.Button, new() { Name = session.Text["referral.openWithReason"] }).ClickAsync();

        await Expect(page.GetByText(session.Text["referral.exceptional"])).ToBeVisibleAsync();
        await Expect(page.GetByText(session.Text["mhgap.depression"], new() { Exact = true })).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "district_manager", "referral-exceptional");
        using var manager = await app.ClientFor("district_manager", districts: ["demo-district"], sub: "manager.district");
        var audit = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(manager, $"/api/v1/referrals/{id}/audit");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("action").GetString() == "exceptional-read"
            && a.GetProperty("justification").GetString() == "Complaint about a delayed referral");
    }

    [Fact]
    public async Task On_a_phone_the_heat_map_names_medicines_and_facilities_and_keeps_the_medicine_column_in_view()
    {
        const string medicine = "diazepam-tab-2mg";
        var name = await app.MedicineName(medicine);
        using (var campA = await app.ClientFor("pharmacist", ["phc-camp-a"]))
        {
            await campA.PostAccepted("phc-camp-a", Api.StockEvent(medicine, "receipt", 30, DateTimeOffset.UtcNow.AddHours(-3)));
        }
        await using var session = await app.OpenAsync(Browsing.Phone);
        await session.SignInAsync("manager.district", "district.title");
        var page = session.Page;
        var heat = page.GetByRole(AriaRole.Table, new() { Name = session.Text["district.caption"] });

        // Names, not codes: the row is found by the medicine's full name, the column by the facility's.
        await Expect(await heat.CellAsync(name, "Camp A Health Centre")).ToBeVisibleAsync();
        Assert.DoesNotContain(await heat.GetByRole(AriaRole.Columnheader).AllInnerTextsAsync(), h => h.Contains("phc-", StringComparison.Ordinal));
        await Expect(heat.Locator("tbody th").Filter(new() { HasText = medicine })).ToHaveCountAsync(0);

        var first = heat.Locator("tbody tr").First;
        await first.ScrollIntoViewIfNeededAsync();
        await first.Locator("th").AssertFullyInViewportAsync("the heat map's first medicine at 360 px");
        await first.Locator("td").First.AssertFullyInViewportAsync("the heat map's first status at 360 px");
        // Scrolled sideways, the medicine column stays.
        await page.Locator(".scroller").Filter(new() { Has = heat }).EvaluateAsync("s => { s.scrollLeft = (document.dir === 'rtl' ? -1 : 1) * s.scrollWidth; }");
        await first.Locator("th").AssertFullyInViewportAsync("the heat map's first medicine scrolled sideways");
        foreach (var lang in new[] { "en", "fr", "ar" })
        {
            await page.GotoAsync($"/district?lang={lang}");
            await Expect(page.GetByRole(AriaRole.Table).First).ToBeVisibleAsync();
            await app.ScreenshotAsync(page, "district_manager", $"district-360-{lang}");
        }
    }

    [Fact]
    public async Task A_redistribution_suggestion_becomes_a_transfer_order_with_one_button_and_is_not_suggested_again()
    {
        const string medicine = "diazepam-inj-5mg-ml";
        var name = await app.MedicineName(medicine);
        var now = DateTimeOffset.UtcNow;
        var month = new DateTimeOffset(now.Year, now.Month, 1, 12, 0, 0, TimeSpan.Zero);
        object[] History(int received) =>
        [
            Api.StockEvent(medicine, "receipt", received, month.AddMonths(-4).AddDays(4)), Api.StockEvent(medicine, "issue", 30, month.AddMonths(-3).AddDays(9)),
            Api.StockEvent(medicine, "issue", 30, month.AddMonths(-2).AddDays(9)), Api.StockEvent(medicine, "issue", 30, month.AddMonths(-1).AddDays(9)),
        ];
        // Camp B used 30 a month and has 3 left, a tenth of a month, below its emergency order point: it needs 3 x 30 - 3 = 87.
        // The hospital used 30 a month and holds 510, 17 months: above its maximum, it keeps its minimum (2 x 30) and can give.
        using (var campB = await app.ClientFor("pharmacist", ["phc-camp-b"]))
        {
            await campB.PostAccepted("phc-camp-b", History(93));
        }
        using var hospital = await app.ClientFor("pharmacist", ["smh-district"]);
        await hospital.PostAccepted("smh-district", History(600));

        await using var session = await app.OpenAsync(Browsing.Phone);
        await session.SignInAsync("manager.district", "district.title");
        var page = session.Page;
        var section = page.Locator("section.redistribution");
        var move = session.Text.Format("redistribution.move", ("quantity", 87), ("medicine", name), ("from", "District Hospital Mental Health Unit"),
            ("to", "Camp B Health Post"));
        var card = section.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = move }) });
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card).ToContainTextAsync(session.Text.Format("redistribution.why.surplus", ("from", "District Hospital Mental Health Unit")));
        await app.ScreenshotAsync(page, "district_manager", "redistribution");
        await card.GetByRole(AriaRole.Button, new() { Name = session.Text["redistribution.make"] }).ClickAsync();
        await Expect(card.GetByText(session.Text.Format("redistribution.made", ("from", "District Hospital Mental Health Unit"), ("to", "Camp B Health Post"))))
            .ToBeVisibleAsync();

        // The order is approved, from the hospital to Camp B, and waits for the hospital's pharmacist to ship it.
        await card.GetByRole(AriaRole.Link, new() { Name = session.Text["redistribution.open"] }).ClickAsync();
        await Expect(session.Content().Locator("p.order-status")).ToHaveTextAsync(session.Text["orderStatus.approved"]);
        var id = new Uri(page.Url).AbsolutePath.Split('/').Last();
        var order = await hospital.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}");
        var line = order.GetProperty("lines").EnumerateArray().Single();
        Assert.Equal(("phc-camp-b", "smh-district", medicine, 87), (order.GetProperty("facility").GetString(), order.GetProperty("supplier").GetString(),
            line.GetProperty("medicine").GetString(), line.GetProperty("approved").GetInt32()));

        // Back on the district screen, Camp B has 87 coming: the move is not suggested a second time.
        await session.NavigateAsync("nav.district", "district.title");
        await Expect(page.Locator("section.redistribution")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = move })).ToHaveCountAsync(0);
    }
}
