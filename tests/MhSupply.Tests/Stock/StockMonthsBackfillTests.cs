using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Stock.StockApiHelpers;

namespace MhSupply.Tests.Stock;

/// <summary>
/// The stock-months-backfill job: months with ledger lines but no month-end row (recorded before the indicators'
/// table existed, as after an upgrade) are rebuilt from the ledger, so the old months' indicators come back; a run with
/// nothing missing rebuilds nothing. In the stock-refresh collection: the job looks at every facility of its database.
/// </summary>
[Collection(StockRefreshCollection.Name)]
public sealed class StockMonthsBackfillTests(GatewayFactory gateway)
{
    [Fact]
    public async Task Months_without_rows_are_rebuilt_from_the_ledger_and_their_indicators_come_back()
    {
        var (facility, district) = ("backfill-a", "backfill-a-d");
        var now = gateway.Clock.GetUtcNow();
        var first = new DateTimeOffset(now.Year, now.Month, 1, 12, 0, 0, TimeSpan.Zero).AddMonths(-3); // M-3/01 12:00
        using (var admin = await gateway.ClientFor("admin"))
        {
            // Opened before M-3, so it is expected in the months measured.
            (await admin.PutAsJsonAsync($"/api/v1/facilities/{facility}",
                new { name = facility, level = "phc", district, region = "r", openedOn = DateOnly.FromDateTime(first.AddMonths(-1).UtcDateTime) }))
                .EnsureSuccessStatusCode();
        }
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        await pharmacist.PostAccepted(facility,
            Event("receipt", 90, first),
            Event("issue", 90, first.AddDays(9)),                 // M-3/10: empty, and so to the end of M-3
            Event("receipt", 40, first.AddMonths(1).AddDays(4)), // M-2/05: 40 from here on
            Event("issue", 5, now.AddHours(-1)));
        var oldMonth = $"{first:yyyy-MM}";
        using var manager = await gateway.ClientFor("district_manager", districts: [district]);
        // A reader of indicators brings the facility's projection up to date first, so the rows are there after it.
        var before = await BelowEop(manager, oldMonth, facility);
        Assert.Equal((1m, 1m), before); // at the end of M-3 its one card was at 0: stocked out
        var rows = await Rows(facility);
        Assert.Equal(4, rows.Count); // M-3, M-2, M-1 and the month in progress

        // As a database from before the month rows: the ledger has the lines, the table has nothing for them.
        await using (var connection = await gateway.Database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("DELETE FROM mh.stock_card_month WHERE facility = @facility", new { facility });
        }
        Assert.Equal((0m, 0m), await BelowEop(manager, oldMonth, facility));

        var summary = await Run();
        Assert.Matches(@"^[1-9]\d* facilit(y|ies) missing months, [1-9]\d* card-month row\(s\) rebuilt$", summary);
        Assert.Equal(rows, await Rows(facility));
        Assert.Equal(before, await BelowEop(manager, oldMonth, facility));

        // Every card now has its first month: the next run finds nothing to rebuild.
        Assert.Equal("0 facilities missing months, 0 card-month row(s) rebuilt", await Run());
    }

    /// <summary><c>below_eop_share</c> of the facility in a month (any card counts), as (numerator, denominator).</summary>
    private static async Task<(decimal, decimal)> BelowEop(HttpClient client, string period, string facility)
    {
        var answer = await client.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?period={period}&level=facility&id={facility}");
        var value = answer.GetProperty("values").EnumerateArray().Single(e => e.GetProperty("indicator").GetString() == "below_eop_share"
            && !(e.TryGetProperty("breakdown", out var b) && b.ValueKind == JsonValueKind.Object));
        return (value.GetProperty("numerator").GetDecimal(), value.GetProperty("denominator").GetDecimal());
    }

    private async Task<string> Run()
    {
        using var admin = await gateway.ClientFor("admin");
        var response = await admin.PostAsync("/api/v1/admin/jobs/stock-months-backfill/run", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("summary").GetString()!;
    }

    private async Task<List<(DateOnly Period, int Soh, string Status, int StockoutDays)>> Rows(string facility)
    {
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<(DateOnly, int, string, int)>(
            "SELECT period, soh, status, stockout_days FROM mh.stock_card_month WHERE facility = @facility ORDER BY period, medicine",
            new { facility })).ToList();
    }
}
