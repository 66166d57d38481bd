using Dapper;
using MhSupply.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MhSupply.WebTests;

/// <summary>The head of Camp A (demo user head.campa) at a laptop: the alert inbox, stock at a glance, suggested orders.</summary>
[Collection(WebAppCollection.Name)]
public sealed class FacilityHeadTests(WebAppFixture app)
{
    private const string Facility = "phc-camp-a";

    [Fact]
    public async Task A_stock_out_is_in_the_inbox_open_first_and_is_acknowledged_with_a_note()
    {
        const string medicine = "biperiden-tab-2mg";
        var name = await app.MedicineName(medicine);
        using var pharmacist = await app.ClientFor("pharmacist", [Facility]);
        var now = DateTimeOffset.UtcNow;
        await pharmacist.PostAccepted(Facility, Api.StockEvent(medicine, "receipt", 10, now.AddHours(-2)), Api.StockEvent(medicine, "issue", 10, now.AddHours(-1)));
        // A second stock-out, raised after the first: newest first puts it above.
        const string newer = "chlorpromazine-tab-100mg";
        var newerName = await app.MedicineName(newer);
        await pharmacist.PostAccepted(Facility, Api.StockEvent(newer, "receipt", 5, now.AddHours(-2)), Api.StockEvent(newer, "issue", 5, now.AddMinutes(-30)));

        await using var session = await app.OpenAsync();
        await session.SignInAsync("head.campa", "alerts.title");
        var page = session.Page;
        var cards = page.GetByRole(AriaRole.List, new() { Name = session.Text["alerts.listLabel"] }).GetByRole(AriaRole.Listitem);
        var card = cards.Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = $"{session.Text["alertKind.stock_out"]} · {name}" }) });
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card).ToContainTextAsync(session.Text["alertStatus.open"]);
        var titles = (await cards.GetByRole(AriaRole.Heading).AllInnerTextsAsync()).ToList();
        var (newerAt, olderAt) = (titles.IndexOf($"{session.Text["alertKind.stock_out"]} · {newerName}"), titles.IndexOf($"{session.Text["alertKind.stock_out"]} · {name}"));
        Assert.True(newerAt >= 0 && newerAt < olderAt, "the newer stock-out is not listed above the older: " + string.Join(" | ", titles));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = session.Text["glance.title"] })).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "facility_head", "alerts");

        const string note = "Emergency order sent to the district store";
        await card.GetByRole(AriaRole.Button, new() { Name = session.Text["alerts.acknowledge"] }).ClickAsync();
        await card.GetByLabel(session.Text["alerts.note"]).FillAsync(note);
        await card.GetByRole(AriaRole.Button, new() { Name = session.Text["alerts.confirmAcknowledge"] }).ClickAsync();

        await Expect(card).ToContainTextAsync(session.Text["alertStatus.acknowledged"]);
        await Expect(card).ToContainTextAsync("head.campa");
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = session.Text["alerts.acknowledge"] })).ToHaveCountAsync(0);
        await using (var connection = await app.Database.DataSource.OpenConnectionAsync())
        {
            var change = await connection.QuerySingleAsync<(string Actor, string Note)>(
                """
                SELECT c.actor, c.note FROM mh.alert_change c JOIN mh.alert a ON a.id = c.alert_id
                WHERE a.facility = @Facility AND a.kind = 'stock_out' AND a.medicine = @medicine AND c.change = 'acknowledged'
                """, new { Facility, medicine });
            Assert.Equal(("head.campa", note), change);
        }

        // The inbox opens on open alerts; with every status, open alerts come before the ones already dealt with.
        await page.GotoAsync("/alerts?status=all");
        await Expect(card).ToContainTextAsync(session.Text["alertStatus.acknowledged"]);
        await Expect(card).ToContainTextAsync(session.Text.Format("alerts.ackNote", ("by", "head.campa"), ("note", note)));
        var open = await cards.EvaluateAllAsync<bool[]>("cards => cards.map(c => c.classList.contains('is-open'))");
        Assert.True(open.SkipWhile(o => o).All(o => !o), "an open alert is listed after an acknowledged one: " + string.Join(",", open));
    }

    [Fact]
    public async Task Suggested_orders_show_what_to_order_to_reach_the_maximum()
    {
        const string medicine = "haloperidol-tab-2mg";
        var name = await app.MedicineName(medicine);
        using var pharmacist = await app.ClientFor("pharmacist", [Facility]);
        var start = DateTimeOffset.UtcNow.AddDays(-120);
        var events = new List<object> { Api.StockEvent(medicine, "receipt", 450, start) };
        for (var week = 1; week <= 16; week++)
        {
            events.Add(Api.StockEvent(medicine, "issue", 25, start.AddDays(week * 7)));
        }
        await pharmacist.PostAccepted(Facility, events.ToArray());
        var item = await pharmacist.StockItem(Facility, medicine);
        var suggested = item.GetProperty("suggestedOrder").GetInt32();
        Assert.True(suggested > 0, item.ToString());

        await using var session = await app.OpenAsync();
        await session.SignInAsync("head.campa", "alerts.title");
        await session.NavigateAsync("nav.orders", "orders.title");

        var orders = session.Page.GetByRole(AriaRole.Table, new() { Name = session.Text["orders.caption"] });
        await Expect(await orders.CellAsync(name, session.Text["stock.colSoh"])).ToHaveTextAsync("50");
        await Expect(await orders.CellAsync(name, session.Text["orders.colQuantity"]))
            .ToHaveTextAsync(suggested.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
        await app.ScreenshotAsync(session.Page, "facility_head", "orders");
    }

    [Fact]
    public async Task On_a_phone_the_inbox_opens_on_open_alerts_in_words_with_names_and_filters_by_kind_in_the_url()
    {
        const string outMedicine = "lorazepam-inj-2mg-ml";
        const string resolvedMedicine = "methadone-oral-liquid-5mg-ml";
        var outName = await app.MedicineName(outMedicine);
        using var pharmacist = await app.ClientFor("pharmacist", [Facility]);
        var now = DateTimeOffset.UtcNow;
        await pharmacist.PostAccepted(Facility, Api.StockEvent(outMedicine, "receipt", 6, now.AddHours(-3)), Api.StockEvent(outMedicine, "issue", 6, now.AddHours(-2)));
        await pharmacist.PostAccepted(Facility, Api.StockEvent(resolvedMedicine, "receipt", 6, now.AddHours(-3)), Api.StockEvent(resolvedMedicine, "issue", 6, now.AddHours(-2)));
        // A reader of alerts has the facility project first: the stock-out is raised before the receipt resolves it.
        using (var head = await app.ClientFor("facility_head", [Facility]))
        {
            (await head.GetAsync("/api/v1/alerts?kind=stock_out")).EnsureSuccessStatusCode();
        }
        await pharmacist.PostAccepted(Facility, Api.StockEvent(resolvedMedicine, "receipt", 50, now.AddHours(-1)));

        await using var session = await app.OpenAsync(Browsing.Phone);
        await session.SignInAsync("head.campa", "alerts.title");
        var page = session.Page;
        var cards = page.GetByRole(AriaRole.List, new() { Name = session.Text["alerts.listLabel"] }).GetByRole(AriaRole.Listitem);
        var stockOut = cards.Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = $"{session.Text["alertKind.stock_out"]} · {outName}" }) });

        // Open alerts only, in the template's words with the medicine's and the facility's names, never their codes.
        await Expect(page.GetByLabel(session.Text["alerts.filterStatus"])).ToHaveValueAsync("open");
        await Expect(stockOut).ToContainTextAsync(session.Text.Format("alertText.stock_out", ("medicine", outName), ("facility", "Camp A Health Centre")));
        await Expect(stockOut).Not.ToContainTextAsync(outMedicine);
        await Expect(stockOut).Not.ToContainTextAsync(Facility);
        await Expect(cards.Filter(new() { HasText = session.Text["alertStatus.resolved"] })).ToHaveCountAsync(0);
        await Expect(cards.Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = await app.MedicineName(resolvedMedicine) }) })).ToHaveCountAsync(0);
        await page.AssertNoHorizontalOverflowAsync("alerts at 360 px");
        foreach (var lang in new[] { "en", "fr", "ar" })
        {
            await page.GotoAsync($"/alerts?lang={lang}");
            await Expect(page.Locator(".alert-text").First).ToBeVisibleAsync();
            await app.ScreenshotAsync(page, "facility_head", $"alerts-360-{lang}");
        }
        await page.GotoAsync("/alerts?lang=en");

        // The kind filter is kept in the URL, with the status.
        await page.GetByLabel(session.Text["alerts.filterKind"]).SelectOptionAsync("stock_out");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/alerts\?kind=stock_out$"));
        // The list is drawn again for the filter: wait for it (the known stock-out in it, and no card of another kind).
        await Expect(stockOut).ToHaveCountAsync(1);
        var otherKind = cards.Filter(new()
        {
            HasNot = page.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(session.Text["alertKind.stock_out"])) }),
        });
        await Expect(otherKind).ToHaveCountAsync(0);
        await page.GetByLabel(session.Text["alerts.filterStatus"]).SelectOptionAsync("resolved");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"/alerts\?status=resolved&kind=stock_out$"));
        await Expect(cards.Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = await app.MedicineName(resolvedMedicine) }) })).ToHaveCountAsync(1);
        await page.GotoAsync("/alerts?status=all&kind=below_eop");
        await Expect(page.GetByLabel(session.Text["alerts.filterKind"])).ToHaveValueAsync("below_eop");
        await Expect(cards.Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = outName }) })).ToHaveCountAsync(0);

        // Stock at a glance: each status count is wholly on screen once scrolled to, without sideways scroll.
        await page.GotoAsync("/alerts");
        var glance = page.GetByRole(AriaRole.Region, new() { Name = session.Text["glance.title"] }).Locator(".legend-list a");
        await glance.First.ScrollIntoViewIfNeededAsync();
        await glance.First.AssertFullyInViewportAsync("the glance's first status");
        foreach (var badge in await glance.AllAsync())
        {
            await badge.ScrollIntoViewIfNeededAsync();
            await badge.AssertFullyInViewportAsync("a glance status at 360 px");
        }
    }

    [Fact]
    public async Task On_a_phone_each_suggested_order_quantity_is_wholly_visible()
    {
        const string medicine = "chlorpromazine-inj-25mg-ml";
        using var pharmacist = await app.ClientFor("pharmacist", [Facility]);
        var start = DateTimeOffset.UtcNow.AddDays(-120);
        var events = new List<object> { Api.StockEvent(medicine, "receipt", 300, start) };
        for (var week = 1; week <= 16; week++)
        {
            events.Add(Api.StockEvent(medicine, "issue", 15, start.AddDays(week * 7)));
        }
        await pharmacist.PostAccepted(Facility, events.ToArray());

        await using var session = await app.OpenAsync(Browsing.Phone);
        await session.SignInAsync("head.campa", "alerts.title");
        var page = session.Page;
        foreach (var lang in new[] { "en", "fr", "ar" })
        {
            await page.GotoAsync($"/orders?lang={lang}");
            var quantities = page.Locator("table.orders-table td.order-qty");
            await Expect(quantities.First).ToBeVisibleAsync();
            await page.AssertNoHorizontalOverflowAsync($"orders at 360 px ({lang})");
            foreach (var quantity in await quantities.AllAsync())
            {
                await quantity.ScrollIntoViewIfNeededAsync();
                await quantity.AssertFullyInViewportAsync($"an order quantity at 360 px ({lang})");
            }
            await app.ScreenshotAsync(page, "facility_head", $"orders-360-{lang}");
        }
    }

    [Fact]
    public async Task The_facility_head_sees_their_facilitys_indicators_and_trends()
    {
        await using var session = await app.OpenAsync();
        await session.SignInAsync("head.campa", "alerts.title");
        var page = session.Page;

        var section = page.GetByRole(AriaRole.Region, new() { NameRegex = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(session.Text["indicators.title"].Split('{')[0])) });
        var period = await section.Locator("#indicator-period").InputValueAsync();
        using var head = await app.ClientFor("facility_head", [Facility], sub: "head.campa");
        var answer = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(head, $"/api/v1/indicators?period={period}&level=facility&id={Facility}");
        Assert.Equal("facility", answer.GetProperty("level").GetString());
        var reporting = answer.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("indicator").GetString() == "reporting_rate" && !v.TryGetProperty("breakdown", out var b));

        var table = section.GetByRole(AriaRole.Table, new() { Name = session.Text["indicators.caption"] });
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(14);
        await Expect(table.Row(session.Text["indicator.reporting_rate.name"]).Locator("td").First)
            .ToHaveTextAsync(DistrictReportTests.Percent(reporting) ?? session.Text["indicators.noValue"]);
        var chart = section.Locator("figure.trend[data-indicator=reporting_rate] svg[role=img]");
        await Expect(chart.Locator("g.point")).ToHaveCountAsync(12);
        Assert.Contains("Camp A Health Centre", await chart.GetAttributeAsync("aria-label"), StringComparison.Ordinal);
        await app.ScreenshotAsync(page, "facility_head", "indicators");
    }
}
