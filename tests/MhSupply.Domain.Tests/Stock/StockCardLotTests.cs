using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

public sealed class StockCardLotTests
{
    [Fact]
    public void Lots_are_listed_first_expiry_first()
    {
        var card = Given.Card(
            Given.Receipt(50, "2025-03-01", lot: "A", expiry: "2026-06-30"),
            Given.Receipt(30, "2025-03-01", lot: "B", expiry: "2026-03-31"),
            Given.Receipt(20, "2025-03-01"));

        Assert.Equal([("B", 30), ("A", 50)], card.Lots.LotQuantities());
        Assert.Equal(new LotBalance("B", Given.Day("2026-03-31"), 30), card.Lots[0]);
        Assert.Equal(100, card.Soh);
    }

    [Fact]
    public void An_issue_naming_no_lot_takes_first_expiry_first_and_stock_without_a_lot_last()
    {
        var card = Given.Card(
            Given.Receipt(50, "2025-03-01", lot: "A", expiry: "2026-06-30"),
            Given.Receipt(30, "2025-03-01", lot: "B", expiry: "2026-03-31"),
            Given.Receipt(20, "2025-03-01"));

        Assert.True(card.TryAdd(Given.Issue(40, "2025-03-02")).IsAccepted);
        // 40 = all 30 of B (expires first) + 10 of A; the 20 without a lot are untouched
        Assert.Equal([("A", 40)], card.Lots.LotQuantities());
        Assert.Equal(60, card.Soh);

        Assert.True(card.TryAdd(Given.Issue(50, "2025-03-03")).IsAccepted);
        // 50 = the remaining 40 of A + 10 of the stock without a lot
        Assert.Empty(card.Lots);
        Assert.Equal(10, card.Soh);
    }

    [Fact]
    public void A_lot_without_expiry_is_taken_after_dated_lots()
    {
        var card = Given.Card(
            Given.Receipt(10, "2025-03-01", lot: "UNDATED"),
            Given.Receipt(20, "2025-03-01", lot: "DATED", expiry: "2027-01-31"),
            Given.Issue(25, "2025-03-02"));

        // 25 = all 20 of DATED + 5 of UNDATED
        Assert.Equal([("UNDATED", 5)], card.Lots.LotQuantities());
    }

    [Fact]
    public void An_issue_naming_a_lot_takes_from_that_lot_only()
    {
        var card = Given.Card(
            Given.Receipt(10, "2025-03-01", lot: "A", expiry: "2026-06-30"),
            Given.Receipt(50, "2025-03-01", lot: "B", expiry: "2025-12-31"),
            Given.Issue(5, "2025-03-02", lot: "A"));

        Assert.Equal([("B", 50), ("A", 5)], card.Lots.LotQuantities());
    }

    [Fact]
    public void Debit_from_a_named_lot_beyond_its_quantity_is_rejected_even_with_other_stock()
    {
        var card = Given.Card(
            Given.Receipt(10, "2025-03-01", lot: "A", expiry: "2026-06-30"),
            Given.Receipt(50, "2025-03-01", lot: "B", expiry: "2026-06-30"));
        var issue = Given.Issue(15, "2025-03-02", lot: "A");

        var result = card.TryAdd(issue);

        // lot A holds 10: 10 − 15 = −5, although the card holds 60
        Assert.Equal(new StockRejection(issue.Id, issue.OccurredAt, StockRejectionKind.NegativeLotBalance, -5, "A"), result.Rejection!.Where());
        Assert.Equal([("A", 10), ("B", 50)], card.Lots.LotQuantities());
        Assert.Equal(60, card.Soh);
    }

    [Fact]
    public void An_expired_adjustment_naming_a_lot_the_card_never_received_is_rejected()
    {
        var card = Given.Card(Given.Receipt(10, "2025-03-01", lot: "A", expiry: "2026-06-30"));

        var result = card.TryAdd(Given.Adjustment("expired", 1, "2025-03-02", lot: "Z"));

        Assert.Equal(StockRejectionKind.NegativeLotBalance, result.Rejection!.Kind);
        Assert.Equal("Z", result.Rejection.Lot);
    }

