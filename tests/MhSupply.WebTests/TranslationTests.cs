using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MhSupply.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MhSupply.WebTests;

/// <summary>
/// The strings files themselves: every key of en.json is in fr.json and ar.json, non-empty, with the same {placeholders},
/// and translated (not an English copy) unless the word is the same in that language. No web app needed.
/// </summary>
public sealed partial class TranslationFilesTests
{
    /// <summary>
    /// Values a language legitimately shares with English: French words spelt the same ("Stock", "District", "Patient")
    /// and abbreviations. A value with no letters outside its placeholders ("{state} ({n})") is allowed in any language.
    /// </summary>
    private static readonly Dictionary<string, HashSet<string>> SameAsEnglish = new()
    {
        ["fr"] = ["MhSupply", "Stock", "District", "District {district}", "Date", "date", "lot", "lot {lot}", "Patient",
            "Patient {code}", "Urgent", "Protection", "Service", "Services", "Administration", "Code", "OK", "MIN", "{h} h", "SMS", "Webhook", "E-mail"],
        ["ar"] = [],
    };

    public static TheoryData<string> Languages => new() { "fr", "ar" };

    private static string StringsFolder()
    {
        // From the test assembly's folder up to the repository, whose web app holds the files (tests/.../bin/...).
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Gateway", "wwwroot", "i18n");
            if (File.Exists(Path.Combine(candidate, "en.json")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("src/Gateway/wwwroot/i18n not found above " + AppContext.BaseDirectory);
    }

    internal static Dictionary<string, string> Load(string language)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(StringsFolder(), language + ".json")));
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            Assert.True(property.Value.ValueKind == JsonValueKind.String, $"{language}.json: '{property.Name}' is not a string");
            Assert.True(strings.TryAdd(property.Name, property.Value.GetString()!), $"{language}.json: '{property.Name}' appears twice");
        }
        return strings;
    }

    private static SortedSet<string> Placeholders(string text) =>
        new(PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value), StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_English_key_has_a_non_empty_translation_with_the_same_placeholders(string language)
    {
        var english = Load("en");
        var translated = Load(language);

        var missing = english.Keys.Where(k => !translated.TryGetValue(k, out var v) || string.IsNullOrWhiteSpace(v)).ToList();
        var placeholders = english.Where(e => translated.TryGetValue(e.Key, out var v) && !Placeholders(v).SetEquals(Placeholders(e.Value)))
            .Select(e => $"{e.Key}: {{{string.Join("}, {", Placeholders(e.Value))}}} in English, {{{string.Join("}, {", Placeholders(translated[e.Key]))}}} here")
            .ToList();
        var stale = translated.Keys.Where(k => !english.ContainsKey(k)).ToList();

        Assert.True(missing.Count == 0, $"{language}.json lacks {missing.Count} of {english.Count} keys: {string.Join(", ", missing)}");
        Assert.True(placeholders.Count == 0, $"{language}.json changes placeholders: {string.Join(" | ", placeholders)}");
        Assert.True(stale.Count == 0, $"{language}.json has keys en.json does not: {string.Join(", ", stale)}");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void No_translation_is_a_copy_of_the_English_unless_the_word_is_the_same(string language)
    {
        var english = Load("en");
        var translated = Load(language);

        var copies = english
            .Where(e => translated.TryGetValue(e.Key, out var v) && v == e.Value)
            .Where(e => Letters().IsMatch(PlaceholderPattern().Replace(e.Value, "")) && !SameAsEnglish[language].Contains(e.Value))
            .Select(e => $"{e.Key} = \"{e.Value}\"")
            .ToList();

        Assert.True(copies.Count == 0, $"{language}.json keeps English text: {string.Join(" | ", copies)}");
    }

    [Fact]
    public void Arabic_strings_are_written_in_Arabic_script()
    {
        var arabic = Load("ar");

        // Latin words are allowed inside (CSV, API, mhGAP): what is not allowed is a value with no Arabic word at all.
        var latinOnly = arabic.Where(a => Letters().IsMatch(PlaceholderPattern().Replace(a.Value, "")) && !ArabicLetters().IsMatch(a.Value))
            .Select(a => $"{a.Key} = \"{a.Value}\"").ToList();

        Assert.True(latinOnly.Count == 0, $"ar.json values without Arabic: {string.Join(" | ", latinOnly)}");
    }

    [Fact]
    public void No_English_string_contains_the_pseudo_locale_markers()
    {
        // The pseudo-locale (?lang=xx-test) wraps every string in « »; a string holding them would blur what came through t().
        var marked = Load("en").Where(e => e.Value.Contains('«', StringComparison.Ordinal) || e.Value.Contains('»', StringComparison.Ordinal)).Select(e => e.Key).ToList();

        Assert.Empty(marked);
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex(@"\p{L}")]
    private static partial Regex Letters();

    [GeneratedRegex(@"[\u0600-\u06FF]")]
    private static partial Regex ArabicLetters();
}

