using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MhSupply.WebTests;

/// <summary>
/// An order on screens (issue 18): the head of Camp A orders from the suggestions, the district approves and the
/// district store ships (through the API, as their own screens would), and Camp A's pharmacist receives it on a phone,
/// one part short; both cards show it. The district's own part on its screens too: the district manager approves with a
/// changed quantity, and the store ships from a phone while offline, sent once when the connection is back.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class OrderTests(WebAppFixture app)
{
    private const string Facility = "phc-camp-a";
    private const string Store = "wh-district";
    private const string Medicine = "risperidone-tab-2mg";

    [Fact]
    public async Task A_facility_head_orders_from_the_suggestions_and_a_pharmacist_receives_it_one_part_short()
    {
        var name = await app.MedicineName(Medicine);
        using var pharmacist = await app.ClientFor("pharmacist", [Facility]);
        using var storekeeper = await app.ClientFor("pharmacist", [Store]);
        using var manager = await app.ClientFor("district_manager", districts: ["demo-district"]);
        var start = DateTimeOffset.UtcNow.AddDays(-120);
        var events = new List<object> { Api.StockEvent(Medicine, "receipt", 450, start) };
        for (var week = 1; week <= 16; week++)
        {
            events.Add(Api.StockEvent(Medicine, "issue", 25, start.AddDays(week * 7)));
        }
        await pharmacist.PostAccepted(Facility, events.ToArray());
        await storekeeper.PostAccepted(Store, new
        {
            id = Guid.NewGuid(), medicine = Medicine, type = "receipt", quantity = 1000, occurredAt = DateTimeOffset.UtcNow.AddDays(-2), lot = "WH-7",
            expiry = "2028-06-30",
        });
        var before = (await pharmacist.StockItem(Facility, Medicine)).GetProperty("soh").GetInt32();

        // The head changes the suggested quantity to 120 and submits.
        string orderUrl;
        await using (var head = await app.OpenAsync())
        {
            await head.SignInAsync("head.campa", "alerts.title");
            await head.NavigateAsync("nav.orders", "orders.title");
            await head.Content().GetByLabel(name, new() { Exact = true }).FillAsync("120");
            await head.Button("orders.submitOrder").ClickAsync();
            await Expect(head.Content().GetByText(head.Text["orders.submitted"])).ToBeVisibleAsync();
            await head.Content().GetByRole(AriaRole.Link, new() { Name = head.Text["orders.open"] }).ClickAsync();
            await Expect(head.Content().GetByText(head.Text["orderStatus.submitted"], new() { Exact = true })).ToBeVisibleAsync();
            orderUrl = new Uri(head.Page.Url).AbsolutePath;
        }
        var id = orderUrl.Split('/').Last();
        (await manager.PostAsJsonAsync($"/api/v1/orders/{id}/approve", new { })).EnsureSuccessStatusCode();
        (await storekeeper.PostAsJsonAsync($"/api/v1/orders/{id}/ship", new
        {
            lines = new[] { new { medicine = Medicine, quantity = 120, lot = "WH-7", expiry = "2028-06-30" } },
        })).EnsureSuccessStatusCode();

        // On a phone, the pharmacist counts 110 of the 120 and receives.
        await using var session = await app.OpenAsync(Browsing.Phone);
        await session.SignInAsync("pharmacist.campa", "stock.title");
        await session.Page.GotoAsync(orderUrl);
        await Expect(session.Heading("orders.detailTitle")).ToBeVisibleAsync();
        await session.Content().GetByLabel(session.Text.Format("orders.lotLine", ("medicine", name), ("lot", "WH-7")), new() { Exact = true }).FillAsync("110");
        await app.ScreenshotAsync(session.Page, "pharmacist", "order-receive");
        await session.Content().GetByRole(AriaRole.Button, new() { Name = session.Text.Format("orders.confirm", ("action", session.Text["orderAction.receive"])) }).ClickAsync();

        await Expect(session.Content().GetByText(session.Text["orderStatus.received"], new() { Exact = true })).ToBeVisibleAsync();
        var differences = session.Content().GetByRole(AriaRole.Region, new() { Name = session.Text["orders.discrepancies"] });
        await Expect(differences.GetByRole(AriaRole.Listitem)).ToContainTextAsync("110");
        await Expect(differences.GetByRole(AriaRole.Listitem)).ToContainTextAsync(name);
        Assert.Equal(before + 110, (await pharmacist.StockItem(Facility, Medicine)).GetProperty("soh").GetInt32());
        Assert.Equal(1000 - 120, (await storekeeper.StockItem(Store, Medicine)).GetProperty("soh").GetInt32());
    }

    [Fact]
    public async Task The_district_manager_approves_on_screen_and_the_store_ships_offline_once_when_back_online()
    {
        const string injection = "haloperidol-inj-5mg-ml";
        var name = await app.MedicineName(injection);
        using var head = await app.ClientFor("facility_head", [Facility], sub: "head.order-offline");
        using var storekeeper = await app.ClientFor("pharmacist", [Store]);
        await storekeeper.PostAccepted(Store, new
        {
            id = Guid.NewGuid(), medicine = injection, type = "receipt", quantity = 500, occurredAt = DateTimeOffset.UtcNow.AddDays(-3), lot = "WH-H1",
            expiry = "2028-03-31",
        });
        var storeBefore = (await storekeeper.StockItem(Store, injection)).GetProperty("soh").GetInt32();
        var id = Guid.NewGuid();
        (await head.PostAsJsonAsync("/api/v1/orders", new { id, facility = Facility, lines = new[] { new { medicine = injection, quantity = 60 } } }))
            .EnsureSuccessStatusCode();
        (await head.PostAsJsonAsync($"/api/v1/orders/{id}/submit", new { })).EnsureSuccessStatusCode();

        // The district manager approves 50 of the 60 on the order's screen.
        await using (var manager = await app.OpenAsync())
        {
            await manager.SignInAsync("manager.district", "district.title");
            await manager.Page.GotoAsync($"/orders/{id}");
            await Expect(manager.Heading("orders.detailTitle")).ToBeVisibleAsync();
            await manager.Content().GetByLabel(name, new() { Exact = true }).FillAsync("50");
            await manager.Content().GetByRole(AriaRole.Button, new() { Name = manager.Text.Format("orders.confirm", ("action", manager.Text["orderAction.approve"])) }).ClickAsync();
            await Expect(manager.Content().Locator("p.order-status")).ToHaveTextAsync(manager.Text["orderStatus.approved"]);
        }
        var approved = await Order(head, id);
        Assert.Equal(("approved", 60, 50), (approved.GetProperty("status").GetString(), Line(approved).GetProperty("requested").GetInt32(),
            Line(approved).GetProperty("approved").GetInt32()));

        // The store's pharmacist ships from a phone with no connection: the step waits on the device, nothing is recorded.
        await using var session = await app.OpenAsync(Browsing.Phone);
        await session.SignInAsync("pharmacist.store", "stock.title");
        var page = session.Page;
        await page.GotoAsync($"/orders/{id}");
        await Expect(session.Heading("orders.detailTitle")).ToBeVisibleAsync();
        await page.Context.SetOfflineAsync(true);
        await session.Content().GetByLabel(session.Text.Format("orders.lotOf", ("medicine", name)), new() { Exact = true }).FillAsync("WH-H1");
        await session.Content().GetByLabel(session.Text.Format("orders.expiryOf", ("medicine", name)), new() { Exact = true }).FillAsync("2028-03-31");
        var ship = session.Text["orderAction.ship"];
        await session.Content().GetByRole(AriaRole.Button, new() { Name = session.Text.Format("orders.confirm", ("action", ship)) }).ClickAsync();
        var step = session.Text.Format("orders.stepLabel", ("action", ship));
        await Expect(session.Content().GetByText(session.Text.Format("steps.savedOffline", ("step", step)))).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "pharmacist", "order-ship-offline");
        // On the phone each line is a card: the last figure, what was received, is in view without scrolling sideways.
        var lines = page.GetByRole(AriaRole.Table, new() { Name = session.Text["orders.linesCaption"] });
        var received = await lines.GetByRole(AriaRole.Row).Nth(1).Cells().Nth(await lines.ColumnAsync(session.Text["orders.colReceived"])).BoundingBoxAsync();
        Assert.True(received is { } box && box.X + box.Width <= page.ViewportSize!.Width, $"the received figure ends at {received?.X + received?.Width} px");
        Assert.Equal("approved", (await Order(head, id)).GetProperty("status").GetString());
        Assert.Equal(storeBefore, (await storekeeper.StockItem(Store, injection)).GetProperty("soh").GetInt32());

        // Back online: sent once; the order is shipped, the store's card shows one transfer out of 50 and Camp A has 50 in transit.
        await page.Context.SetOfflineAsync(false);
        var banner = page.Locator("#steps-banner");
        await Expect(banner.GetByText(session.Text.Format("steps.synced", ("accepted", 1), ("duplicate", 0), ("rejected", 0)))).ToBeVisibleAsync();
        var shipped = await Order(head, id);
        Assert.Equal(("shipped", 50), (shipped.GetProperty("status").GetString(), Line(shipped).GetProperty("shipped").GetInt32()));
        var transfers = (await storekeeper.GetFromJsonAsync<JsonElement>($"/api/v1/facilities/{Store}/stock/{injection}/card?pageSize=200"))
            .GetProperty("items").EnumerateArray().Where(l => l.GetProperty("type").GetString() == "transfer_out").ToList();
        Assert.Equal([(50, "WH-H1", Facility)], transfers.Select(l => (l.GetProperty("quantity").GetInt32(), l.GetProperty("lot").GetString(),
            l.GetProperty("otherFacility").GetString())));
        Assert.Equal(storeBefore - 50, (await storekeeper.StockItem(Store, injection)).GetProperty("soh").GetInt32());
        Assert.Equal(50, (await head.StockItem(Facility, injection)).GetProperty("inTransit").GetInt32());
        await page.ReloadAsync();
        // The status line, not the lines table's "Shipped" column.
        await Expect(session.Content().Locator("p.order-status")).ToHaveTextAsync(session.Text["orderStatus.shipped"]);
    }

    private static async Task<JsonElement> Order(HttpClient client, Guid id) => await client.GetFromJsonAsync<JsonElement>($"/api/v1/orders/{id}");

    private static JsonElement Line(JsonElement order) => order.GetProperty("lines").EnumerateArray().Single();
}