    [Fact]
    public void A_found_adjustment_naming_a_lot_adds_to_that_lot()
    {
        var card = Given.Card(
            Given.Receipt(10, "2025-03-01", lot: "A", expiry: "2026-06-30"),
            Given.Adjustment("found", 4, "2025-03-02", lot: "A"));

        Assert.Equal([("A", 14)], card.Lots.LotQuantities());
    }

    [Fact]
    public void A_count_of_one_lot_sets_that_lot_and_moves_the_card_by_the_difference()
    {
        var card = Given.Card(
            Given.Receipt(30, "2025-03-01", lot: "A", expiry: "2026-06-30"),
            Given.Receipt(20, "2025-03-01"),
            Given.Count(25, "2025-03-31", lot: "A"));

        // lot A 30 → 25: the card moves from 50 to 45, variance −5
        Assert.Equal([("A", 25)], card.Lots.LotQuantities());
        Assert.Equal(45, card.Soh);
        Assert.Equal(-5, card.Lines()[^1].Variance);
    }

    [Fact]
    public void A_count_of_the_card_below_its_balance_lowers_lots_first_expiry_first()
    {
        var card = Given.Card(
            Given.Receipt(30, "2025-03-01", lot: "A", expiry: "2026-03-31"),
            Given.Receipt(20, "2025-03-01", lot: "B", expiry: "2026-06-30"),
            Given.Receipt(10, "2025-03-01"),
            Given.Count(35, "2025-03-31"));

        // 60 counted as 35: the 25 missing come from A (expires first), leaving A 5, B 20 and 10 without a lot
        Assert.Equal([("A", 5), ("B", 20)], card.Lots.LotQuantities());
        Assert.Equal(35, card.Soh);
        Assert.Equal(-25, card.Lines()[^1].Variance);
    }

    [Fact]
    public void A_count_of_the_card_above_its_balance_adds_the_surplus_without_a_lot()
    {
        var card = Given.Card(
            Given.Receipt(30, "2025-03-01", lot: "A", expiry: "2026-03-31"),
            Given.Count(40, "2025-03-31"),
            Given.Issue(35, "2025-04-01"));

        // counted 40: lot A keeps 30, 10 without a lot; the issue of 35 takes A's 30 first, then 5 without a lot
        Assert.Empty(card.Lots);
        Assert.Equal(5, card.Soh);
    }

    [Fact]
    public void A_backdated_issue_naming_no_lot_can_empty_a_lot_a_later_issue_names()
    {
        var namedIssue = Given.Issue(8, "2025-03-20", lot: "A");
        var card = Given.Card(
            Given.Receipt(10, "2025-03-01", lot: "A", expiry: "2026-03-31"),
            Given.Receipt(20, "2025-03-01"),
            namedIssue);

        var result = card.TryAdd(Given.Issue(5, "2025-03-10"));

        // FEFO gives the backdated 5 from lot A (10 → 5), so the later issue of 8 from A would leave 5 − 8 = −3
        Assert.Equal(new StockRejection(namedIssue.Id, namedIssue.OccurredAt, StockRejectionKind.NegativeLotBalance, -3, "A"), result.Rejection!.Where());
        Assert.Equal([("A", 2)], card.Lots.LotQuantities());
    }

    [Fact]
    public void Lots_as_at_a_past_moment_ignore_later_events()
    {
        var card = Given.Card(
            Given.Receipt(10, "2025-03-01", lot: "A", expiry: "2026-03-31"),
            Given.Receipt(20, "2025-03-05", lot: "B", expiry: "2026-06-30"),
            Given.Issue(10, "2025-03-10", lot: "A"));

        Assert.Equal([("A", 10)], card.LotsAt(Given.At("2025-03-04")).LotQuantities());
        Assert.Equal([("A", 10), ("B", 20)], card.LotsAt(Given.At("2025-03-09")).LotQuantities());
        Assert.Equal([("B", 20)], card.LotsAt(Given.At("2025-03-10")).LotQuantities());
    }
}
