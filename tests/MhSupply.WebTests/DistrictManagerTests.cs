using MhSupply.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MhSupply.WebTests;

/// <summary>The district manager (demo user manager.district): the heat map of stock status and the escalated alerts.</summary>
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

        var escalated = page.GetByRole(AriaRole.Region, new() { Name = session.Text["district.escalatedTitle"] });
        var card = escalated.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = $"{session.Text["alertKind.stock_out"]} · {name}" }) });
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card).ToContainTextAsync(session.Text["alerts.escalated"]);
        await Expect(card).ToContainTextAsync("Camp B Health Post");
        await app.ScreenshotAsync(page, "district_manager", "district");
    }
}
