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

        // Open alerts come before the ones already dealt with.
        await page.ReloadAsync();
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
}
