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
        // A header's first line is its name; a note may follow on the next (the heat map marks a facility with no report).
        var headers = (await table.GetByRole(AriaRole.Columnheader).AllInnerTextsAsync()).Select(h => h.Trim().Split('\n')[0].Trim()).ToList();
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

    /// <summary>
    /// Every visible piece of text on the page meets WCAG 2.1 AA contrast against what is behind it: 4.5:1, or 3:1 for
    /// large text (24 px, or 18.66 px bold). The background is the nearest opaque one up the tree (our CSS draws no text
    /// over images); colours with transparency are blended onto it.
    /// </summary>
    public static async Task AssertTextContrastAsync(this IPage page, string screen)
    {
        var failures = await page.EvaluateAsync<string[]>(
            """
            () => {
              const parse = (c) => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
                const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number); return { r, g, b, a }; };
              const blend = (top, under) => ({ r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a),
                b: top.b * top.a + under.b * (1 - top.a), a: 1 });
              const background = (el) => {
                const layers = [];
                for (let e = el; e; e = e.parentElement) {
                  const c = parse(getComputedStyle(e).backgroundColor);
                  if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
                }
                return layers.reverse().reduce((under, top) => blend(top, under), { r: 255, g: 255, b: 255, a: 1 });
              };
              const lum = ({ r, g, b }) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
                .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
              const out = [];
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              const seen = new Set();
              for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                const el = n.parentElement;
                if (!el || seen.has(el) || !n.textContent.trim()) continue;
                seen.add(el);
                const style = getComputedStyle(el);
                // Hidden text has nothing to read; a disabled control is exempt (WCAG 1.4.3, inactive components).
                if (el.getClientRects().length === 0 || style.visibility === 'hidden' || el.closest('.visually-hidden, [hidden], :disabled')) continue;
                const bg = background(el);
                const fg = blend(parse(style.color), bg);
                const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
                const ratio = (hi + 0.05) / (lo + 0.05);
                const size = parseFloat(style.fontSize);
                const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
                if (ratio < (large ? 3 : 4.5)) out.push(`"${n.textContent.trim().slice(0, 40)}" ${ratio.toFixed(2)}:1 (${style.color} on rgb(${Math.round(bg.r)}, ${Math.round(bg.g)}, ${Math.round(bg.b)}))`);
              }
              return out;
            }
            """);
        Assert.True(failures.Length == 0, $"{screen}: text below WCAG AA contrast: {string.Join(" | ", failures)}");
    }

    /// <summary>The page fits the viewport's width: nothing makes the whole page scroll sideways (tables scroll inside their own region).</summary>
    public static async Task AssertNoHorizontalOverflowAsync(this IPage page, string screen)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scroll, viewport) = (widths[0], widths[1]);
        Assert.True(scroll <= viewport, $"{screen}: the page is {scroll} px wide in a {viewport} px viewport");
    }

    /// <summary>
    /// Each located element is wholly inside the viewport as it is now (no sideways scroll, not below the fold, not
    /// clipped by a scrolling ancestor): the key figure of a list is readable on a 360 x 740 phone without touching it.
    /// </summary>
    public static async Task AssertFullyInViewportAsync(this ILocator cells, string what)
    {
        await Expect(cells.First).ToBeVisibleAsync();
        var outside = await cells.EvaluateAllAsync<string[]>(
            """
            (els) => els.map((el, i) => {
              const r = el.getBoundingClientRect();
              let box = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
              for (let p = el.parentElement; p; p = p.parentElement) {
                const s = getComputedStyle(p);
                if (/(auto|scroll|hidden|clip)/.test(s.overflowX + s.overflowY)) {
                  const q = p.getBoundingClientRect();
                  box = { left: Math.max(box.left, q.left), top: Math.max(box.top, q.top), right: Math.min(box.right, q.right), bottom: Math.min(box.bottom, q.bottom) };
                }
              }
              const inside = r.width > 0 && r.height > 0 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5
                && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
              return inside ? null : `#${i} "${el.textContent.trim().slice(0, 30)}" at [${Math.round(r.left)},${Math.round(r.top)} - ${Math.round(r.right)},${Math.round(r.bottom)}] outside [${Math.round(box.left)},${Math.round(box.top)} - ${Math.round(box.right)},${Math.round(box.bottom)}]`;
            }).filter(Boolean)
            """);
        Assert.True(outside.Length == 0, $"{what}: not wholly in the viewport: {string.Join(" | ", outside)}");
    }
}
