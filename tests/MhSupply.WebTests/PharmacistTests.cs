using System.Net.Http.Json;
using System.Text;
using Dapper;
using MhSupply.WebTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MhSupply.WebTests;

/// <summary>
/// The pharmacist of Camp A (demo user pharmacist.campa) on a 360 px phone. Each test works on its own medicine, so the
/// tests share the facility without seeing each other's stock.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class PharmacistTests(WebAppFixture app)
{
    private const string Facility = "phc-camp-a";
    private const string User = "pharmacist.campa";

    private async Task<BrowserSession> SignedIn(Action<BrowserNewContextOptions>? configure = null)
    {
        var session = await app.OpenAsync(Browsing.Phone, configure);
        await session.SignInAsync(User, "stock.title");
        return session;
    }

    private static async Task ReportAsync(BrowserSession session, string medicine, string typeKey, int quantity)
    {
        await session.Field("report.medicine").SelectOptionAsync(medicine);
        await session.Radio(typeKey).CheckAsync();
        await session.Field("report.quantity").FillAsync(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await session.Button("report.submit").ClickAsync();
    }

    private async Task<long> LedgerCount(string medicine)
    {
        await using var connection = await app.Database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM mh.stock_event WHERE facility = @Facility AND medicine = @medicine", new { Facility, medicine });
    }

    [Fact]
    public async Task A_receipt_and_an_issue_reported_on_the_form_change_on_hand_and_status_on_the_stock_list()
    {
        const string medicine = "clozapine-tab-100mg";
        var name = await app.MedicineName(medicine);
        await using var session = await SignedIn();
        var page = session.Page;
        await page.AssertNoHorizontalOverflowAsync("stock list");

        await session.NavigateAsync("nav.report", "report.title");
        await ReportAsync(session, medicine, "type.receipt", 120);
        await Expect(session.Content().GetByText(session.Text["report.savedSending"])).ToBeVisibleAsync();
        await Expect(page.Locator(".outcomes").GetByText(session.Text["outcome.accepted"])).ToHaveCountAsync(1);
        await app.ScreenshotAsync(page, "pharmacist", "report");
        await page.AssertControlsLabelledAsync("report form");
        await page.AssertNoHorizontalOverflowAsync("report form");

        await session.NavigateAsync("nav.stock", "stock.title");
        var stock = page.GetByRole(AriaRole.Table, new() { Name = session.Text["stock.caption"] });
        var onHand = await stock.CellAsync(name, session.Text["stock.colSoh"]);
        await Expect(onHand).ToHaveTextAsync("120");
        await Expect(stock.Row(name)).Not.ToContainTextAsync(session.Text["status.stocked_out"]);

        await session.NavigateAsync("nav.report", "report.title");
        await ReportAsync(session, medicine, "type.issue", 120);
        await Expect(page.Locator(".outcomes").GetByText(session.Text["outcome.accepted"])).ToHaveCountAsync(2);

        await session.NavigateAsync("nav.stock", "stock.title");
        await Expect(await stock.CellAsync(name, session.Text["stock.colSoh"])).ToHaveTextAsync("0");
        await Expect(stock.Row(name)).ToContainTextAsync(session.Text["status.stocked_out"]);
        await app.ScreenshotAsync(page, "pharmacist", "stock");
        Assert.Equal(2, await LedgerCount(medicine));
    }

    [Fact]
    public async Task The_monthly_count_sheet_records_what_was_counted()
    {
        const string medicine = "lamotrigine-tab-100mg";
        var name = await app.MedicineName(medicine);
        using (var api = await app.ClientFor("pharmacist", [Facility]))
        {
            await api.PostAccepted(Facility, Api.StockEvent(medicine, "receipt", 50, DateTimeOffset.UtcNow.AddHours(-2)));
        }
        await using var session = await SignedIn();
        var page = session.Page;

        await session.NavigateAsync("nav.count", "count.title");
        var sheet = page.GetByRole(AriaRole.Table, new() { Name = session.Text["count.caption"] });
        await Expect(await sheet.CellAsync(name, session.Text["count.colExpected"])).ToHaveTextAsync("50");
        await page.GetByLabel(name, new() { Exact = true }).FillAsync("47");
        await app.ScreenshotAsync(page, "pharmacist", "count");
        await page.AssertControlsLabelledAsync("count sheet");
        await page.AssertNoHorizontalOverflowAsync("count sheet");
        await session.Button("count.submit").ClickAsync();

        await Expect(session.Content().GetByText(session.Text.Format("count.saved", ("n", 1)))).ToBeVisibleAsync();
        await Expect(page.Locator(".outcomes").GetByText(session.Text["outcome.accepted"])).ToHaveCountAsync(1);
        await session.NavigateAsync("nav.stock", "stock.title");
        var stock = page.GetByRole(AriaRole.Table, new() { Name = session.Text["stock.caption"] });
        await Expect(await stock.CellAsync(name, session.Text["stock.colSoh"])).ToHaveTextAsync("47");
    }

    [Fact]
    public async Task A_CSV_upload_shows_each_rows_outcome_and_a_bad_row_does_not_stop_the_good_ones()
    {
        const string medicine = "levetiracetam-tab-500mg";
        var at = DateTimeOffset.UtcNow.AddHours(-3).ToString("O");
        var csv = new StringBuilder("id,medicine,type,quantity,occurredAt,reason,lot,expiry,otherFacility,note\n")
            .Append($"{Guid.NewGuid()},{medicine},receipt,200,{at},,,,,\n")
            .Append($"{Guid.NewGuid()},{medicine},issue,30,{at},,,,,\n")
            .Append($"{Guid.NewGuid()},{medicine},issue,9999,{at},,,,,\n")
            .ToString();
        await using var session = await SignedIn();
        var page = session.Page;

        await session.NavigateAsync("nav.upload", "upload.title");
        await session.Field("upload.file").SetInputFilesAsync(new FilePayload { Name = "events.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await session.Button("upload.submit").ClickAsync();

        await Expect(session.Content().GetByText(session.Text.Format("upload.done", ("accepted", 2), ("duplicate", 0), ("rejected", 1)))).ToBeVisibleAsync();
        var rows = page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row);
        // The header row, then one row per data line (numbered as lines of the file: 2, 3, 4).
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(rows.Nth(1)).ToContainTextAsync(session.Text["outcome.accepted"]);
        await Expect(rows.Nth(2)).ToContainTextAsync(session.Text["outcome.accepted"]);
        await Expect(rows.Nth(3)).ToContainTextAsync(session.Text["outcome.rejected"]);
        // In plain words with the figures written as the reader writes them (not "balance negative", not an ISO day).
        await Expect(rows.Nth(3)).ToContainTextAsync("Only 170 on hand on ");
        await Expect(rows.Nth(3)).ToContainTextAsync("this issue of 9,999 would leave -9,829");
        await Expect(rows.Nth(3)).Not.ToContainTextAsync(DateTimeOffset.UtcNow.AddHours(-3).ToString("yyyy-MM-dd"));
        await app.ScreenshotAsync(page, "pharmacist", "upload");
        await page.AssertControlsLabelledAsync("CSV upload");
        await page.AssertNoHorizontalOverflowAsync("CSV upload");
        Assert.Equal(2, await LedgerCount(medicine));
    }

    [Fact]
    public async Task A_report_made_offline_is_queued_and_synced_when_back_online_once()
    {
        const string medicine = "risperidone-tab-2mg";
        await using var session = await SignedIn();
        var page = session.Page;
        await session.NavigateAsync("nav.report", "report.title");

        await page.Context.SetOfflineAsync(true);
        await ReportAsync(session, medicine, "type.receipt", 60);

        await Expect(session.Content().GetByText(session.Text["report.savedOffline"])).ToBeVisibleAsync();
        var banner = page.Locator("#queue-banner");
        await Expect(banner.GetByText(session.Text["queue.offlineShort"])).ToBeVisibleAsync();
        await Expect(banner.GetByText(session.Text["queue.waitingOne"])).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "pharmacist", "offline-queued");
        Assert.Equal(0, await LedgerCount(medicine));

        await page.Context.SetOfflineAsync(false);

        await Expect(banner.GetByText(session.Text.Format("queue.synced", ("accepted", 1), ("duplicate", 0), ("rejected", 0)))).ToBeVisibleAsync();
        await session.NavigateAsync("nav.outbox", "outbox.title");
        await Expect(page.Locator(".outcomes").GetByText(session.Text["outcome.accepted"])).ToHaveCountAsync(1);
        await app.ScreenshotAsync(page, "pharmacist", "outbox");
        await page.AssertNoHorizontalOverflowAsync("sent reports");
        Assert.Equal(1, await LedgerCount(medicine));
    }

    [Fact]
    public async Task A_report_whose_answer_was_lost_is_sent_again_and_recorded_once_as_a_duplicate()
    {
        const string medicine = "phenytoin-tab-100mg";
        // Service workers off: the route below must see the page's own request.
        await using var session = await SignedIn(o => o.ServiceWorkers = ServiceWorkerPolicy.Block);
        var page = session.Page;
        await session.NavigateAsync("nav.report", "report.title");
        // The request reaches the server and is committed; the answer never reaches the phone.
        var committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/stock-events", async route =>
        {
            await route.FetchAsync();
            await route.AbortAsync("internetdisconnected");
            committed.SetResult();
        }, new() { Times = 1 });

        await ReportAsync(session, medicine, "type.receipt", 40);

        await committed.Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(1, await LedgerCount(medicine));

        // The report stays in the outbox; it is sent again by itself (back-off from 5 s) and the server answers the
        // known id as a duplicate: the phone learns the outcome, the ledger keeps one event.
        var banner = page.Locator("#queue-banner");

        await Expect(banner.GetByText(session.Text.Format("queue.synced", ("accepted", 0), ("duplicate", 1), ("rejected", 0)))).ToBeVisibleAsync();
        await Expect(page.Locator(".outcomes").GetByText(session.Text["outcome.duplicate"])).ToHaveCountAsync(1);
        Assert.Equal(1, await LedgerCount(medicine));
    }

    [Fact]
    public async Task The_stock_card_shows_running_balances_and_a_chart_with_the_min_max_band()
    {
        const string medicine = "valproate-sodium-tab-200mg";
        var name = await app.MedicineName(medicine);
        // Four months of history, so the average monthly consumption (and the band it sets) is known.
        var start = DateTimeOffset.UtcNow.AddDays(-120);
        var events = new List<object> { Api.StockEvent(medicine, "receipt", 600, start) };
        for (var week = 1; week <= 16; week++)
        {
            events.Add(Api.StockEvent(medicine, "issue", 25, start.AddDays(week * 7)));
        }
        using (var api = await app.ClientFor("pharmacist", [Facility]))
        {
            await api.PostAccepted(Facility, events.ToArray());
        }
        await using var session = await SignedIn();
        var page = session.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();

        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = session.Text.Format("card.title", ("medicine", name)), Level = 1 }))
            .ToBeVisibleAsync();
        var chart = page.GetByRole(AriaRole.Img, new() { Name = session.Text["card.chartTitle"] });
        await Expect(chart).ToBeVisibleAsync();
        await Expect(chart.Locator("rect.band")).ToHaveCountAsync(1);
        await Expect(chart.Locator("path.soh")).ToHaveCountAsync(1);
        var table = page.GetByRole(AriaRole.Table, new() { Name = session.Text["card.caption"] });
        var lines = table.GetByRole(AriaRole.Row);
        var type = await table.ColumnAsync(session.Text["card.colType"]);
        var balance = await table.ColumnAsync(session.Text["card.colBalance"]);
        // Newest first, after the header row: the top line's balance is what is on hand now (600 - 16 × 25), and the
        // balance runs back down the table to the receipt that opened the card.
        await Expect(lines).ToHaveCountAsync(1 + events.Count);
        await Expect(lines.Nth(1).Cells().Nth(type)).ToHaveTextAsync(session.Text["type.issue"]);
        await Expect(lines.Nth(1).Cells().Nth(balance)).ToHaveTextAsync("200");
        await Expect(lines.Nth(2).Cells().Nth(balance)).ToHaveTextAsync("225");
        await Expect(lines.Last.Cells().Nth(type)).ToHaveTextAsync(session.Text["type.receipt"]);
        await Expect(lines.Last.Cells().Nth(balance)).ToHaveTextAsync("600");
        await app.ScreenshotAsync(page, "pharmacist", "stock-card");
        await page.AssertNoHorizontalOverflowAsync("stock card");
    }

    /// <summary>Today as the phone shows a date (en-GB, "2 Dec 2026"), asked of the browser so the test and the app agree.</summary>
    private static Task<string> ShownDate(IPage page, int addDays = 0) =>
        page.EvaluateAsync<string>($"() => new Intl.DateTimeFormat('en-GB', {{ year: 'numeric', month: 'short', day: 'numeric' }}).format(new Date(Date.now() + {addDays} * 86400000))");

    [Fact]
    public async Task The_report_form_shows_on_hand_and_refuses_an_issue_above_it_and_a_future_date_on_the_device_keeping_what_was_typed()
    {
        const string medicine = "phenobarbital-tab-30mg";
        using (var api = await app.ClientFor("pharmacist", [Facility]))
        {
            await api.PostAccepted(Facility, new { id = Guid.NewGuid(), medicine, type = "receipt", quantity = 24, occurredAt = DateTimeOffset.UtcNow.AddDays(-3),
                lot = "PB-7", expiry = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(400)) });
        }
        await using var session = await SignedIn();
        var page = session.Page;
        await session.NavigateAsync("nav.report", "report.title");
        var today = await ShownDate(page);

        await session.Field("report.medicine").SelectOptionAsync(medicine);
        await Expect(page.Locator("#stock-facts")).ToContainTextAsync(session.Text.Format("report.onHandOn", ("n", 24), ("date", today)));
        await Expect(page.Locator("#stock-facts")).ToContainTextAsync("PB-7");
        await session.Radio("type.issue").CheckAsync();
        await session.Field("report.quantity").FillAsync("9999");
        await session.Button("report.submit").ClickAsync();

        var alert = session.Content().GetByRole(AriaRole.Alert).Filter(new() { HasText = session.Text.Format("report.onlyOnHand", ("n", 24), ("date", today)) });
        await Expect(alert).ToBeVisibleAsync();
        await Expect(session.Field("report.quantity")).ToBeFocusedAsync();
        await Expect(session.Field("report.quantity")).ToHaveValueAsync("9999");
        await Expect(session.Field("report.quantity")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(session.Content().GetByText(session.Text["report.savedSending"])).ToHaveCountAsync(0);
        await app.ScreenshotAsync(page, "pharmacist", "report-refused");

        // A date in the future (typed, past the picker's max) is refused by name, with the day.
        await session.Field("report.quantity").FillAsync("4");
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await session.Field("report.date").FillAsync(tomorrow);
        await session.Button("report.submit").ClickAsync();
        await Expect(session.Content().GetByRole(AriaRole.Alert).Filter(new() { HasText = session.Text.Format("report.futureDate", ("date", await ShownDate(page, 1)), ("today", today)) })).ToBeVisibleAsync();
        await Expect(session.Field("report.date")).ToBeFocusedAsync();
        await Expect(session.Field("report.quantity")).ToHaveValueAsync("4");
        Assert.Equal(1, await LedgerCount(medicine));

        // Within stock on hand, on today's date, it is saved and accepted.
        await session.Field("report.date").FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await session.Button("report.submit").ClickAsync();
        await Expect(session.Content().GetByText(session.Text["report.savedSending"])).ToBeVisibleAsync();
        await Expect(page.Locator(".outcomes").GetByText(session.Text["outcome.accepted"])).ToHaveCountAsync(1);
        Assert.Equal(2, await LedgerCount(medicine));
    }

    [Fact]
    public async Task A_receipt_asks_for_the_lot_of_a_typed_expiry_and_confirmation_of_an_expired_lot()
    {
        const string medicine = "valproate-sodium-tab-500mg";
        await using var session = await SignedIn();
        var page = session.Page;
        await session.NavigateAsync("nav.report", "report.title");
        await session.Field("report.medicine").SelectOptionAsync(medicine);
        await session.Radio("type.receipt").CheckAsync();
        await session.Field("report.quantity").FillAsync("50");
        await session.Field("report.expiry").FillAsync("2020-01-01");
        await session.Button("report.submit").ClickAsync();

        // The expiry is not dropped: the device asks for its lot.
        await Expect(session.Content().GetByRole(AriaRole.Alert).Filter(new() { HasText = session.Text["report.expiryNeedsLot"] })).ToBeVisibleAsync();
        await Expect(session.Field("report.lot")).ToBeFocusedAsync();
        await Expect(session.Field("report.expiry")).ToHaveValueAsync("2020-01-01");

        await session.Field("report.lot").FillAsync("OLD-1");
        await session.Button("report.submit").ClickAsync();
        await Expect(session.Content().GetByRole(AriaRole.Alert).Filter(new() { HasText = session.Text.Format("report.expiredLot", ("date", "1 Jan 2020")) })).ToBeVisibleAsync();
        var confirm = page.GetByLabel(session.Text["report.confirmExpired"]);
        await Expect(confirm).ToBeFocusedAsync();
        Assert.Equal(0, await LedgerCount(medicine));

        await confirm.CheckAsync();
        await session.Button("report.submit").ClickAsync();
        await Expect(page.Locator(".outcomes").GetByText(session.Text["outcome.accepted"])).ToHaveCountAsync(1);
        await using var connection = await app.Database.DataSource.OpenConnectionAsync();
        var lot = await connection.ExecuteScalarAsync<string>(
            "SELECT lot FROM mh.stock_event WHERE facility = @Facility AND medicine = @medicine", new { Facility, medicine });
        Assert.Equal("OLD-1", lot);
    }

    [Fact]
    public async Task The_count_sheet_counts_per_lot_and_shows_the_difference_before_saving()
    {
        const string medicine = "carbamazepine-tab-100mg";
        var name = await app.MedicineName(medicine);
        var expiry = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(300));
        using (var api = await app.ClientFor("pharmacist", [Facility]))
        {
            var at = DateTimeOffset.UtcNow.AddHours(-5);
            await api.PostAccepted(Facility,
                new { id = Guid.NewGuid(), medicine, type = "receipt", quantity = 30, occurredAt = at, lot = "CB-1", expiry },
                new { id = Guid.NewGuid(), medicine, type = "receipt", quantity = 10, occurredAt = at });
        }
        await using var session = await SignedIn();
        var page = session.Page;
        await session.NavigateAsync("nav.count", "count.title");
        var expiryText = await page.EvaluateAsync<string>($"() => new Intl.DateTimeFormat('en-GB', {{ year: 'numeric', month: 'short', day: 'numeric' }}).format(new Date('{expiry:yyyy-MM-dd}T00:00:00'))");
        var lotRow = session.Text.Format("count.lotRow", ("medicine", name), ("lot", "CB-1"), ("expiry", expiryText));
        var noLotRow = session.Text.Format("count.noLotRow", ("medicine", name));
        var sheet = page.GetByRole(AriaRole.Table, new() { Name = session.Text["count.caption"] });
        await Expect(await sheet.CellAsync(lotRow, session.Text["count.colExpected"])).ToHaveTextAsync("30");
        await Expect(await sheet.CellAsync(noLotRow, session.Text["count.colExpected"])).ToHaveTextAsync("10");

        await page.GetByLabel(lotRow, new() { Exact = true }).FillAsync("28");
        await Expect(await sheet.CellAsync(lotRow, session.Text["count.colVariance"])).ToHaveTextAsync(session.Text.Format("count.fewer", ("n", 2)));
        await page.GetByLabel(noLotRow, new() { Exact = true }).FillAsync("13");
        await Expect(await sheet.CellAsync(noLotRow, session.Text["count.colVariance"])).ToHaveTextAsync(session.Text.Format("count.more", ("n", 3)));
        await app.ScreenshotAsync(page, "pharmacist", "count-lots");
        await session.Button("count.submit").ClickAsync();
        await Expect(page.Locator(".outcomes").GetByText(session.Text["outcome.accepted"])).ToHaveCountAsync(2);

        using var check = await app.ClientFor("pharmacist", [Facility]);
        var item = await check.StockItem(Facility, medicine);
        Assert.Equal(41, item.GetProperty("soh").GetInt32());
        var lot = item.GetProperty("lots").EnumerateArray().Single(l => l.GetProperty("lot").GetString() == "CB-1");
        Assert.Equal(28, lot.GetProperty("soh").GetInt32());
    }

    [Fact]
    public async Task A_backdated_issue_the_server_refuses_comes_back_into_the_form_with_the_reason_by_its_field()
    {
        const string medicine = "fluphenazine-depot-inj-25mg-ml";
        using (var api = await app.ClientFor("pharmacist", [Facility]))
        {
            // 24 on hand five days ago; 20 of them dispensed since: a backdated issue of 10 fits that day but breaks today.
            await api.PostAccepted(Facility, Api.StockEvent(medicine, "receipt", 24, DateTimeOffset.UtcNow.AddDays(-6)),
                Api.StockEvent(medicine, "issue", 20, DateTimeOffset.UtcNow.AddDays(-1)));
        }
        await using var session = await SignedIn();
        var page = session.Page;
        await session.NavigateAsync("nav.report", "report.title");
        var day = DateTime.UtcNow.AddDays(-5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await session.Field("report.medicine").SelectOptionAsync(medicine);
        await session.Field("report.date").FillAsync(day);
        await Expect(page.Locator("#stock-facts")).ToContainTextAsync(session.Text.Format("report.onHandOn", ("n", 24), ("date", await ShownDate(page, -5))));
        await session.Radio("type.issue").CheckAsync();
        await session.Field("report.quantity").FillAsync("10");
        await session.Button("report.submit").ClickAsync();

        await Expect(page.Locator(".outcomes").GetByText(session.Text["outcome.rejected"])).ToHaveCountAsync(1);
        var alert = session.Content().GetByRole(AriaRole.Alert).Filter(new() { HasText = session.Text["report.rejected"] });
        await Expect(alert).ToBeVisibleAsync();
        await Expect(session.Field("report.quantity")).ToHaveValueAsync("10");
        await Expect(session.Field("report.date")).ToHaveValueAsync(day);
        await Expect(session.Field("report.medicine")).ToHaveValueAsync(medicine);
        await app.ScreenshotAsync(page, "pharmacist", "report-server-refused");
        Assert.Equal(2, await LedgerCount(medicine));
    }

    [Fact]
    public async Task Offline_the_form_counts_a_receipt_waiting_on_the_device_before_refusing_an_issue()
    {
        const string medicine = "amitriptyline-tab-75mg";
        await using var session = await SignedIn();
        var page = session.Page;
        await session.NavigateAsync("nav.report", "report.title");
        var today = await ShownDate(page);
        await page.Context.SetOfflineAsync(true);

        await ReportAsync(session, medicine, "type.receipt", 30);
        await Expect(session.Content().GetByText(session.Text["report.savedOffline"])).ToBeVisibleAsync();
        await Expect(page.Locator("#stock-facts")).ToContainTextAsync(session.Text.Format("report.onHandOn", ("n", 30), ("date", today)));
        await ReportAsync(session, medicine, "type.issue", 50);
        await Expect(session.Content().GetByRole(AriaRole.Alert).Filter(new() { HasText = session.Text.Format("report.onlyOnHand", ("n", 30), ("date", today)) })).ToBeVisibleAsync();
        await ReportAsync(session, medicine, "type.issue", 20);
        await Expect(page.Locator("#queue-banner").GetByText(session.Text.Format("queue.waiting", ("n", 2)))).ToBeVisibleAsync();
        Assert.Equal(0, await LedgerCount(medicine));

        await page.Context.SetOfflineAsync(false);
        await Expect(page.Locator(".outcomes").GetByText(session.Text["outcome.accepted"])).ToHaveCountAsync(2);
        await Expect(page.Locator("#stock-facts")).ToContainTextAsync(session.Text.Format("report.onHandOn", ("n", 10), ("date", today)));
        Assert.Equal(2, await LedgerCount(medicine));
    }

    [Fact]
    public async Task The_report_form_refuses_a_debit_adjustment_above_on_hand_and_takes_a_credit_one_with_the_servers_reasons()
    {
        // Which reasons take stock off the shelf comes from /app-config.json (the server's AdjustmentReasons), not a copy.
        const string medicine = "buprenorphine-sl-tab-8mg";
        using (var api = await app.ClientFor("pharmacist", [Facility]))
        {
            await api.PostAccepted(Facility, new { id = Guid.NewGuid(), medicine, type = "receipt", quantity = 24, occurredAt = DateTimeOffset.UtcNow.AddDays(-3) });
        }
        await using var session = await SignedIn();
        var page = session.Page;
        await session.NavigateAsync("nav.report", "report.title");
        var today = await ShownDate(page);
        await session.Field("report.medicine").SelectOptionAsync(medicine);
        await Expect(page.Locator("#stock-facts")).ToContainTextAsync(session.Text.Format("report.onHandOn", ("n", 24), ("date", today)));
        await session.Radio("type.adjustment").CheckAsync();
        await session.Field("report.reason").SelectOptionAsync("damaged");
        await session.Field("report.quantity").FillAsync("30");
        await session.Button("report.submit").ClickAsync();

        var refused = session.Content().GetByRole(AriaRole.Alert).Filter(new() { HasText = session.Text.Format("report.onlyOnHand", ("n", 24), ("date", today)) });
        await Expect(refused).ToBeVisibleAsync();
        Assert.Equal(1, await LedgerCount(medicine));

        // Found stock comes back onto the shelf: nothing to exceed, it is saved.
        await session.Field("report.reason").SelectOptionAsync("found");
        await session.Button("report.submit").ClickAsync();
        await Expect(page.Locator(".outcomes").GetByText(session.Text["outcome.accepted"])).ToHaveCountAsync(1);
        Assert.Equal(2, await LedgerCount(medicine));
    }

    [Fact]
    public async Task A_reason_an_admin_adds_is_offered_by_its_name_takes_stock_off_and_names_the_card_line()
    {
        // Adjustment reasons are the server's catalogue: one added by an admin appears in the form under its name, an
        // inactive one does not, and the card shows the line with the name and a minus sign.
        const string medicine = "chlorpromazine-oral-liquid-5mg-ml";
        using (var admin = await app.ClientFor("admin"))
        {
            (await admin.PutAsJsonAsync("/api/v1/adjustment-reasons/web-cold-chain",
                new { name = "Cold chain failure", direction = "debit", category = "damage" })).EnsureSuccessStatusCode();
            (await admin.PutAsJsonAsync("/api/v1/adjustment-reasons/web-retired",
                new { name = "Retired reason", direction = "debit", category = "other", active = false })).EnsureSuccessStatusCode();
        }
        using (var api = await app.ClientFor("pharmacist", [Facility]))
        {
            await api.PostAccepted(Facility, new { id = Guid.NewGuid(), medicine, type = "receipt", quantity = 40, occurredAt = DateTimeOffset.UtcNow.AddDays(-3) });
        }
        await using var session = await SignedIn();
        var page = session.Page;
        await session.NavigateAsync("nav.report", "report.title");
        var today = await ShownDate(page);
        await session.Field("report.medicine").SelectOptionAsync(medicine);
        await session.Radio("type.adjustment").CheckAsync();
        var reasons = session.Field("report.reason");
        await Expect(reasons.Locator("option[value='web-cold-chain']")).ToHaveTextAsync("Cold chain failure");
        await Expect(reasons.Locator("option[value='web-retired']")).ToHaveCountAsync(0);

        // A debit: more than is on hand is refused on the device; within it, saved.
        await reasons.SelectOptionAsync("web-cold-chain");
        await session.Field("report.quantity").FillAsync("50");
        await session.Button("report.submit").ClickAsync();
        await Expect(session.Content().GetByRole(AriaRole.Alert).Filter(new() { HasText = session.Text.Format("report.onlyOnHand", ("n", 40), ("date", today)) }))
            .ToBeVisibleAsync();
        await session.Field("report.quantity").FillAsync("15");
        await session.Button("report.submit").ClickAsync();
        await Expect(page.Locator(".outcomes").GetByText(session.Text["outcome.accepted"])).ToHaveCountAsync(1);

        await page.GotoAsync($"{app.BaseUrl}/stock/{medicine}");
        var table = page.GetByRole(AriaRole.Table, new() { Name = session.Text["card.caption"] });
        var top = table.GetByRole(AriaRole.Row).Nth(1);
        await Expect(top).ToContainTextAsync("Cold chain failure");
        await Expect(top.Cells().Nth(await table.ColumnAsync(session.Text["card.colQuantity"]))).ToHaveTextAsync("−15");
        await Expect(top.Cells().Nth(await table.ColumnAsync(session.Text["card.colBalance"]))).ToHaveTextAsync("25");

        // The admin's page lists the catalogue in words: what each reason does to stock, its category, whether it is offered.
        await using var adminPage = await app.OpenAsync(Browsing.Phone);
        await adminPage.SignInAsync("admin", "admin.title");
        var catalogue = adminPage.Page.GetByRole(AriaRole.Table, new() { Name = adminPage.Text["admin.reasonsCaption"] });
        var added = catalogue.GetByRole(AriaRole.Row).Filter(new() { HasText = "Cold chain failure" });
        await Expect(added).ToContainTextAsync(adminPage.Text["direction.debit"]);
        await Expect(added).ToContainTextAsync(adminPage.Text["reasonCategory.damage"]);
        await Expect(added.Cells().Nth(await catalogue.ColumnAsync(adminPage.Text["admin.colActive"]))).ToHaveTextAsync(adminPage.Text["common.yes"]);
        var retired = catalogue.GetByRole(AriaRole.Row).Filter(new() { HasText = "Retired reason" });
        await Expect(retired.Cells().Nth(await catalogue.ColumnAsync(adminPage.Text["admin.colActive"]))).ToHaveTextAsync(adminPage.Text["common.no"]);
        await Expect(catalogue.GetByRole(AriaRole.Row).Filter(new() { HasText = adminPage.Text["reason.found"] })).ToContainTextAsync(adminPage.Text["direction.credit"]);
    }
}
