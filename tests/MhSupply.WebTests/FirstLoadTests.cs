using MhSupply.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using Xunit.Abstractions;

namespace MhSupply.WebTests;

/// <summary>
/// The web app's budget: a first visit (empty cache) to the sign-in page and then a role's home screen costs at most
/// 200 KB over the wire, all of it from the app's own origin.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class FirstLoadTests(WebAppFixture app, ITestOutputHelper output)
{
    private const long Budget = 200 * 1024;

    [Theory]
    [InlineData("pharmacist.campa", "stock.title")]
    [InlineData("head.campa", "alerts.title")]
    [InlineData("coordinator.district", "referrals.title")]
    [InlineData("manager.district", "district.title")]
    public async Task First_load_of_sign_in_and_home_is_within_200_KB_from_this_origin_only_and_fits_360_px(string user, string homeTitleKey)
    {
        await using var session = await app.OpenAsync(Browsing.Phone);
        var page = session.Page;
        var urls = new List<string>();
        page.Context.Request += (_, request) => { lock (urls) { urls.Add(request.Url); } };
        // The browser's pages are the only clients while a test runs (the collection runs one test at a time).
        app.Wire.Reset();

        await session.SignInAsync(user, homeTitleKey);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // A service worker that precaches on install counts too: wait until it is active, when there is one.
        await page.EvaluateAsync(
            "async () => { if (!navigator.serviceWorker) return; const r = await navigator.serviceWorker.getRegistration(); if (r) await navigator.serviceWorker.ready; }");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var bytes = app.Wire.Bytes;
        output.WriteLine($"first load, sign-in + {user}'s home: {bytes:N0} bytes over the wire ({bytes / 1024.0:F1} KB) in {urls.Count} requests");
        await File.WriteAllTextAsync(Path.Combine(app.Artifacts, $"first-load-{user}.txt"),
            $"sign-in + {user}'s home, first visit: {bytes} bytes over the wire, {urls.Count} requests{Environment.NewLine}");
        var foreign = urls.Where(u => !u.StartsWith(app.BaseUrl + "/", StringComparison.Ordinal) && !u.StartsWith("data:", StringComparison.Ordinal)).ToList();
        Assert.True(foreign.Count == 0, "requests to another origin: " + string.Join(", ", foreign));
        Assert.True(bytes > 10_000, $"only {bytes} bytes counted: is the wire counter wired?");
        Assert.True(bytes <= Budget, $"first load is {bytes:N0} bytes, over the {Budget:N0} byte budget");
        await page.AssertNoHorizontalOverflowAsync($"{user}'s home at 360 px");
    }
}
