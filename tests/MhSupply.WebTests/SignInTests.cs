using MhSupply.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MhSupply.WebTests;

[Collection(WebAppCollection.Name)]
public sealed class SignInTests(WebAppFixture app)
{
    [Theory]
    [InlineData("pharmacist.campa", "pharmacist", "stock.title")]
    [InlineData("head.campa", "facility_head", "alerts.title")]
    [InlineData("coordinator.district", "referral_coordinator", "referrals.title")]
    [InlineData("manager.district", "district_manager", "district.title")]
    public async Task A_demo_user_signs_in_and_lands_on_their_roles_home_screen(string user, string role, string homeTitleKey)
    {
        await using var session = await app.OpenAsync();
        await session.Page.GotoAsync("/");

        await Expect(session.Heading("signin.title")).ToBeVisibleAsync();
        await session.SignInAsync(user, homeTitleKey);

        await Expect(session.Page.GetByText(session.Text.Format("header.signedInAs", ("user", user), ("role", session.Text[$"role.{role}"]))))
            .ToBeVisibleAsync();
        if (role == "pharmacist")
        {
            await Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/stock$"));
        }
    }

    [Fact]
    public async Task A_pasted_access_token_signs_in_with_the_scope_it_carries()
    {
        // Production has no demo users: a token from the organisation's issuer is pasted (or handed back in the URL).
        var token = await app.TokenFor("district_manager", districts: ["demo-district"], sub: "manager.two");
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/signin");

        await page.GetByText(session.Text["signin.pasteTitle"]).ClickAsync();
        await session.Field("signin.tokenLabel").FillAsync(token);
        await session.Button("signin.useToken").ClickAsync();

        await Expect(session.Heading("district.title")).ToBeVisibleAsync();
        await Expect(page.GetByText(session.Text.Format("header.signedInAs", ("user", "manager.two"), ("role", session.Text["role.district_manager"]))))
            .ToBeVisibleAsync();
    }

    [Fact]
    public async Task Sign_in_works_with_the_keyboard_alone()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;
        await page.GotoAsync("/signin");
        await app.ScreenshotAsync(page, "everyone", "signin");
        var button = page.GetByRole(AriaRole.Button, new() { Name = session.Text.Format("signin.as", ("user", "coordinator.district")) });
        await Expect(button).ToBeVisibleAsync();

        var focused = false;
        for (var presses = 0; presses < 40 && !focused; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            focused = await button.EvaluateAsync<bool>("b => b === document.activeElement");
        }
        Assert.True(focused, "Tab never reached the demo user's sign-in button");
        await page.Keyboard.PressAsync("Enter");

        await Expect(session.Heading("referrals.title")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Arabic_lays_the_app_out_right_to_left()
    {
        await using var session = await app.OpenAsync();
        var page = session.Page;

        await page.GotoAsync("/signin?lang=ar");

        var html = page.Locator("html");
        await Expect(html).ToHaveAttributeAsync("dir", "rtl");
        await Expect(html).ToHaveAttributeAsync("lang", "ar");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "everyone", "signin-ar");
        await page.AssertNoHorizontalOverflowAsync("sign-in in Arabic");
    }

    [Fact]
    public async Task The_pharmacists_stock_screen_in_Arabic_is_mirrored_and_fits_a_phone()
    {
        await using var session = await app.OpenAsync(Browsing.Phone);
        var page = session.Page;
        await session.SignInAsync("pharmacist.campa", "stock.title");

        // The language asked for in the address is kept for the tab.
        await page.GotoAsync("/stock?lang=ar");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync(session.Text["stock.title"]);
        Assert.Equal("rtl", await page.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('main')).direction"));
        await page.GotoAsync("/report");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "pharmacist", "report-ar");
        await page.AssertNoHorizontalOverflowAsync("report form in Arabic");
    }
}
