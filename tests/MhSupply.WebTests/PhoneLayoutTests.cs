using System.Net.Http.Json;
using MhSupply.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Xunit.Abstractions;

namespace MhSupply.WebTests;

/// <summary>
/// The pharmacist's screens on a 360 x 740 phone: each list's key figures are wholly on screen (no sideways scroll,
/// not cut), and the header, navigation and banner leave the stock list's first row above the fold, online and offline.
/// Screenshots of each screen in English, French and Arabic are saved as artifacts.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class PhoneLayoutTests(WebAppFixture app, ITestOutputHelper output)
{
    private const string Facility = "phc-camp-a";
    private const string User = "pharmacist.campa";
    private const string Medicine = "lithium-carbonate-tab-300mg";

    private async Task Seed()
    {
        using var api = await app.ClientFor("pharmacist", [Facility]);
        var stock = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/facilities/{Facility}/stock");
        if (stock.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("medicine").GetString() == Medicine))
        {
            return;
        }
        var start = DateTimeOffset.UtcNow.AddDays(-40);
        await api.PostAccepted(Facility, Api.StockEvent(Medicine, "receipt", 300, start), Api.StockEvent(Medicine, "issue", 20, start.AddDays(10)),
            Api.StockEvent(Medicine, "issue", 15, start.AddDays(20)));
    }

    private async Task<BrowserSession> SignedIn()
    {
        await Seed();
        var session = await app.OpenAsync(Browsing.Phone);
        await session.SignInAsync(User, "stock.title");
        return session;
    }

    private static ILocator StockTable(BrowserSession session) =>
        session.Page.GetByRole(AriaRole.Table, new() { Name = session.Text["stock.caption"] });

    /// <summary>Header + navigation + banner height: the issue measured ~320 px; a phone's 740 px need the room for the list.</summary>
    private async Task ChromeAtMost(IPage page, string state, int pixels)
    {
        var height = await page.EvaluateAsync<double>("() => document.getElementById('top').getBoundingClientRect().height");
        output.WriteLine($"header + nav + banner at 360 px, {state}: {height:F0} px");
        Assert.True(height <= pixels, $"header + nav + banner {state}: {height:F0} px, more than {pixels}");
    }

    [Fact]
    public async Task The_stock_lists_first_row_shows_on_hand_status_and_months_above_the_fold_online_and_offline()
    {
        await using var session = await SignedIn();
        var page = session.Page;
        var firstRow = StockTable(session).GetByRole(AriaRole.Row).Nth(1);
        await firstRow.Cells().AssertFullyInViewportAsync("stock list, first row, online");
        await ChromeAtMost(page, "online", 120);
        await page.AssertNoHorizontalOverflowAsync("stock list");

        // Offline with a report waiting: the banner says both, the list is the copy saved on the device.
        await session.NavigateAsync("nav.report", "report.title");
        await page.Context.SetOfflineAsync(true);
        await session.Field("report.medicine").SelectOptionAsync(Medicine);
        await session.Radio("type.receipt").CheckAsync();
        await session.Field("report.quantity").FillAsync("10");
        await session.Button("report.submit").ClickAsync();
        await Expect(session.Content().GetByText(session.Text["report.savedOffline"])).ToBeVisibleAsync();
        await session.NavigateAsync("nav.stock", "stock.title");
        var banner = page.Locator("#queue-banner");
        await Expect(banner.GetByText(session.Text["queue.offlineShort"])).ToBeVisibleAsync();
        await Expect(banner.GetByText(session.Text["queue.waitingOne"])).ToBeVisibleAsync();
        await Expect(page.Locator("#main .stale")).ToBeVisibleAsync();
        await firstRow.Cells().AssertFullyInViewportAsync("stock list, first row, offline");
        await ChromeAtMost(page, "offline, 1 waiting", 150);
        await page.AssertNoHorizontalOverflowAsync("stock list offline");
        await app.ScreenshotAsync(page, "pharmacist", "phone-stock-offline");
        await page.Context.SetOfflineAsync(false);
        await Expect(banner.GetByText(session.Text.Format("queue.synced", ("accepted", 1), ("duplicate", 0), ("rejected", 0)))).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_stock_cards_balance_and_the_count_sheets_counted_inputs_are_wholly_on_screen()
    {
        var name = await app.MedicineName(Medicine);
        await using var session = await SignedIn();
        var page = session.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = session.Text.Format("card.title", ("medicine", name)), Level = 1 })).ToBeVisibleAsync();
        var lines = page.GetByRole(AriaRole.Table, new() { Name = session.Text["card.caption"] });
        var balance = lines.GetByRole(AriaRole.Row).Nth(1).Cells().Nth(await lines.ColumnAsync(session.Text["card.colBalance"]));
        await balance.ScrollIntoViewIfNeededAsync();
        await balance.AssertFullyInViewportAsync("stock card, newest balance");
        await page.AssertNoHorizontalOverflowAsync("stock card");

        await session.NavigateAsync("nav.count", "count.title");
        var counted = page.GetByLabel(name, new() { Exact = true });
        await counted.ScrollIntoViewIfNeededAsync();
        await counted.AssertFullyInViewportAsync("count sheet, counted input");
        var sheet = page.GetByRole(AriaRole.Table, new() { Name = session.Text["count.caption"] });
        await (await sheet.CellAsync(name, session.Text["count.colExpected"])).AssertFullyInViewportAsync("count sheet, on record");
        await page.AssertNoHorizontalOverflowAsync("count sheet");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("ar")]
    public async Task Every_pharmacist_screen_fits_the_phone_in_each_language(string lang)
    {
        var name = await app.MedicineName(Medicine);
        await using var session = await SignedIn();
        var page = session.Page;
        await page.GotoAsync($"/stock?lang={lang}");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", lang);
        var screens = new (string Path, string Screen)[]
        {
            ("/stock", "stock"), ($"/stock/{Medicine}", "stock-card"), ($"/report?medicine={Medicine}", "report"), ("/count", "count"),
            ("/upload", "upload"), ("/outbox", "outbox"),
        };
        foreach (var (path, screen) in screens)
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("#main h1")).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await page.AssertNoHorizontalOverflowAsync($"{screen} ({lang})");
            await app.ScreenshotAsync(page, "pharmacist", $"phone-{screen}-{lang}");
        }
        // The list's first row in every language (French and Arabic labels are longer or right to left).
        await page.GotoAsync("/stock");
        await page.Locator("table.stock-table tbody tr").First.Locator(":scope > th, :scope > td").AssertFullyInViewportAsync($"stock list first row ({lang})");
        _ = name;
    }
}