/// <summary>
/// Every main screen of every role in the pseudo-locale (?lang=xx-test, every string from the strings files wrapped in
/// « »): any text left that is not wrapped and is not data (names of medicines and facilities, codes, people, numbers,
/// dates) skipped t(); and in Arabic, right to left with each value isolated and Western digits, a screenshot per screen.
/// A district of its own, so the other tests' data is neither needed nor touched.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class TranslationTests(WebAppFixture app)
{
    private const string Facility = "phc-i18n";
    private const string Specialist = "smh-i18n";
    private const string District = "i18n-district";
    private const string Medicine = "amitriptyline-tab-25mg";

    /// <summary>Each role's main screens with the key of their h1; {referral} and {backReferred} are arranged referrals' ids.</summary>
    private static readonly (string Role, string[] Facilities, string[] Districts, (string Path, string Title)[] Paths)[] Screens =
    [
        ("pharmacist", [Facility], [], [("/stock", "stock.title"), ($"/stock/{Medicine}", "card.title"), ("/report", "report.title"),
            ("/count", "count.title"), ("/upload", "upload.title"), ("/outbox", "outbox.title")]),
        ("facility_head", [Facility], [], [("/alerts", "alerts.title"), ("/orders", "orders.title")]),
        ("referral_coordinator", [], [District], [("/referrals", "referrals.title"), ("/worklist", "worklist.title"),
            ("/referrals/new", "newReferral.title"), ("/referrals/{referral}", "referral.title"), ("/referrals/{backReferred}", "referral.title")]),
        // A community worker at the referring facility sees the referral without its clinical details (opened only with a reason).
        ("community_worker", [Facility], [], [("/referrals", "referrals.title"), ("/referrals/{referral}", "referral.title")]),
        ("district_manager", [], [District], [("/district", "district.title"), ("/alerts", "alerts.title")]),
        ("admin", [], [], [("/admin", "admin.title"), ("/no-such-screen", "notFound.title")]),
    ];

    private static Guid s_referral;
    private static Guid s_backReferred;
    private const string Plan = "Fluoxetine daily, review in a month";
    private const string Dose = "20 mg daily";

    private static string PathOf(string path) => path
        .Replace("{referral}", s_referral.ToString(), StringComparison.Ordinal)
        .Replace("{backReferred}", s_backReferred.ToString(), StringComparison.Ordinal);

    [Fact]
    public async Task Every_main_screen_of_every_role_shows_only_text_that_came_through_t()
    {
        await ArrangeOnce();
        var data = await DataShownAsIs();
        var offences = new List<string>();

        await using (var anonymous = await app.OpenAsync())
        {
            var missing = CollectMissingStrings(anonymous.Page);
            await anonymous.Page.GotoAsync("/signin?lang=xx-test");
            offences.AddRange(await UntranslatedAsync(anonymous.Page, "sign-in", data, missing));
        }
        foreach (var (role, facilities, districts, paths) in Screens)
        {
            await using var session = await app.OpenAsync();
            var missing = CollectMissingStrings(session.Page);
            await SignInWithToken(session, role, facilities, districts, "xx-test");
            foreach (var (path, _) in paths)
            {
                var page = session.Page;
                await page.GotoAsync(PathOf(path));
                offences.AddRange(await UntranslatedAsync(page, $"{role} {path}", data, missing));
                if (path == "/worklist")
                {
                    // The arranged emergency, unaccepted for ten hours, is on it: the table is checked, not only "nothing late".
                    await Expect(page.Locator($"#main a[href='/referrals/{s_referral}']")).ToBeVisibleAsync();
                }
                if (path == "/report")
                {
                    // A report saved and answered: the notice and the outcome list.
                    await page.Locator("select[name=medicine]").SelectOptionAsync(Medicine);
                    await page.Locator("input[name=quantity]").FillAsync("1");
                    await page.Locator("form.report-form button[type=submit]").ClickAsync();
                    await Expect(page.Locator("#main .badge.outcome-accepted").First).ToBeVisibleAsync();
                    offences.AddRange(await UntranslatedAsync(page, $"{role} {path} after saving", data, missing));
                }
                if (path.StartsWith("/referrals/{", StringComparison.Ordinal))
                {
                    // The form of every step the role may take, one after the other.
                    var actions = page.Locator("section[aria-labelledby=actions-title] button[data-action]");
                    foreach (var action in await actions.EvaluateAllAsync<string[]>("bs => bs.map(b => b.dataset.action)"))
                    {
                        await page.Locator($"button[data-action=\"{action}\"]").ClickAsync();
                        await Expect(page.Locator("form.action-form")).ToBeVisibleAsync();
                        offences.AddRange(await UntranslatedAsync(page, $"{role} {path} {action} form", data, missing));
                    }
                }
            }
        }

        Assert.True(offences.Count == 0, "text that did not come through t():\n" + string.Join("\n", offences));
    }

    public static TheoryData<string> AllLanguages => new() { "en", "fr", "ar" };

    [Theory]
    [MemberData(nameof(AllLanguages))]
    public async Task Every_main_screen_on_a_phone_is_titled_in_the_language_with_Western_digits(string language)
    {
        await ArrangeOnce();
        var strings = TranslationFilesTests.Load(language);
        foreach (var (role, facilities, districts, paths) in Screens)
        {
            await using var session = await app.OpenAsync(Browsing.Phone);
            var page = session.Page;
            await SignInWithToken(session, role, facilities, districts, language);
            foreach (var (path, titleKey) in paths)
            {
                await page.GotoAsync(PathOf(path));
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
                await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", language == "ar" ? "rtl" : "ltr");
                // The title's own words in the language; its values (a medicine, a patient code) whatever they are.
                var title = "^" + Regex.Escape(strings[titleKey]).Replace(@"\{", "{", StringComparison.Ordinal);
                // French's no-break space before a colon: the browser's text may be normalised to a plain one.
                title = Regex.Replace(title, @"\{\w+}", ".+").Replace("\u00a0", @"\s", StringComparison.Ordinal) + "$";
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(new Regex(title));
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                // Figures as on the paper stock card (0-9), never Arabic-Indic digits (U+0660-U+0669, U+06F0-U+06F9).
                var indic = await page.EvaluateAsync<string?>(
                    "() => (document.body.innerText.match(/.{0,20}[\\u0660-\\u0669\\u06F0-\\u06F9].{0,20}/) || [null])[0]");
                Assert.True(indic is null, $"{role} {path}: Arabic-Indic digits in \"{indic}\"");
                var screen = path.Trim('/').Replace('/', '-')
                    .Replace("{referral}", "detail", StringComparison.Ordinal).Replace("{backReferred}", "detail-back-referred", StringComparison.Ordinal);
                await app.ScreenshotAsync(page, role, $"{screen}-{language}-360");
            }
        }
    }

    [Fact]
    public async Task Arabic_sets_each_value_apart_from_the_sentence_and_keeps_signs_before_figures()
    {
        await ArrangeOnce();
        var arabic = TranslationFilesTests.Load("ar");
        var medicineName = await app.MedicineName(Medicine);

        // A sentence with a medicine name in it: the name is isolated from the Arabic around it.
        await using var pharmacist = await app.OpenAsync(Browsing.Phone);
        await SignInWithToken(pharmacist, "pharmacist", [Facility], [], "ar");
        await pharmacist.Page.GotoAsync($"/stock/{Medicine}");
        var title = pharmacist.Page.GetByRole(AriaRole.Heading, new() { Level = 1 });
        await Expect(title).ToHaveTextAsync(arabic["card.title"].Replace("{medicine}", "\u2068" + medicineName + "\u2069", StringComparison.Ordinal));

        // A sentence with a number in it: "All medicines (n)" with the count isolated.
        await pharmacist.Page.GotoAsync("/stock");
        var all = pharmacist.Page.Locator("#stock-status option[value='']");
        await Expect(all).ToHaveTextAsync(new Regex("^" + Regex.Escape(arabic["stock.allStatuses"]).Replace(@"\{n}", "\u2068[0-9]+\u2069", StringComparison.Ordinal) + "$"));

        // A signed quantity in a right-to-left table keeps its sign before the figure ("−30", not "30−"): the sign is drawn
        // to the left of the digits.
        await pharmacist.Page.GotoAsync($"/stock/{Medicine}");
        var signed = pharmacist.Page.Locator("table.data td.num").Filter(new() { HasTextRegex = new Regex("^−\\d") }).First;
        await Expect(signed).ToBeVisibleAsync();
        var signLeftOfDigits = await signed.EvaluateAsync<bool>(
            """
            (td) => {
              const text = td.firstChild;
              const range = (start, end) => { const r = document.createRange(); r.setStart(text, start); r.setEnd(text, end); return r.getBoundingClientRect(); };
              return range(0, 1).left < range(text.length - 1, text.length).left;
            }
            """);
        Assert.True(signLeftOfDigits, $"\"{await signed.TextContentAsync()}\" is drawn with its sign after the digits");

        // A figure with a word in a right-to-left cell reads right to left: "6 ساعة" (6 hours) has its figure on the right.
        await using var coordinator = await app.OpenAsync(Browsing.Phone);
        await SignInWithToken(coordinator, "referral_coordinator", [], [District], "ar");
        await coordinator.Page.GotoAsync("/worklist");
        var hours = new Regex("^" + Regex.Escape(arabic["time.hours"]).Replace(@"\{h}", "\u2068[0-9]+\u2069", StringComparison.Ordinal) + "$");
        var late = coordinator.Page.Locator("#main").GetByText(hours).First;
        await Expect(late).ToBeVisibleAsync();
        var figureOnTheRight = await late.EvaluateAsync<bool>(
            """
            (el) => {
              const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
              const text = walker.nextNode();
              const digit = text.data.search(/[0-9]/);
              const range = (start, end) => { const r = document.createRange(); r.setStart(text, start); r.setEnd(text, end); return r.getBoundingClientRect(); };
              return range(digit, digit + 1).left > range(text.length - 1, text.length).left;
            }
            """);
        Assert.True(figureOnTheRight, $"\"{await late.TextContentAsync()}\" is drawn left to right");
    }

    /// <summary>"missing string: key" that i18n.js logs for a key en.json lacks, per page.</summary>
    private static List<string> CollectMissingStrings(IPage page)
    {
        var missing = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.StartsWith("missing string:", StringComparison.Ordinal))
            {
                lock (missing)
                {
                    missing.Add(message.Text);
                }
            }
        };
        return missing;
    }

    /// <summary>The screen's text nodes and named attributes (header and main) that are neither wrapped in « » nor data.</summary>
    private static async Task<IEnumerable<string>> UntranslatedAsync(IPage page, string screen, string[] data, List<string> missing)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal("xx-test", await page.EvaluateAsync<string>("() => document.documentElement.lang"));
        var found = await page.EvaluateAsync<string[]>(
            """
            async (data) => {
              // Wrapped strings (nested ones too: a string set into another) go first, then dates and the data shown as is.
              const unwrap = (s) => { for (let prev = null; prev !== s;) { prev = s; s = s.replace(/«[^«»]*»/g, ' '); } return s; };
              const month = '(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)';
              const dates = new RegExp(`\\b(\\d{1,2} ${month} \\d{4}(, \\d{2}:\\d{2})?|${month})\\b`, 'g');
              // Each value as a whole (not inside a word), longest first: "Camp A" must not eat the "a" of a sentence.
              const escape = (v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
              const values = [...data].filter((v) => v.trim().length > 1).sort((a, b) => b.length - a.length)
                .map((v) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(v)}(?![\\p{L}\\p{N}])`, 'gu'));
              const left = (s) => {
                s = unwrap(s).replace(dates, ' ');
                for (const v of values) s = s.replace(v, ' ');
                return /\p{L}/u.test(s) ? s.replace(/\s+/g, ' ').trim() : null;
              };
              const where = (el) => {
                const parts = [];
                for (let e = el; e && e.id !== 'main' && e.id !== 'top'; e = e.parentElement) parts.unshift(e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : ''));
                return parts.join('>');
              };
              // Code is machine text (the CSV header, ids); an element in a language of its own (the language picker's
              // "Français") is meant to stay in it.
              const exempt = (el) => el.closest('code, script, style, [lang]:not(html)');
              const out = [];
              for (const root of [document.getElementById('top'), document.getElementById('main')]) {
                const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                  if (!n.parentElement || exempt(n.parentElement)) continue;
                  const rest = left(n.textContent);
                  if (rest) out.push(`${where(n.parentElement)}: "${rest}" in "${n.textContent.trim().slice(0, 80)}"`);
                }
                for (const el of root.querySelectorAll('[aria-label], [title], [placeholder], [alt], [aria-description]')) {
                  if (exempt(el)) continue;
                  for (const name of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
                    const rest = el.hasAttribute(name) ? left(el.getAttribute(name)) : null;
                    if (rest) out.push(`${where(el)}[${name}]: "${rest}"`);
                  }
                }
              }
              const title = left(document.title);
              if (title) out.push(`document.title: "${title}"`);
              // The set i18n.js keeps of keys en.json lacks (the same module instance: the import map names one URL).
              const { missing } = await import('/js/i18n.js');
              if (missing.size) out.push(`keys missing from en.json: ${[...missing].join(', ')}`);
              return out;
            }
            """, data);
        lock (missing)
        {
            return found.Concat(missing.Distinct()).Select(f => $"{screen}: {f}").ToList();
        }
    }

    /// <summary>
    /// What screens show as it is stored, not as a string of the app: names and codes of medicines and facilities,
    /// districts, people's user names, patient codes, and an alert's server sentence when it carries no message code to
    /// translate it by (the alerts part of issue 15 adds codes; an alert with one must come through t()).
    /// </summary>
    private async Task<string[]> DataShownAsIs()
    {
        using var admin = await app.ClientFor("admin", sub: "admin.i18n");
        var values = new HashSet<string>(StringComparer.Ordinal);
        void Add(JsonElement item, params string[] names)
        {
            foreach (var name in names)
            {
                if (item.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s)
                {
                    values.Add(s);
                }
            }
        }
        foreach (var m in (await admin.GetFromJsonAsync<JsonElement>("/api/v1/medicines?pageSize=500")).GetProperty("items").EnumerateArray())
        {
            Add(m, "code", "name", "strength", "form", "category", "unit");
            values.Add(await app.MedicineName(m.GetProperty("code").GetString()!));
        }
        foreach (var f in (await admin.GetFromJsonAsync<JsonElement>("/api/v1/facilities?pageSize=500")).GetProperty("items").EnumerateArray())
        {
            Add(f, "id", "name", "district", "region");
        }
        foreach (var f in (await admin.GetFromJsonAsync<JsonElement>("/api/v1/services?pageSize=500")).GetProperty("items").EnumerateArray())
        {
            Add(f, "facility", "name", "district");
        }
        foreach (var r in (await admin.GetFromJsonAsync<JsonElement>("/api/v1/referrals?pageSize=500")).GetProperty("items").EnumerateArray())
        {
            Add(r, "patientCode", "createdBy");
        }
        foreach (var a in (await admin.GetFromJsonAsync<JsonElement>("/api/v1/alerts?pageSize=200")).GetProperty("items").EnumerateArray())
        {
            Add(a, "acknowledgedBy");
            if (!a.TryGetProperty("messageCode", out var code) || code.ValueKind != JsonValueKind.String)
            {
                Add(a, "message");
            }
        }
        using var http = app.Http();
        foreach (var u in await http.GetFromJsonAsync<JsonElement[]>("/dev/demo-users") ?? [])
        {
            Add(u, "sub");
            foreach (var scope in new[] { "facilities", "districts" })
            {
                foreach (var id in u.GetProperty(scope).EnumerateArray())
                {
                    values.Add(id.GetString()!);
                }
            }
        }
        foreach (var (role, _, _, _) in Screens)
        {
            values.Add($"{role}.i18n");
        }
        values.Add("clinician.i18n");
        values.Add("psychiatrist.i18n");
        values.Add(Plan);
        values.Add(Dose);
        return [.. values];
    }

    private static readonly SemaphoreSlim s_arrange = new(1, 1);

    /// <summary>
    /// Cards in several statuses (so alerts, orders and the heat map have rows), with a signed quantity on the card,
    /// and a referral left unaccepted for ten hours (on the board, in the worklist, with a detail page).
    /// </summary>
    private async Task ArrangeOnce()
    {
        await s_arrange.WaitAsync();
        try
        {
            if (s_backReferred != Guid.Empty)
            {
                return;
            }
            await app.RegisterFacility(Facility, District);
            await app.RegisterFacility(Specialist, District, level: "specialist", services: ["psychiatric_consultation"]);
            var now = app.Clock.GetUtcNow();
            using (var pharmacist = await app.ClientFor("pharmacist", [Facility], sub: "pharmacist.i18n"))
            {
                await pharmacist.PostAccepted(Facility,
                    Api.StockEvent(Medicine, "receipt", 300, now.AddDays(-100)),
                    Api.StockEvent(Medicine, "issue", 30, now.AddDays(-80)),
                    Api.StockEvent(Medicine, "issue", 30, now.AddDays(-50)),
                    Api.StockEvent(Medicine, "issue", 30, now.AddDays(-20)),
                    Api.StockEvent("fluoxetine-cap-20mg", "receipt", 100, now.AddDays(-100)),
                    Api.StockEvent("fluoxetine-cap-20mg", "issue", 90, now.AddDays(-40)),
                    Api.StockEvent("haloperidol-tab-5mg", "receipt", 20, now.AddHours(-3)),
                    Api.StockEvent("haloperidol-tab-5mg", "issue", 20, now.AddHours(-2)),
                    Api.StockEvent("carbamazepine-tab-200mg", "receipt", 50, now.AddHours(-1)));
                // Read back: the cards' rows (and their alerts) are projected before a reader of the facility sees them.
                Assert.Equal("stocked_out", (await pharmacist.StockItem(Facility, "haloperidol-tab-5mg")).GetProperty("status").GetString());
            }
            using var clinician = await app.ClientFor("clinician", [Facility], sub: "clinician.i18n");
            string Code() => $"I18N-{Guid.NewGuid().ToString("N")[..6].ToUpperInvariant()}";
            s_referral = await clinician.Refer(Facility, Specialist, "emergency", now.AddHours(-10), Code());
            // One seen, treated and sent back with a plan: the back-referral and its follow-ups on the detail.
            var back = await clinician.Refer(Facility, Specialist, "routine", now.AddHours(-6), Code());
            using var coordinator = await app.ClientFor("referral_coordinator", districts: [District], sub: "referral_coordinator.i18n");
            using var psychiatrist = await app.ClientFor("clinician", [Specialist], sub: "psychiatrist.i18n");
            foreach (var (client, action, body) in new (HttpClient, string, object)[]
            {
                (coordinator, "receive", new { }), (coordinator, "accept", new { }),
                (coordinator, "book", new { appointmentAt = now.AddHours(-1) }), (coordinator, "attend", new { }),
                (psychiatrist, "back-refer", new
                {
                    diagnosis = "depression", plan = Plan, followUpEveryDays = 30,
                    medicines = new[] { new { medicine = "fluoxetine-cap-20mg", dose = Dose, durationDays = 90 } },
                }),
            })
            {
                var response = await client.PostAsJsonAsync($"/api/v1/referrals/{back}/{action}", body);
                Assert.True(response.IsSuccessStatusCode, $"{action}: {await response.Content.ReadAsStringAsync()}");
            }
            s_backReferred = back;
        }
        finally
        {
            s_arrange.Release();
        }
    }

    private async Task SignInWithToken(BrowserSession session, string role, string[] facilities, string[] districts, string language)
    {
        var token = await app.TokenFor(role, facilities, districts, sub: $"{role}.i18n");
        // The language asked for in the address is kept for the tab; the token comes back as from an identity provider.
        await session.Page.GotoAsync($"/signin?lang={language}#access_token={Uri.EscapeDataString(token)}");
        await Expect(session.Page.Locator("#top .who")).ToContainTextAsync($"{role}.i18n");
    }
}
