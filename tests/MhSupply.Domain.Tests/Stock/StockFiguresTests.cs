using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

public sealed class StockFiguresTests
{
    /// <summary>
    /// January: 300 received, nothing issued (consumption 0). February (28 days): 90 issued. March: the last 210 issued on
    /// the 1st, stocked out all month. April: 500 received, 120 issued. May: 150 issued. Stock on hand 230.
    /// </summary>
    private static StockCard FiveMonths() => Given.Card(
        Given.Receipt(300, "2025-01-01"),
        Given.Issue(90, "2025-02-10"),
        Given.Issue(210, "2025-03-01"),
        Given.Receipt(500, "2025-04-01"),
        Given.Issue(120, "2025-04-15"),
        Given.Issue(150, "2025-05-15"));

    [Fact]
    public void AMC_averages_the_last_three_months_with_data_skipping_a_month_stocked_out_throughout()
    {
        var figures = StockCalculator.Compute(FiveMonths(), Given.Day("2025-06-15"), StockPolicy.Phc);

        // March is skipped, so the months are May, April and February: (150 + 120 + 90) ÷ 3 = 120
        Assert.Equal([(2025, 5), (2025, 4), (2025, 2)], figures.AmcBasis.Select(m => (m.Year, m.Month)));
        Assert.Equal(120m, figures.Amc);
        Assert.Equal(230, figures.Soh);
        // 230 ÷ 120 = 1.9166…: between min 1 and max 3
        Assert.Equal(Math.Round(230m / 120m, 10), figures.Mos);
        Assert.Equal(StockStatus.Ok, figures.Status);
        // 3 × 120 − 230 = 130
        Assert.Equal(130, figures.SuggestedOrder);
    }

    [Fact]
    public void A_late_issue_in_a_month_already_averaged_changes_AMC_when_figures_are_computed_again()
    {
        var card = FiveMonths();
        Assert.Equal(120m, StockCalculator.Compute(card, Given.Day("2025-06-15"), StockPolicy.Phc).Amc);

        // A dispensing register found late: 30 more issued in April. April was averaged a moment ago; it must be counted
        // again: (150 + 150 + 90) ÷ 3 = 130.
        Assert.True(card.TryAdd(Given.Issue(30, "2025-04-20")).IsAccepted);
        var figures = StockCalculator.Compute(card, Given.Day("2025-06-15"), StockPolicy.Phc);

        Assert.Equal(130m, figures.Amc);
        Assert.Equal(150L, figures.AmcBasis.Single(m => m.Month == 4).Consumption);
        Assert.Equal(200, figures.Soh);
    }

    [Fact]
    public void An_event_this_month_leaves_the_averaged_months_as_they_were()
    {
        var card = FiveMonths();
        var before = StockCalculator.Compute(card, Given.Day("2025-06-15"), StockPolicy.Phc);

        Assert.True(card.TryAdd(Given.Issue(30, "2025-06-10")).IsAccepted);
        var after = StockCalculator.Compute(card, Given.Day("2025-06-15"), StockPolicy.Phc);

        Assert.Equal(before.Amc, after.Amc);
        Assert.Equal(before.AmcBasis, after.AmcBasis);
        Assert.Equal(200, after.Soh);
    }

    [Fact]
    public void AMC_over_fewer_months_takes_only_the_newest()
    {
        var options = new StockCalculationOptions { AmcMonths = 1 };

        var figures = StockCalculator.Compute(FiveMonths(), Given.Day("2025-06-15"), StockPolicy.Phc, options);

        Assert.Equal(150m, figures.Amc);
    }

    [Fact]
    public void A_month_with_stock_and_no_issues_lowers_AMC()
    {
        var card = Given.Card(Given.Receipt(100, "2025-01-01"), Given.Issue(30, "2025-03-10"));

        var figures = StockCalculator.Compute(card, Given.Day("2025-04-10"), StockPolicy.Phc);

        // March 30, February 0, January 0: 30 ÷ 3 = 10
        Assert.Equal(10m, figures.Amc);
    }

    [Fact]
    public void Without_a_complete_month_of_history_AMC_is_unknown_and_so_is_the_status()
    {
        var card = Given.Card(Given.Receipt(100, "2025-06-02"), Given.Issue(10, "2025-06-05"));

        var figures = StockCalculator.Compute(card, Given.Day("2025-06-15"), StockPolicy.Phc);

        Assert.Null(figures.Amc);
        Assert.Null(figures.Mos);
        Assert.Equal(StockStatus.Unknown, figures.Status);
        Assert.Null(figures.SuggestedOrder);
        Assert.Null(figures.ProjectedStockoutDate);
        Assert.Equal(90, figures.Soh);
    }

    [Fact]
    public void No_stock_is_stocked_out_even_when_AMC_is_unknown()
    {
        var card = Given.Card(Given.Receipt(100, "2025-06-02"), Given.Issue(100, "2025-06-05"));

        var figures = StockCalculator.Compute(card, Given.Day("2025-06-15"), StockPolicy.Phc);

        Assert.Equal(StockStatus.StockedOut, figures.Status);
        Assert.Null(figures.Amc);
    }

