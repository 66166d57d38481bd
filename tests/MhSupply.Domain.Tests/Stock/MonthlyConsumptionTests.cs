using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

public sealed class MonthlyConsumptionTests
{
    [Fact]
    public void A_card_stocked_out_from_the_10th_to_a_receipt_on_the_25th_has_15_stock_out_days()
    {
        var card = Given.Card(
            Given.Receipt(100, "2025-04-01"),
            Given.Issue(40, "2025-04-03"),
            Given.Issue(60, "2025-04-10"),
            Given.Receipt(50, "2025-04-25"),
            Given.Issue(10, "2025-04-28"));

        var april = StockCalculator.ConsumptionInMonth(card, 2025, 4);

        // closing balance 0 on the 10th to the 24th: 15 days of April's 30
        Assert.Equal(15, april.StockoutDays);
        // consumption = 40 + 60 + 10 = 110; adjusted = 110 × 30 ÷ (30 − 15) = 220
        Assert.Equal(110, april.Consumption);
        Assert.Equal(220m, april.AdjustedConsumption);
    }

    [Fact]
    public void Transfers_out_and_debit_adjustments_are_not_consumption()
    {
        var card = Given.Card(
            Given.Receipt(100, "2025-04-01"),
            Given.Issue(10, "2025-04-02"),
            Given.TransferOut(20, "2025-04-03"),
            Given.Adjustment("expired", 5, "2025-04-04"));

        Assert.Equal(10, StockCalculator.ConsumptionInMonth(card, 2025, 4).Consumption);
    }

    [Fact]
    public void A_month_stocked_out_all_month_has_no_usable_consumption()
    {
        var card = Given.Card(Given.Receipt(10, "2025-03-01"), Given.Issue(10, "2025-03-31"), Given.Receipt(10, "2025-05-01"));

        var april = StockCalculator.ConsumptionInMonth(card, 2025, 4);

        Assert.Equal(30, april.StockoutDays);
        Assert.False(april.HasData);
        Assert.Null(april.AdjustedConsumption);
    }

    [Fact]
    public void Days_before_the_card_began_are_not_stock_out_days()
    {
        var card = Given.Card(Given.Receipt(100, "2025-04-11"), Given.Issue(40, "2025-04-20"));

        var april = StockCalculator.ConsumptionInMonth(card, 2025, 4);

        // the card exists from the 11th: 20 days on the card, none of them at 0
        Assert.Equal(0, april.StockoutDays);
        Assert.Equal(20, april.DaysOnCard);
        // 40 issued over the 20 days that had stock: 40 × 30 ÷ 20 = 60
        Assert.Equal(60m, april.AdjustedConsumption);
    }

    [Fact]
    public void A_month_with_stock_and_no_issues_is_data_with_zero_consumption()
    {
        var card = Given.Card(Given.Receipt(100, "2025-03-20"));

        var april = StockCalculator.ConsumptionInMonth(card, 2025, 4);

        Assert.True(april.HasData);
        Assert.Equal(0m, april.AdjustedConsumption);
    }

    [Fact]
    public void Closing_balances_are_read_in_the_facility_local_day()
    {
        // Issued to zero at 22:30 UTC on 9 April, which is 01:30 on 10 April at UTC+3.
        var card = Given.Card(Given.Receipt(10, "2025-04-01"), Given.Issue(10, "2025-04-09T22:30:00Z"));
        var eastAfrica = TimeZoneInfo.CreateCustomTimeZone("UTC+3", TimeSpan.FromHours(3), "UTC+3", "UTC+3");

        // UTC: the 9th to the 30th closed at 0 (22 days); UTC+3: the 10th to the 30th (21 days)
        Assert.Equal(22, StockCalculator.ConsumptionInMonth(card, 2025, 4).StockoutDays);
        Assert.Equal(21, StockCalculator.ConsumptionInMonth(card, 2025, 4, eastAfrica).StockoutDays);
    }
}
