using Dapper;
using MhSupply.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MhSupply.WebTests;

/// <summary>The head of Camp A (head.campa) subscribes a phone to the facility's stock-out alerts by SMS, then removes it.</summary>
[Collection(WebAppCollection.Name)]
public sealed class SubscriptionsTests(WebAppFixture app)
{
    private const string Facility = "phc-camp-a";
    private const string Phone = "+254712000111";

    [Fact]
    public async Task A_facility_head_adds_an_sms_subscription_after_a_plain_error_and_deletes_it()
    {
        await using var session = await app.OpenAsync();
        await session.SignInAsync("head.campa", "alerts.title");
        await session.NavigateAsync("nav.subscriptions", "subs.title");
        var page = session.Page;
        await page.AssertControlsLabelledAsync("subscriptions");

        await session.Radio("subs.channel.sms").CheckAsync();
        await session.Field("subs.target").FillAsync("0712 000 111");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = session.Text["alertKind.stock_out"], Exact = true }).CheckAsync();
        await session.Button("subs.add").ClickAsync();
        // The server's 400 names the field, shown with the field's label.
        var error = session.Content().GetByRole(AriaRole.Alert);
        await Expect(error).ToContainTextAsync(session.Text["field.target"] + ":");
        await Expect(error).ToContainTextAsync("\"0712 000 111\"");

        await session.Field("subs.target").FillAsync(Phone);
        await session.Button("subs.add").ClickAsync();
        await Expect(session.Content().GetByRole(AriaRole.Status).First).ToContainTextAsync(session.Text.Format("subs.added", ("target", Phone)));
        var list = page.GetByRole(AriaRole.List, new() { Name = session.Text["subs.listTitle"] });
        var card = list.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = Phone }) });
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card).ToContainTextAsync(session.Text["subs.channel.sms"]);
        await Expect(card).ToContainTextAsync(session.Text["alertKind.stock_out"]);
        var stored = await Stored();
        Assert.Equal(("sms", Facility, true), (stored.Channel, stored.Facility, stored.Active));
        Assert.Equal(["stock_out"], stored.Kinds);

        // At 360 px the screen fits the phone's width.
        await page.SetViewportSizeAsync(Browsing.Phone, 740);
        await page.AssertNoHorizontalOverflowAsync("subscriptions");
        await app.ScreenshotAsync(page, "facility_head", "subscriptions");

        await card.GetByRole(AriaRole.Button, new() { Name = session.Text["subs.delete"] }).ClickAsync();
        await Expect(session.Content().GetByRole(AriaRole.Status).First).ToContainTextAsync(session.Text.Format("subs.deleted", ("target", Phone)));
        await Expect(card).ToHaveCountAsync(0);
        Assert.False((await Stored()).Active);
    }

    private async Task<(string Channel, string? Facility, bool Active, string[] Kinds)> Stored()
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<(string, string?, bool, string[])>(
            "SELECT channel, facility, active, kinds FROM mh.subscription WHERE target = @Phone", new { Phone });
    }

    [Fact]
    public async Task A_subscription_made_in_french_is_in_french_unless_another_language_is_chosen_and_offers_every_server_kind()
    {
        const string target = "chef.campa@lang.test";
        await using var session = await app.OpenAsync();
        await session.SignInAsync("head.campa", "alerts.title");
        var page = session.Page;
        await page.GotoAsync("/subscriptions?lang=fr");
        var french = TranslationFilesTests.Load("fr");
        var language = page.GetByLabel(french["subs.language"]);
        await Expect(language).ToHaveValueAsync("fr");
        // Every kind the server has (app-config), referral_not_booked included.
        await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = french["alertKind.referral_not_booked"], Exact = true })).ToHaveCountAsync(1);

        await page.GetByLabel(french["subs.target"]).FillAsync(target);
        await page.GetByRole(AriaRole.Button, new() { Name = french["subs.add"] }).ClickAsync();
        await Expect(session.Content().GetByRole(AriaRole.Status).First).ToContainTextAsync(french["subs.added"].Replace("{target}", target, StringComparison.Ordinal));
        await using var connection = await app.Database.DataSource.OpenConnectionAsync();
        Assert.Equal("fr", await connection.ExecuteScalarAsync<string>("SELECT language FROM mh.subscription WHERE target = @target", new { target }));
        await connection.ExecuteAsync("UPDATE mh.subscription SET active = false WHERE target = @target", new { target });
    }
}