    [Fact]
    public void Stock_out_days_this_month_count_from_the_card_start_up_to_the_as_of_day()
    {
        var card = Given.Card(Given.Receipt(10, "2025-06-12"), Given.Issue(10, "2025-06-15"), Given.Receipt(5, "2025-06-25"));

        var figures = StockCalculator.Compute(card, Given.Day("2025-06-20"), StockPolicy.Phc);

        // closing balance 0 on the 15th to the 20th: 6 days; the 1st to the 11th were before the card
        Assert.Equal(6, figures.StockoutDaysThisMonth);
        Assert.Equal(0, figures.Soh);
    }

    [Fact]
    public void As_of_a_past_day_later_events_are_ignored()
    {
        var card = Given.Card(
            Given.Receipt(100, "2025-04-01"),
            Given.Issue(30, "2025-04-20"),
            Given.Issue(30, "2025-05-20"),
            Given.Issue(40, "2025-05-31T23:00:00Z"),
            Given.Receipt(200, "2025-06-01T00:00:00Z"));

        var figures = StockCalculator.Compute(card, Given.Day("2025-05-31"), StockPolicy.Phc);

        // by the end of 31 May: 100 − 30 − 30 − 40 = 0; the receipt at midnight belongs to 1 June
        Assert.Equal(0, figures.Soh);
        Assert.Equal(StockStatus.StockedOut, figures.Status);
        Assert.Equal(Given.At("2025-05-31T23:00:00Z"), figures.LastEventAt);
        Assert.Equal(1, figures.StockoutDaysThisMonth);
        // AMC from April only (the as-of month is not complete): 30
        Assert.Equal(30m, figures.Amc);
    }

    [Fact]
    public void The_end_of_the_as_of_day_is_the_facility_local_midnight()
    {
        // 22:30 UTC on 10 June is already 11 June at UTC+3
        var card = Given.Card(Given.Receipt(100, "2025-06-01"), Given.Issue(40, "2025-06-10T22:30:00Z"));
        var eastAfrica = new StockCalculationOptions { TimeZone = TimeZoneInfo.CreateCustomTimeZone("UTC+3", TimeSpan.FromHours(3), "UTC+3", "UTC+3") };

        Assert.Equal(60, StockCalculator.Compute(card, Given.Day("2025-06-10"), StockPolicy.Phc).Soh);
        Assert.Equal(100, StockCalculator.Compute(card, Given.Day("2025-06-10"), StockPolicy.Phc, eastAfrica).Soh);
    }

    [Fact]
    public void A_card_with_no_events_by_the_as_of_day_is_unknown_not_stocked_out()
    {
        var card = Given.Card(Given.Receipt(100, "2025-06-10"));

        var figures = StockCalculator.Compute(card, Given.Day("2025-06-09"), StockPolicy.Phc);

        Assert.Equal(StockStatus.Unknown, figures.Status);
        Assert.Equal(0, figures.StockoutDaysThisMonth);
        Assert.Null(figures.LastEventAt);
    }

    [Fact]
    public void Stock_with_no_consumption_is_ok_with_no_months_of_stock_and_nothing_to_order()
    {
        var card = Given.Card(Given.Receipt(100, "2025-01-01"));

        var figures = StockCalculator.Compute(card, Given.Day("2025-04-10"), StockPolicy.Phc);

        Assert.Equal(0m, figures.Amc);
        Assert.Null(figures.Mos);
        Assert.Equal(StockStatus.Ok, figures.Status);
        Assert.Equal(0, figures.SuggestedOrder);
        Assert.Null(figures.ProjectedStockoutDate);
    }

    [Fact]
    public void Lots_expiring_within_90_days_and_lots_expired_on_the_shelf_are_listed()
    {
        var card = Given.Card(
            Given.Receipt(10, "2025-05-01", lot: "EXPIRED", expiry: "2025-06-14"),
            Given.Receipt(10, "2025-05-01", lot: "TODAY", expiry: "2025-06-15"),
            Given.Receipt(10, "2025-05-01", lot: "DAY90", expiry: "2025-09-13"),
            Given.Receipt(10, "2025-05-01", lot: "DAY91", expiry: "2025-09-14"),
            Given.Receipt(10, "2025-05-01", lot: "WRITTEN-OFF", expiry: "2025-06-01"),
            Given.Adjustment("expired", 10, "2025-06-02", lot: "WRITTEN-OFF"));

        var figures = StockCalculator.Compute(card, Given.Day("2025-06-15"), StockPolicy.Phc);

        // 15 June + 90 days = 13 September; a lot is usable through its expiry day; a written-off lot holds nothing
        Assert.Equal(["TODAY", "DAY90"], figures.Expiring.Select(l => l.Lot));
        Assert.Equal(["EXPIRED"], figures.ExpiredOnShelf.Select(l => l.Lot));
        Assert.Equal(["EXPIRED", "TODAY", "DAY90", "DAY91"], figures.Lots.Select(l => l.Lot));
    }
}
