using Dapper;
using MhSupply.Stock;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Stock.StockClusterHelpers;

namespace MhSupply.Tests.Stock;

/// <summary>
/// The month-end rows the stock indicators read (mh.stock_card_month): the projection writes one per month of a card,
/// and a rebuild from the whole ledger (after an upgrade or a bulk load) writes the same rows.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CardMonthRowsTests(ClusterFixture fixture)
{
    private const string Medicine = "haloperidol-tab-5mg";

    [Fact]
    public async Task The_projection_writes_each_month_of_a_card_and_a_rebuild_from_the_ledger_writes_the_same_rows()
    {
        const string facility = "card-months";
        await RegisterFacilities(fixture.Database, [facility], district: "card-months-d");
        var grain = fixture.Grains.GetGrain<IFacilityStockGrain>(facility);
        var now = fixture.TestClock.GetUtcNow();
        await grain.Submit(new StockSubmission("t", [
            Event("receipt", 60, now.AddDays(-75)),
            Event("issue", 60, now.AddDays(-50)),      // empty from here
            Event("receipt", 10, now.AddDays(-3)),
        ]));
        await grain.Project();

        var projected = await Rows(facility);
        var first = new DateOnly(now.AddDays(-75).Year, now.AddDays(-75).Month, 1);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var months = Enumerable.Range(0, 5).Select(first.AddMonths).Where(m => m <= today).ToList();
        Assert.Equal(months, projected.Select(r => r.Period));
        Assert.Equal(10, projected[^1].Soh);
        Assert.Equal(today, projected[^1].AsOf);
        Assert.Contains(projected, r => r.Soh == 0 && r.Status == "stocked_out" && r.StockoutDays > 0);

        await using (var connection = await fixture.Database.DataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("DELETE FROM mh.stock_card_month WHERE facility = @facility", new { facility });
        }
        Assert.Equal(projected.Count, await grain.RebuildMonths());
        Assert.Equal(projected, await Rows(facility));
    }

    private async Task<List<Row>> Rows(string facility)
    {
        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<Row>(
            "SELECT period AS Period, as_of AS AsOf, soh AS Soh, status AS Status, stockout_days AS StockoutDays FROM mh.stock_card_month WHERE facility = @facility AND medicine = @Medicine ORDER BY period",
            new { facility, Medicine })).ToList();
    }

    private sealed record Row(DateOnly Period, DateOnly AsOf, int Soh, string Status, int StockoutDays);

    private static StockEventInput Event(string type, int quantity, DateTimeOffset at) =>
        new(Guid.NewGuid(), Medicine, type, quantity, at, null, null, null, null, null);
}
