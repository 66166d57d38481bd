using System.Net.Http.Json;
using MhSupply.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MhSupply.WebTests;

/// <summary>
/// An order on screens (issue 18): the head of Camp A orders from the suggestions, the district approves and the
/// district store ships (through the API, as their own screens would), and Camp A's pharmacist receives it on a phone,
/// one part short; both cards show it.
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
}
