using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Stock.StockApiHelpers;

namespace MhSupply.Tests.Stock;

/// <summary>
/// A gateway of its own: these tests move the clock by months and run stock-refresh over every stale facility, and one
/// asserts that a run with nothing stale writes nothing anywhere, which other collections' tests must not disturb.
/// </summary>
[CollectionDefinition(Name)]
public sealed class StockRefreshCollection : ICollectionFixture<GatewayFactory>
{
    public const string Name = "stock-refresh";
}

/// <summary>The stock-refresh job: the read model's figures and card alerts follow the calendar without any event.</summary>
[Collection(StockRefreshCollection.Name)]
public sealed class StockRefreshTests(GatewayFactory gateway)
{
    [Fact]
    public async Task Refresh_brings_the_district_list_to_the_figures_of_today_months_after_the_last_event()
    {
        var m = MoveToMidMonth(); // M/15 12:00 UTC (Stock:TimeZone is UTC here)
        var (facility, district) = ("refresh-a", "refresh-a-d");
        await gateway.RegisterFacility(facility, district);
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var start = m.AddMonths(-3).AddDays(-14); // M-3/01 12:00
        await pharmacist.PostAccepted(facility,
            Event("receipt", 100, start.AddHours(-4)), // M-3/01: 100
            Event("issue", 30, start.AddDays(9)),      // M-3/10: 70
            Event("issue", 30, start.AddMonths(1).AddDays(9)), // M-2/10: 40
            Event("issue", 30, start.AddMonths(2).AddDays(9)), // M-1/10: 10
            Event("issue", 10, m.AddDays(-12)));       // M/03: 0, stocked out from then on
        // As of M/15 (the commit): AMC = (30 + 30 + 30) / 3 = 30 (M-1, M-2, M-3, none with a stock-out day);
        // stock-out days this month = M/03..M/15 = 13.
        var committed = await ListItem(district);
        Assert.Equal((30.0, "stocked_out", 13, Day(m)), Figures(committed));

        var today = m.AddMonths(2).AddDays(-5); // M+2/10 12:00
        gateway.Clock.SetUtcNow(today);
        // Not yet refreshed: the list still says M/15.
        Assert.Equal((30.0, "stocked_out", 13, Day(m)), Figures(await ListItem(district)));

        await RunRefresh();

        // As of M+2/10: M+1 was stocked out all month (no usable consumption, skipped); M consumed 10 in its 2 days with
        // stock (01, 02), adjusted 10 × daysIn(M) / 2; then M-1 and M-2 at 30. AMC = (5 × daysIn(M) + 30 + 30) / 3.
        // Stock-out days this month = M+2/01..M+2/10 = 10.
        var daysInM = DateTime.DaysInMonth(m.Year, m.Month);
        var amc = Math.Round((5.0 * daysInM + 60) / 3, 2);
        var refreshed = await ListItem(district);
        Assert.Equal((amc, "stocked_out", 10, Day(today)), Figures(refreshed));
        using var head = await gateway.ClientFor("facility_head", facilities: [facility]);
        var stock = await head.GetFromJsonAsync<JsonElement>($"/api/v1/facilities/{facility}/stock");
        var live = stock.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("medicine").GetString() == Fluoxetine);
        Assert.Equal(Figures(live, stock.GetProperty("asOf").GetString()), Figures(refreshed));
        Assert.Equal(live.GetProperty("suggestedOrder").GetInt32(), refreshed.GetProperty("suggestedOrder").GetInt32());
    }

    [Fact]
    public async Task A_status_reached_only_by_time_raises_its_alert_on_refresh_and_a_run_with_nothing_stale_changes_nothing()
    {
        var m = MoveToMidMonth(); // M/15 12:00 UTC
        var (facility, district) = ("refresh-b", "refresh-b-d");
        await gateway.RegisterFacility(facility, district);
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var start = m.AddMonths(-3).AddDays(-14); // M-3/01 12:00
        await pharmacist.PostAccepted(facility,
            Event("receipt", 100, start.AddHours(-4)), // M-3/01: 100
            Event("issue", 1, start.AddDays(9)),       // M-3/10: 99
            Event("issue", 1, start.AddMonths(1).AddDays(9)), // M-2/10: 98
            Event("issue", 1, start.AddMonths(2).AddDays(9)), // M-1/10: 97
            Event("issue", 87, m.AddDays(-10)));       // M/05: 10
        // As of M/15: AMC = (1 + 1 + 1) / 3 = 1 (M is not complete yet); MOS = 10 / 1 = 10 > max 3: overstocked, no alert.
        Assert.Equal("overstocked", (await ListItem(district)).GetProperty("status").GetString());
        Assert.Empty(await CardAlerts(facility));

        gateway.Clock.SetUtcNow(m.AddMonths(1).AddDays(-13)); // M+1/02 12:00
        Assert.Empty(await CardAlerts(facility));

        await RunRefresh();

        // As of M+1/02: M is complete and enters the basis. AMC = (87 + 1 + 1) / 3 = 29.67; MOS = 10 / 29.67 = 0.34 < EOP 0.5
        // (PHC): below_eop, and its alert is raised by the refresh.
        var item = await ListItem(district);
        Assert.Equal(("below_eop", 29.67, 0.34), (item.GetProperty("status").GetString(), item.GetProperty("amc").GetDouble(),
            item.GetProperty("mos").GetDouble()));
        var alert = Assert.Single(await CardAlerts(facility));
        Assert.Equal(("below_eop", "open"), (alert.GetProperty("kind").GetString(), alert.GetProperty("status").GetString()));
        // Raised by the calendar, not by the pharmacist who reported last: the job is the actor of record.
        using (var admin = await gateway.ClientFor("admin"))
        {
            var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/alerts/{alert.GetProperty("id").GetString()}");
            var raised = detail.GetProperty("history").EnumerateArray().Single(h => h.GetProperty("change").GetString() == "raised");
            Assert.Equal("stock-refresh", raised.GetProperty("by").GetString());
        }

        // Same day again: no row is older than today, so nothing is rewritten and no alert changes, here or anywhere.
        var (changes, rows) = await Snapshot();
        var summary = await RunRefresh();
        Assert.StartsWith("0 stale facilities", summary);
        Assert.Equal((changes, rows), await Snapshot());
    }

    /// <summary>Moves the clock forward to the 15th, 12:00 UTC, of the month after the clock's: a fixed point in a month.</summary>
    private DateTimeOffset MoveToMidMonth()
    {
        var now = gateway.Clock.GetUtcNow();
        var at = new DateTimeOffset(now.Year, now.Month, 1, 12, 0, 0, TimeSpan.Zero).AddMonths(1).AddDays(14);
        gateway.Clock.SetUtcNow(at);
        return at;
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd");

    private static (double Amc, string? Status, int StockoutDays, string? AsOf) Figures(JsonElement item, string? asOf = null) =>
        (item.GetProperty("amc").GetDouble(), item.GetProperty("status").GetString(), item.GetProperty("stockoutDaysThisMonth").GetInt32(),
            asOf ?? item.GetProperty("asOf").GetString());

    /// <summary>The district's single card in GET /api/v1/stock (the read model).</summary>
    private async Task<JsonElement> ListItem(string district)
    {
        using var manager = await gateway.ClientFor("district_manager", districts: [district]);
        var page = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/stock?district={district}");
        return Assert.Single(page.GetProperty("items").EnumerateArray().ToList());
    }

    private async Task<List<JsonElement>> CardAlerts(string facility)
    {
        using var admin = await gateway.ClientFor("admin");
        return (await admin.AlertItems($"?facility={facility}"))
            .Where(a => a.GetProperty("kind").GetString() is "stock_out" or "below_eop").ToList();
    }

    private async Task<string> RunRefresh()
    {
        using var admin = await gateway.ClientFor("admin");
        var response = await admin.PostAsync("/api/v1/admin/jobs/stock-refresh/run", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary").GetString()!;
    }

    /// <summary>Every alert change, and every read-model row with its write time.</summary>
    private async Task<(long Changes, string Rows)> Snapshot()
    {
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        var changes = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM mh.alert_change");
        var rows = await connection.ExecuteScalarAsync<string>(
            "SELECT string_agg(facility || '/' || medicine || '@' || updated_at::text, ',' ORDER BY facility, medicine) FROM mh.stock_card");
        return (changes, rows ?? "");
    }
}
