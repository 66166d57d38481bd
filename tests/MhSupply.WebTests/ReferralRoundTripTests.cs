using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MhSupply.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MhSupply.WebTests;

/// <summary>
/// One referral round trip with the demo users, all on screens (README, "One referral round trip"): the Camp A clinician
/// refers, the district hospital's specialist accepts, books, records attendance and back-refers, the clinician
/// acknowledges and records the follow-up. And the board of many referrals, filtered and paged on a phone.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class ReferralRoundTripTests(WebAppFixture app)
{
    private const string Phc = "phc-camp-a";
    private const string Specialist = "smh-district";

    private static string NewCode(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";

    private static async Task ActAsync(BrowserSession session, string action, Func<ILocator, Task>? fill = null)
    {
        var label = session.Text[$"action.{action}"];
        await session.Page.GetByRole(AriaRole.Button, new() { Name = label, Exact = true }).ClickAsync();
        var form = session.Page.Locator("form.action-form");
        if (fill is not null)
        {
            await fill(form);
        }
        await form.GetByRole(AriaRole.Button, new() { Name = session.Text.Format("referral.confirm", ("action", label)) }).ClickAsync();
        // Done: the detail is repainted without the form (a refusal would keep it, with the reason).
        await Expect(form).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_demo_clinician_and_specialist_close_the_loop_from_referral_to_follow_up()
    {
        var code = NewCode("LOOP");
        await using var clinician = await app.OpenAsync();
        await clinician.SignInAsync("clinician.campa", "referrals.title");
        await clinician.NavigateAsync("nav.newReferral", "newReferral.title");
        var page = clinician.Page;
        await clinician.Field("newReferral.code").FillAsync(code);
        await clinician.Radio("sex.male").CheckAsync();
        await clinician.Field("newReferral.birthYear").FillAsync("1979");
        await clinician.Field("newReferral.toFacility").SelectOptionAsync(Specialist);
        await clinician.Field("newReferral.reason").SelectOptionAsync("psychosis");
        await clinician.Radio("urgency.urgent").CheckAsync();
        // A phone typed before consent is asked: the form warns that it will not be kept without it.
        await page.GetByLabel(clinician.Text["newReferral.phone"]).FillAsync("+211 912 000 444");
        var warning = clinician.Content().GetByText(clinician.Text["newReferral.contactWithoutConsent"]);
        await Expect(warning).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "clinician", "new-referral-contact-warning");
        await page.GetByLabel(clinician.Text["newReferral.consent"]).CheckAsync();
        await Expect(warning).ToHaveCountAsync(0);
        await clinician.Button("newReferral.submit").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = clinician.Text.Format("referral.title", ("code", code)), Level = 1 })).ToBeVisibleAsync();
        var detailUrl = page.Url;

        await using (var specialist = await app.OpenAsync())
        {
            await specialist.SignInAsync("specialist.smh", "referrals.title");
            await Expect(specialist.Content().GetByRole(AriaRole.Link, new() { Name = specialist.Text.Format("referrals.patient", ("code", code)) })).ToBeVisibleAsync();
            await specialist.Content().GetByRole(AriaRole.Link, new() { Name = specialist.Text.Format("referrals.patient", ("code", code)) }).ClickAsync();
            await ActAsync(specialist, "accept");
            // Seen an hour ago, entered now: within the booking tolerance, and attendance comes after the appointment.
            var appointment = app.Clock.GetUtcNow().AddHours(-1).ToLocalTime().ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
            await ActAsync(specialist, "book", form => form.GetByLabel(new Regex("^" + Regex.Escape(specialist.Text["referral.appointmentAt"]))).FillAsync(appointment));
            await ActAsync(specialist, "attend");
            await ActAsync(specialist, "back-refer", async form =>
            {
                await form.GetByLabel(new Regex("^" + Regex.Escape(specialist.Text["back.diagnosis"]))).SelectOptionAsync("psychosis");
                await form.GetByLabel(new Regex("^" + Regex.Escape(specialist.Text["back.plan"]))).FillAsync("Haloperidol 5 mg at night; review weekly.");
                await form.GetByLabel(new Regex("^" + Regex.Escape(specialist.Text["back.followUpEveryDays"]))).FillAsync("7");
                // The prescriber's words, and the dose in numbers the PHC's supply plans on.
                await form.GetByRole(AriaRole.Button, new() { Name = specialist.Text["back.addMedicine"] }).ClickAsync();
                ILocator Row(string key) => form.GetByLabel(specialist.Text.Format(key, ("n", "1")), new() { Exact = true });
                await Row("back.medicine").SelectOptionAsync("haloperidol-tab-5mg");
                await Row("back.dose").FillAsync("5 mg at night");
                await Row("back.quantity").FillAsync("1");
                await Row("back.per").SelectOptionAsync("day");
                await Row("back.durationDays").FillAsync("84");
            });
            await Expect(specialist.Content().GetByText(specialist.Text.Format("back.perDayShown", ("quantity", "1")), new() { Exact = false })).ToBeVisibleAsync();
            await Expect(specialist.Page.GetByRole(AriaRole.Heading, new() { Name = specialist.Text["back.title"] })).ToBeVisibleAsync();
        }

        await page.GotoAsync(detailUrl);
        await ActAsync(clinician, "acknowledge-back-referral");
        var section = page.GetByRole(AriaRole.Region, new() { Name = clinician.Text["followUp.title"] });
        // The next visit with the buttons its state allows (attended, missed); the other eleven weekly visits collapsed.
        await Expect(section.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await Expect(section.GetByRole(AriaRole.Button)).ToHaveCountAsync(2);
        await Expect(section.Locator("#fu-later summary")).ToHaveTextAsync(clinician.Text.Format("followUp.later", ("n", "11")));
        await app.ScreenshotAsync(page, "clinician", "follow-ups");

        await section.GetByRole(AriaRole.Button, new() { Name = clinician.Text["followUp.attend"], Exact = true }).ClickAsync();
        await section.GetByRole(AriaRole.Button, new() { Name = clinician.Text["followUp.confirm.attend"] }).ClickAsync();
        await Expect(clinician.Content().GetByText(clinician.Text["followUp.done"])).ToBeVisibleAsync();
        await Expect(section.Locator("#fu-done summary")).ToHaveTextAsync(clinician.Text.Format("followUp.history", ("n", "1")));

        // The second visit is two weeks away: "missed" now is refused in plain words, and nothing changes.
        await section.GetByRole(AriaRole.Button, new() { Name = clinician.Text["followUp.missed"], Exact = true }).ClickAsync();
        await section.GetByRole(AriaRole.Button, new() { Name = clinician.Text["followUp.confirm.missed"] }).ClickAsync();
        var refused = section.Locator(".notice-error");
        await Expect(refused).ToBeVisibleAsync();
        var expected = clinician.Text["error.followUp.missed_before_due"];
        await Expect(refused).ToContainTextAsync(expected[(expected.IndexOf(';', StringComparison.Ordinal) + 1)..].Trim()[..20]);
        await Expect(refused).Not.ToContainTextAsync("{dueAt}");
        await Expect(refused).Not.ToContainTextAsync(new Regex(@"\d{4}-\d{2}-\d{2}T"));
    }

    [Fact]
    public async Task The_board_of_many_referrals_filters_and_pages_on_a_phone()
    {
        var prefix = NewCode("PG");
        using (var clinician = await app.ClientFor("clinician", [Phc], sub: "clinician.campa"))
        {
            for (var i = 0; i < 23; i++)
            {
                await clinician.Refer(Phc, Specialist, i == 0 ? "emergency" : "routine", app.Clock.GetUtcNow().AddMinutes(-30 - i), $"{prefix}-{i:D2}");
            }
        }
        await using var session = await app.OpenAsync(Browsing.Phone);
        await session.SignInAsync("coordinator.district", "referrals.title");
        var page = session.Page;

        await page.Locator("#ref-search").FillAsync(prefix);
        await session.Button("referrals.searchButton").ClickAsync();
        var cards = session.Content().Locator(".board li.card");
        await Expect(cards).ToHaveCountAsync(10);
        await Expect(session.Content().GetByText(session.Text.Format("referrals.pageOf", ("from", "1"), ("to", "10"), ("total", "23")))).ToBeVisibleAsync();
        var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        Assert.True(height < 3000, $"a page of the board is {height} px tall at 360 px");
        await page.AssertNoHorizontalOverflowAsync("referral board at 360 px");
        await app.ScreenshotAsync(page, "referral_coordinator", "board-phone");

        await page.GetByRole(AriaRole.Navigation, new() { Name = session.Text["referrals.pagerLabel"] })
            .GetByRole(AriaRole.Link, new() { Name = session.Text["referrals.next"] }).ClickAsync();
        await Expect(session.Content().GetByText(session.Text.Format("referrals.pageOf", ("from", "11"), ("to", "20"), ("total", "23")))).ToBeVisibleAsync();
        await Expect(cards).ToHaveCountAsync(10);

        await page.Locator("#ref-urgency").SelectOptionAsync("emergency");
        await session.Button("referrals.searchButton").ClickAsync();
        await Expect(cards).ToHaveCountAsync(1);
        await Expect(cards.First).ToContainTextAsync($"{prefix}-00");
        Assert.Contains("urgency=emergency", page.Url, StringComparison.Ordinal);
    }
}
