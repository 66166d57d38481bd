using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MhSupply.WebTests.Infrastructure;

/// <summary>One browser context (its own storage, cookies and cache) and its page; closed at the end of the test.</summary>
public sealed class BrowserSession(WebAppFixture app, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public UiText Text => app.Text;

    public ValueTask DisposeAsync() => new(Page.Context.CloseAsync());
}

public static class Browsing
{
    /// <summary>Laptop width for desk roles; pharmacists work on phones (360 CSS px).</summary>
    public const int Laptop = 1280;
    public const int Phone = 360;

    public static async Task<BrowserSession> OpenAsync(this WebAppFixture app, int width = Laptop, Action<BrowserNewContextOptions>? configure = null)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            ViewportSize = new() { Width = width, Height = width == Phone ? 740 : 800 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        };
        configure?.Invoke(options);
        var context = await app.Browser.NewContextAsync(options);
        context.SetDefaultTimeout(15_000);
        return new BrowserSession(app, await context.NewPageAsync());
    }

    /// <summary>Signs in as a demo user from the Development sign-in page and waits for that role's home screen.</summary>
    public static async Task SignInAsync(this BrowserSession session, string demoUser, string homeTitleKey)
    {
        var page = session.Page;
        await page.GotoAsync("/signin");
        await page.GetByRole(AriaRole.Button, new() { Name = session.Text.Format("signin.as", ("user", demoUser)) }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = session.Text[homeTitleKey], Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Follows a link of the header's navigation and waits for the screen's title.</summary>
    public static async Task NavigateAsync(this BrowserSession session, string navKey, string titleKey)
    {
        await session.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = session.Text[navKey], Exact = true }).ClickAsync();
        await Expect(session.Heading(titleKey)).ToBeVisibleAsync();
    }

    public static ILocator Heading(this BrowserSession session, string titleKey) =>
        session.Page.GetByRole(AriaRole.Heading, new() { Name = session.Text[titleKey], Level = 1 });

    public static ILocator Button(this BrowserSession session, string key) =>
        session.Page.GetByRole(AriaRole.Button, new() { Name = session.Text[key], Exact = true });

    /// <summary>The control labelled with the string (a required field's label ends with an asterisk).</summary>
    public static ILocator Field(this BrowserSession session, string key) =>
        session.Page.GetByLabel(new Regex("^" + Regex.Escape(session.Text[key]) + @"\s*\*?$"));

    public static ILocator Radio(this BrowserSession session, string key) =>
        session.Page.GetByRole(AriaRole.Radio, new() { Name = session.Text[key], Exact = true });

    /// <summary>The screen's own content, without the header or the screen reader's live region (which repeats messages).</summary>
    public static ILocator Content(this BrowserSession session) => session.Page.GetByRole(AriaRole.Main);

    /// <summary>The table row whose row header names the thing (a medicine, a patient code).</summary>
    public static ILocator Row(this ILocator table, string rowHeader) =>
        table.GetByRole(AriaRole.Row).Filter(new() { Has = table.Page.GetByRole(AriaRole.Rowheader, new() { Name = rowHeader }) });

    /// <summary>The cell of a row under the column headed <paramref name="column"/>: found by the header, not by position.</summary>
    public static async Task<ILocator> CellAsync(this ILocator table, string rowHeader, string column) =>
        table.Row(rowHeader).Cells().Nth(await table.ColumnAsync(column));

    /// <summary>A row's cells, header cells included, in column order.</summary>
    public static ILocator Cells(this ILocator row) => row.Locator(":scope > th, :scope > td");

    /// <summary>The position of the column headed <paramref name="column"/>.</summary>
    public static async Task<int> ColumnAsync(this ILocator table, string column)
    {
        await Expect(table.GetByRole(AriaRole.Columnheader).First).ToBeVisibleAsync();
        var headers = (await table.GetByRole(AriaRole.Columnheader).AllInnerTextsAsync()).Select(h => h.Trim()).ToList();
        var index = headers.IndexOf(column);
        Assert.True(index >= 0, $"no column '{column}' in [{string.Join(", ", headers)}]");
        return index;
    }

    /// <summary>
    /// Every visible form control on the screen has an accessible name (a label, aria-label or aria-labelledby), so a
    /// screen reader says what each one is for.
    /// </summary>
    public static async Task AssertControlsLabelledAsync(this IPage page, string screen)
    {
        var unnamed = await page.EvaluateAsync<string[]>(
            """
            () => [...document.querySelectorAll('#main input, #main select, #main textarea')]
              .filter(el => el.type !== 'hidden' && el.getClientRects().length > 0)
              .filter(el => !(el.labels && [...el.labels].some(l => l.textContent.trim()))
                && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
              .map(el => el.outerHTML.slice(0, 120))
            """);
        Assert.True(unnamed.Length == 0, $"{screen}: controls without a name: {string.Join(" | ", unnamed)}");
    }

    /// <summary>The page fits the viewport's width: nothing makes the whole page scroll sideways (tables scroll inside their own region).</summary>
    public static async Task AssertNoHorizontalOverflowAsync(this IPage page, string screen)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scroll, viewport) = (widths[0], widths[1]);
        Assert.True(scroll <= viewport, $"{screen}: the page is {scroll} px wide in a {viewport} px viewport");
    }
}
