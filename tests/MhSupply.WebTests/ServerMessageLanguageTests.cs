using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MhSupply.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MhSupply.WebTests;

/// <summary>
/// A server refusal reads in the reader's language: the problem's message code and parameters worded by the web app
/// (api.js problemText), its dates in that language, never the server's English or an ISO time.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed partial class ServerMessageLanguageTests(WebAppFixture app)
{
    private const string Phc = "phc-camp-a";
    private const string Specialist = "smh-district";

    [Fact]
    public async Task A_booking_in_the_past_is_refused_in_French_with_the_tolerance_and_dates_in_French()
    {
        var code = $"FR-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
        Guid id;
        using (var clinician = await app.ClientFor("clinician", [Phc], sub: "clinician.campa"))
        {
            id = await clinician.Refer(Phc, Specialist, "routine", app.Clock.GetUtcNow().AddDays(-10), code);
        }
        using (var specialist = await app.ClientFor("clinician", [Specialist], sub: "specialist.smh"))
        {
            (await specialist.PostAsJsonAsync($"/api/v1/referrals/{id}/accept", new { })).EnsureSuccessStatusCode();
        }
        var fr = TranslationFilesTests.Load("fr");
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await session.SignInAsync("coordinator.district", "referrals.title");

        await page.GotoAsync($"/referrals/{id}?lang=fr");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = fr["referral.title"].Replace("{code}", code), Level = 1 })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = fr["action.book"], Exact = true }).ClickAsync();
        var form = page.Locator("form.action-form");
        var weekAgo = app.Clock.GetUtcNow().AddDays(-7).ToLocalTime();
        await form.GetByLabel(new Regex("^" + Regex.Escape(fr["referral.appointmentAt"]))).FillAsync(
            weekAgo.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByRole(AriaRole.Button, new() { Name = fr["referral.confirm"].Replace("{action}", fr["action.book"]) }).ClickAsync();

        var refused = session.Content().Locator(".notice-error");
        await Expect(refused).ToBeVisibleAsync();
        // error.referral.appointment_in_past in French, {toleranceHours} as the number of hours the server sent.
        await Expect(refused).ToContainTextAsync("est passé : plus de 24 heures avant la prise de rendez-vous");
        await Expect(refused).ToContainTextAsync(FrenchMonth(weekAgo.Month));
        await Expect(refused).Not.ToContainTextAsync("in the past");
        await Expect(refused).Not.ToContainTextAsync("{");
        await Expect(refused).Not.ToContainTextAsync(IsoInstant());
        await app.ScreenshotAsync(page, "referral_coordinator", "refusal-fr");

        // Nothing changed: the referral is still waiting for its booking.
        using var coordinator = await app.ClientFor("referral_coordinator", districts: ["demo-district"], sub: "coordinator.district");
        var referral = await coordinator.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/referrals/{id}");
        Assert.Equal("accepted", referral.GetProperty("status").GetString());
    }

    /// <summary>The short month as Intl writes it in French ("nov.", "déc.").</summary>
    private static string FrenchMonth(int month) =>
        TranslationFilesTests.Load("fr")["sms.format.months"].Split(',')[month - 1];

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T")]
    private static partial Regex IsoInstant();
}
