using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MhSupply.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MhSupply.WebTests;

/// <summary>
/// The district manager's indicators (manager.district, the demo district "Lakeside District"): the district by name,
/// the indicators of the chosen month with their counts, a 12-month trend per indicator, a CSV per table and the
/// monthly report printed on one A4 page per district. And the facility head's own facility's indicators.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed partial class DistrictReportTests(WebAppFixture app)
{
    private const string District = "demo-district";

    [Fact]
    public async Task The_district_is_headed_by_its_name_and_each_indicator_shows_its_value_counts_and_a_twelve_month_trend()
    {
        await using var session = await app.OpenAsync();
        await session.SignInAsync("manager.district", "district.title");
        var page = session.Page;

        await Expect(page.Locator("#main .district-name")).ToHaveTextAsync("Lakeside District");
        await Expect(page.Locator("#main .district-name")).Not.ToContainTextAsync(District);

        var period = await page.Locator("#indicator-period").InputValueAsync();
        Assert.Matches(@"^\d{4}-\d{2}$", period);
        using var manager = await app.ClientFor("district_manager", districts: [District], sub: "manager.district");
        var answer = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?period={period}&level=district&id={District}");
        var wholes = answer.GetProperty("values").EnumerateArray().Where(v => !v.TryGetProperty("breakdown", out var b) || b.ValueKind != JsonValueKind.Object).ToList();

        var table = page.GetByRole(AriaRole.Table, new() { Name = session.Text["indicators.caption"] });
        // One row per indicator of the catalogue (14), treatment interruptions right after the tracer stock-out rate.
        var rows = table.Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(14);
        var order = await rows.EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.indicator)");
        Assert.Equal(Array.IndexOf(order, "tracer_stockout_rate") + 1, Array.IndexOf(order, "treatment_interruptions"));

        var reporting = wholes.Single(v => v.GetProperty("indicator").GetString() == "reporting_rate");
        var row = table.Row(session.Text["indicator.reporting_rate.name"]);
        await Expect(row.Locator("td").Nth(0)).ToHaveTextAsync(Percent(reporting) ?? session.Text["indicators.noValue"]);
        if (HasNumber(reporting, "denominator"))
        {
            await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync(session.Text.Format("indicators.counts",
                ("numerator", reporting.GetProperty("numerator").GetDecimal().ToString("0.#", CultureInfo.InvariantCulture)),
                ("denominator", reporting.GetProperty("denominator").GetDecimal().ToString("0.#", CultureInfo.InvariantCulture))));
        }

        // The trend: one point per month of the twelve, a dot for each month that has a value, named with the last one.
        var to = period;
        var from = DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(-11).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var trend = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/indicators/trend?indicator=reporting_rate&level=district&id={District}&from={from}&to={to}");
        var points = trend.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(12, points.Count);
        var chart = page.Locator("figure.trend[data-indicator=reporting_rate] svg[role=img]");
        await Expect(chart.Locator("g.point")).ToHaveCountAsync(12);
        await Expect(chart.Locator("g.point:not(.no-value)")).ToHaveCountAsync(points.Count(p => HasNumber(p, "value")));
        await Expect(chart.Locator("title")).ToHaveCountAsync(1);
        await Expect(chart.Locator("desc")).ToHaveCountAsync(1);
        var last = points.LastOrDefault(p => HasNumber(p, "value"));
        var label = await chart.GetAttributeAsync("aria-label");
        Assert.StartsWith(session.Text["indicator.reporting_rate.name"], label, StringComparison.Ordinal);
        Assert.Contains(last.ValueKind == JsonValueKind.Object ? Percent(last)! : session.Text["trend.noValues"], label, StringComparison.Ordinal);
        // Every indicator has its chart, the ones without values yet too.
        await Expect(page.Locator("figure.trend svg[role=img]")).ToHaveCountAsync(14);
        await app.ScreenshotAsync(page, "district_manager", "district-indicators");
    }

    [Fact]
    public async Task Treatment_interruptions_name_the_medicine_missing_at_the_PHC_and_the_breakdowns_list_what_the_API_counts()
    {
        // A medicine Camp B holds no card of: a back-referral prescribing it is a treatment interruption there.
        const string phc = "phc-camp-b";
        using var admin = await app.ClientFor("admin");
        var medicines = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/medicines?pageSize=500")).GetProperty("items").EnumerateArray()
            .Select(m => m.GetProperty("code").GetString()!).ToList();
        var held = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/facilities/{phc}/stock")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("medicine").GetString()!).ToHashSet();
        var missing = medicines.First(m => !held.Contains(m));
        var now = app.Clock.GetUtcNow();
        using (var clinician = await app.ClientFor("clinician", [phc], sub: "clinician.campb"))
        using (var psychiatrist = await app.ClientFor("clinician", ["smh-district"], sub: "psychiatrist.smh"))
        {
            var id = await clinician.Refer(phc, "smh-district", "urgent", now.AddHours(-3), "TI-" + Guid.NewGuid().ToString("N")[..6]);
            foreach (var (action, body) in new (string, object)[]
            {
                ("accept", new { at = now.AddHours(-2) }),
                ("start", new { at = now.AddHours(-1) }),
                ("back-refer", new
                {
                    diagnosis = "depression", plan = "Review in a month.", followUpEveryDays = 30,
                    medicines = new[] { new { medicine = missing, dose = "one a day", durationDays = 30 } },
                }),
            })
            {
                var step = await psychiatrist.PostAsJsonAsync($"/api/v1/referrals/{id}/{action}", body);
                Assert.True(step.IsSuccessStatusCode, await step.Content.ReadAsStringAsync());
            }
        }
        // The month in progress (Stock:TimeZone is UTC here), asked for in the URL as a bookmark would.
        var period = now.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        using var manager = await app.ClientFor("district_manager", districts: [District], sub: "manager.district");
        var values = (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?period={period}&level=district&id={District}"))
            .GetProperty("values").EnumerateArray().ToList();
        static bool HasBreakdown(JsonElement v) => v.TryGetProperty("breakdown", out var b) && b.ValueKind == JsonValueKind.Object;
        List<JsonElement> Members(string indicator) => values.Where(v => v.GetProperty("indicator").GetString() == indicator && HasBreakdown(v)).ToList();
        var interrupted = Members("treatment_interruptions").Single(v => v.GetProperty("breakdown").GetProperty("medicine").GetString() == missing);
        Assert.True(interrupted.GetProperty("value").GetDecimal() >= 1);
        var whole = values.Single(v => v.GetProperty("indicator").GetString() == "treatment_interruptions" && !HasBreakdown(v));

        await using var session = await app.OpenAsync();
        await session.SignInAsync("manager.district", "district.title");
        var page = session.Page;
        await page.GotoAsync($"/district?period={period}");
        var name = await app.MedicineName(missing);
        var row = page.Locator("#main section.indicators .indicators-table tbody tr[data-indicator=treatment_interruptions]");
        await Expect(row.Locator("td.value")).ToHaveTextAsync(whole.GetProperty("value").GetDecimal().ToString("0.#", CultureInfo.InvariantCulture));
        await Expect(row.Locator("p.involved")).ToContainTextAsync(name);
        // Its breakdown lists one line per medicine the API counts, the missing one with its count.
        await row.Locator("details.breakdown summary").ClickAsync();
        var lines = row.Locator("details.breakdown li");
        await Expect(lines).ToHaveCountAsync(Members("treatment_interruptions").Count);
        await Expect(lines.Filter(new() { HasText = name }).Locator("strong")).ToHaveTextAsync(
            interrupted.GetProperty("value").GetDecimal().ToString("0.#", CultureInfo.InvariantCulture));
        // referrals_made breaks down by category, sex, age band and urgency: every member the API gives is a line.
        var referrals = page.Locator("#main section.indicators .indicators-table tbody tr[data-indicator=referrals_made]");
        await referrals.Locator("details.breakdown summary").ClickAsync();
        await Expect(referrals.Locator("details.breakdown li")).ToHaveCountAsync(Members("referrals_made").Count);
        var urgent = Members("referrals_made").Single(v => v.GetProperty("breakdown").TryGetProperty("urgency", out var u) && u.GetString() == "urgent");
        await Expect(referrals.Locator("details.breakdown li").Filter(new() { HasText = session.Text["urgency.urgent"] }).Locator("strong"))
            .ToHaveTextAsync(urgent.GetProperty("value").GetDecimal().ToString("0.#", CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_indicators_and_the_heat_map_download_as_CSV_with_what_the_screen_shows()
    {
        const string medicine = "lithium-carbonate-tab-300mg";
        var name = await app.MedicineName(medicine);
        var now = DateTimeOffset.UtcNow;
        using (var campB = await app.ClientFor("pharmacist", ["phc-camp-b"]))
        {
            await campB.PostAccepted("phc-camp-b", Api.StockEvent(medicine, "receipt", 12, now.AddHours(-3)), Api.StockEvent(medicine, "issue", 12, now.AddHours(-2)));
        }
        await using var session = await app.OpenAsync();
        await session.SignInAsync("manager.district", "district.title");
        var page = session.Page;
        var period = await page.Locator("#indicator-period").InputValueAsync();

        // The indicators' CSV is the server's own (&format=csv), fetched with the manager's token.
        var indicatorsLink = page.GetByRole(AriaRole.Link, new() { Name = session.Text.Format("csv.download", ("table", session.Text["indicators.caption"])) });
        var download = await page.RunAndWaitForDownloadAsync(() => indicatorsLink.ClickAsync());
        Assert.Equal($"indicators-district-{District}-{period}.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        using var manager = await app.ClientFor("district_manager", districts: [District], sub: "manager.district");
        Assert.Equal(await manager.GetStringAsync($"/api/v1/indicators?period={period}&level=district&id={District}&format=csv"), csv);
        Assert.StartsWith("period,level,id,indicator,dimension,member,value,numerator,denominator\r\n", csv, StringComparison.Ordinal);
        Assert.Contains($"\r\n{period},district,{District},reporting_rate,", csv, StringComparison.Ordinal);

        // The heat map's CSV is built on the device: one line per facility and medicine, the facility that never reported too.
        var heatLink = page.GetByRole(AriaRole.Link, new() { Name = session.Text.Format("csv.download", ("table", session.Text["district.caption"])) });
        var heat = await page.RunAndWaitForDownloadAsync(() => heatLink.ClickAsync());
        Assert.EndsWith(".csv", heat.SuggestedFilename, StringComparison.Ordinal);
        var lines = (await File.ReadAllTextAsync((await heat.PathAsync())!)).TrimStart('\ufeff').Split("\r\n");
        Assert.Equal("facility,facility_name,medicine,medicine_name,status,soh,mos,stockout_days_this_month", lines[0]);
        Assert.Contains(lines, l => l.StartsWith($"phc-camp-b,Camp B Health Post,{medicine},{Quoted(name)},stocked_out,0,", StringComparison.Ordinal));
        Assert.Contains("cmh-outreach,Community Psychosocial Outreach,,,no_report,,,", lines);

        // Cells are quoted the RFC 4180 way (and a formula is defused), as the server does.
        var quoted = await page.EvaluateAsync<string>("async () => (await import('/js/csv.js')).csvText([['a,b', 'say \"hi\"', 'two\\nlines', '=1+1', '-3']])");
        Assert.Equal("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",'=1+1,-3\r\n", quoted);
    }

    [Fact]
    public async Task The_monthly_report_prints_on_one_A4_page_per_district_without_the_navigation()
    {
        const string medicine = "valproate-sodium-tab-500mg";
        var name = await app.MedicineName(medicine);
        var now = DateTimeOffset.UtcNow;
        using (var campB = await app.ClientFor("pharmacist", ["phc-camp-b"]))
        {
            await campB.PostAccepted("phc-camp-b", Api.StockEvent(medicine, "receipt", 5, now.AddHours(-3)), Api.StockEvent(medicine, "issue", 5, now.AddHours(-2)));
        }
        await using var session = await app.OpenAsync();
        await session.SignInAsync("manager.district", "district.title");
        var page = session.Page;
        var report = page.Locator("#district-report");
        await Expect(report).ToBeAttachedAsync();
        await Expect(report).ToBeHiddenAsync();

        // The button prints (window.print, replaced here so the test sees the call).
        await page.EvaluateAsync("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }");
        await page.GetByRole(AriaRole.Button, new() { Name = session.Text["district.printReport"] }).ClickAsync();
        Assert.Equal(1, await page.EvaluateAsync<int>("() => window.__printed"));

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(report).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = session.Text["nav.label"] })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = session.Text["district.caption"] })).ToBeHiddenAsync();
        var pages = report.Locator(".report-page");
        await Expect(pages).ToHaveCountAsync(1);
        var first = pages.First;
        await Expect(first.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToContainTextAsync("Lakeside District");
        await Expect(first.GetByRole(AriaRole.Table, new() { Name = session.Text["indicators.caption"] })).ToBeVisibleAsync();
        await Expect(first.GetByRole(AriaRole.Heading, new() { Name = session.Text["districtReport.worstTitle"] })).ToBeVisibleAsync();
        await Expect(first).ToContainTextAsync(session.Text.Format("districtReport.stockoutLine", ("medicine", name), ("facility", "Camp B Health Post")));
        // The facility that never reported is among those to follow up first.
        await Expect(first.Locator("tr").Filter(new() { HasText = "Community Psychosocial Outreach" })).ToContainTextAsync(session.Text["district.noReportYet"]);
        await Expect(first.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^" + Regex.Escape(session.Text["district.overdueCaption"])) })).ToBeVisibleAsync();

        var pdf = await page.PdfAsync(new() { Format = "A4", PreferCSSPageSize = true, PrintBackground = true });
        await File.WriteAllBytesAsync(Path.Combine(app.Artifacts, "district-report-a4.pdf"), pdf);
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        await page.SetViewportSizeAsync(703, 1000);
        var layout = await page.EvaluateAsync<string>("() => JSON.stringify({ body: document.body.scrollHeight, report: document.querySelector('#district-report').getBoundingClientRect().height, kids: [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().bottom > 900).slice(0, 8).map(e => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().bottom)) })");
        Assert.True(PdfPage().Matches(text).Count == 1, layout);
        // A4 is 595 x 842 points.
        var box = MediaBox().Match(text);
        Assert.True(box.Success, "no MediaBox in the PDF");
        Assert.InRange(double.Parse(box.Groups[1].Value, CultureInfo.InvariantCulture), 594, 597);
        Assert.InRange(double.Parse(box.Groups[2].Value, CultureInfo.InvariantCulture), 841, 844);
        await app.ScreenshotAsync(page, "district_manager", "district-report-print");
    }

    [Fact]
    public async Task On_a_phone_the_indicators_value_is_in_view_in_every_language()
    {
        await using var session = await app.OpenAsync(Browsing.Phone);
        await session.SignInAsync("manager.district", "district.title");
        var page = session.Page;
        foreach (var lang in new[] { "en", "fr", "ar" })
        {
            await page.GotoAsync($"/district?lang={lang}");
            var value = page.Locator("#main section.indicators .indicators-table tbody tr[data-indicator=reporting_rate] td.value");
            await value.ScrollIntoViewIfNeededAsync();
            await value.AssertFullyInViewportAsync($"the reporting rate at 360 px ({lang})");
            var chart = page.Locator("figure.trend[data-indicator=reporting_rate] svg");
            await chart.ScrollIntoViewIfNeededAsync();
            await chart.AssertFullyInViewportAsync($"the reporting rate's trend at 360 px ({lang})");
            await page.AssertNoHorizontalOverflowAsync($"district {lang}");
            await app.ScreenshotAsync(page, "district_manager", $"district-indicators-360-{lang}");
        }
        Assert.Equal("rtl", await page.EvaluateAsync<string>("() => document.documentElement.dir"));
        // The district's own name in Arabic (GET /api/v1/places names it per language).
        await Expect(page.Locator("#main .district-name")).ToHaveTextAsync("مقاطعة البحيرة");
    }

    /// <summary>An indicator's rate as the screen writes it in English ("50%", "33.3%"), or null for no value (null is left out of the JSON).</summary>
    internal static string? Percent(JsonElement item) =>
        HasNumber(item, "value") ? (item.GetProperty("value").GetDecimal() * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : null;

    private static bool HasNumber(JsonElement item, string name) => item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number;

    private static string Quoted(string cell) => cell.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;

    [GeneratedRegex(@"/Type\s*/Page(?![s\w])")]
    private static partial Regex PdfPage();

    [GeneratedRegex(@"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")]
    private static partial Regex MediaBox();
}
