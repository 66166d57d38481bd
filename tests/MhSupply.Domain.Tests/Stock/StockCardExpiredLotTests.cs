using CsCheck;
using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

/// <summary>
/// FEFO over unexpired lots (docs/domain.md "Lots and expiry"): a debit naming no lot never takes from a lot already
/// expired on the line's local day; when only expired stock could cover it, it is refused with the numbers, unless the
/// lot is named or Stock:IssueFromExpiredLots allows it.
/// </summary>
public sealed class StockCardExpiredLotTests
{
    [Fact]
    public void An_issue_naming_no_lot_skips_an_expired_lot_and_takes_unexpired_lots_then_stock_without_a_lot()
    {
        var card = Given.Card(
            Given.Receipt(30, "2024-06-01", lot: "HAL5", expiry: "2025-01-01"),
            Given.Receipt(10, "2024-06-01", lot: "GOOD", expiry: "2027-01-01"),
            Given.Receipt(20, "2024-06-01"));

        Assert.True(card.TryAdd(Given.Issue(25, "2025-03-01")).IsAccepted);

        // 25 = all 10 of GOOD + 15 without a lot; the expired HAL5 keeps its 30
        Assert.Equal([("HAL5", 30)], card.Lots.LotQuantities());
        Assert.Equal(35, card.Soh);
    }

    [Fact]
    public void A_lot_is_usable_on_its_expiry_day_and_expired_the_day_after()
    {
        var card = Given.Card(Given.Receipt(30, "2024-06-01", lot: "A", expiry: "2025-01-01"), Given.Receipt(30, "2024-06-01"));

        Assert.True(card.TryAdd(Given.Issue(5, "2025-01-01")).IsAccepted);
        Assert.Equal([("A", 25)], card.Lots.LotQuantities());

        Assert.True(card.TryAdd(Given.Issue(5, "2025-01-02")).IsAccepted);
        Assert.Equal([("A", 25)], card.Lots.LotQuantities());
    }

    [Fact]
    public void An_issue_only_expired_stock_could_cover_is_refused_with_what_was_usable_and_the_lot()
    {
        var card = Given.Card(Given.Receipt(30, "2019-06-01", lot: "HAL5", expiry: "2020-01-01"), Given.Receipt(20, "2026-11-01"));
        var before = card.Lines();

        var result = card.TryAdd(Given.Issue(40, "2026-12-01"));

        Assert.Equal(StockAddOutcome.Rejected, result.Outcome);
        Assert.Equal(StockRejectionKind.OnlyExpiredStock, result.Rejection!.Kind);
        Assert.Equal("only_expired_stock", result.Rejection.Code);
        Assert.Equal("Only 20 usable on 1 Dec 2026: 30 more are in expired lot HAL5 (expired 1 Jan 2020). Name the lot to write it off, "
            + "or record a loss adjustment.", result.Rejection.Message);
        var parameters = result.Rejection.Describe().Params;
        Assert.Equal(20, parameters["usable"]);
        Assert.Equal(40, parameters["asked"]);
        Assert.Equal(30, parameters["expired"]);
        Assert.Equal("HAL5", parameters["lot"]);
        Assert.Equal("2020-01-01", parameters["expiry"]);
        Assert.Equal("2026-12-01", parameters["day"]);
        Assert.Equal(before, card.Lines());
    }

    [Fact]
    public void Naming_the_expired_lot_writes_it_off()
    {
        var card = Given.Card(Given.Receipt(30, "2019-06-01", lot: "HAL5", expiry: "2020-01-01"), Given.Receipt(20, "2026-11-01"));

        Assert.True(card.TryAdd(Given.Adjustment("expired", 30, "2026-12-01", lot: "HAL5")).IsAccepted);
        Assert.True(card.TryAdd(Given.Issue(20, "2026-12-01")).IsAccepted);

        Assert.Empty(card.Lots);
        Assert.Equal(0, card.Soh);
    }

    [Fact]
    public void A_debit_adjustment_and_a_transfer_out_follow_the_same_rule()
    {
        var card = Given.Card(Given.Receipt(30, "2019-06-01", lot: "HAL5", expiry: "2020-01-01"), Given.Receipt(5, "2026-11-01"));

        Assert.Equal(StockRejectionKind.OnlyExpiredStock, card.TryAdd(Given.Adjustment("lost", 6, "2026-12-01")).Rejection?.Kind);
        Assert.Equal(StockRejectionKind.OnlyExpiredStock, card.TryAdd(Given.TransferOut(6, "2026-12-01")).Rejection?.Kind);
        Assert.True(card.TryAdd(Given.TransferOut(5, "2026-12-01")).IsAccepted);
    }

    [Fact]
    public void A_count_shortfall_takes_unexpired_stock_first_and_is_never_refused()
    {
        var card = Given.Card(
            Given.Receipt(30, "2019-06-01", lot: "HAL5", expiry: "2020-01-01"),
            Given.Receipt(10, "2026-11-01", lot: "NEW", expiry: "2028-01-01"));

        // The shelf holds 35: the 5 missing came from the unexpired lot; the expired one is still there to write off.
        Assert.True(card.TryAdd(Given.Count(35, "2026-12-01")).IsAccepted);
        Assert.Equal([("HAL5", 30), ("NEW", 5)], card.Lots.LotQuantities());

        // A count of 0 empties everything, the expired lot too: it is what the shelf holds.
        Assert.True(card.TryAdd(Given.Count(0, "2026-12-02")).IsAccepted);
        Assert.Empty(card.Lots);
    }

    [Fact]
    public void A_backdated_issue_that_leaves_a_later_issue_only_expired_stock_names_that_line()
    {
        var laterIssue = Given.Issue(20, "2026-12-10");
        var card = Given.Card(
            Given.Receipt(30, "2019-06-01", lot: "HAL5", expiry: "2020-01-01"),
            Given.Receipt(25, "2026-11-01"),
            laterIssue);

        var result = card.TryAdd(Given.Issue(10, "2026-12-01"));

        Assert.Equal(StockRejectionKind.OnlyExpiredStock, result.Rejection!.Kind);
        Assert.Equal(laterIssue.Id, result.Rejection.EventId);
        var message = result.Rejection.Describe();
        Assert.Equal("breaks_later_expired", message.Code);
        Assert.StartsWith("This issue of 10 on 1 Dec 2026 would leave only expired stock for the issue of 20 on 10 Dec 2026", message.Text);
    }

    [Fact]
    public void A_facility_that_allows_it_issues_from_expired_lots_first_expiry_first()
    {
        var rules = new StockLedgerRules(TimeZoneInfo.Utc, IssueFromExpiredLots: true);
        var card = StockCard.FromLedger([
            Given.Receipt(30, "2019-06-01", lot: "HAL5", expiry: "2020-01-01"),
            Given.Receipt(20, "2026-11-01", lot: "NEW", expiry: "2028-01-01")], rules: rules);

        Assert.True(card.TryAdd(Given.Issue(40, "2026-12-01")).IsAccepted);
        Assert.Equal([("NEW", 10)], card.Lots.LotQuantities());
    }

    [Fact]
    public void The_day_a_lot_expires_on_is_the_facilitys_local_day()
    {
        // 23:30 UTC on 1 Jan is already 2 Jan in Nairobi (UTC+3): the lot expiring on 1 Jan has expired there.
        var nairobi = TimeZoneInfo.FindSystemTimeZoneById("Africa/Nairobi");
        var events = new[] { Given.Receipt(30, "2024-06-01", lot: "A", expiry: "2025-01-01") };
        var issue = Given.Issue(5, "2025-01-01T23:30:00Z");

        Assert.True(StockCard.FromLedger(events).TryAdd(issue).IsAccepted);
        var local = StockCard.FromLedger(events, rules: new StockLedgerRules(nairobi)).TryAdd(issue);
        Assert.Equal(StockRejectionKind.OnlyExpiredStock, local.Rejection?.Kind);
        Assert.Equal("2025-01-02", local.Rejection!.Describe().Params["day"]);
    }

    [Fact]
    public void A_stored_ledger_that_issued_from_an_expired_lot_under_the_old_rule_still_rebuilds()
    {
        // Accepted when unnamed debits took the earliest lot, expired or not: the replay takes the expired lot last instead.
        var card = StockCard.FromLedger([
            Given.Receipt(30, "2019-06-01", lot: "HAL5", expiry: "2020-01-01"),
            Given.Receipt(10, "2026-11-01"),
            Given.Issue(25, "2026-12-01")]);

        Assert.Equal(15, card.Soh);
        Assert.Equal([("HAL5", 15)], card.Lots.LotQuantities());
    }

    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Gen<StockEvent> AnEvent =
        from type in Gen.Frequency((4, StockEventType.Receipt), (6, StockEventType.Issue), (1, StockEventType.TransferOut),
            (2, StockEventType.Adjustment), (1, StockEventType.PhysicalCount))
        from quantity in Gen.Int[0, 200]
        from days in Gen.Int[0, 120]
        from lot in Gen.Frequency<string?>((3, null), (1, "A"), (1, "B"), (1, "C"))
        from expiryDays in Gen.Int[-30, 150]
        from reason in Gen.OneOf(Given.ReasonCodes)
        select Given.Reasons.Sign(new StockEvent(Guid.NewGuid(), Given.Medicine, type, quantity, Start.AddDays(days).AddHours(9), Given.NextStamp(),
            type == StockEventType.Adjustment ? reason : null, lot,
            lot is not null && type is StockEventType.Receipt or StockEventType.PhysicalCount ? DateOnly.FromDateTime(Start.UtcDateTime).AddDays(expiryDays) : null,
            type.IsTransfer() ? Given.OtherFacility : null));

    [Fact]
    public void No_accepted_debit_naming_no_lot_ever_takes_from_a_lot_expired_on_its_day()
    {
        AnEvent.Array[1, 50].Sample(events =>
        {
            var card = new StockCard();
            foreach (var e in events)
            {
                card.TryAdd(e);
            }
            for (var i = 0; i < card.Count; i++)
            {
                var line = card.EntryAt(i);
                var debit = line.Event.LotOrNull is null && line.Event.Type is StockEventType.Issue or StockEventType.TransferOut
                    || line.Event.Type == StockEventType.Adjustment && line.Event.LotOrNull is null
                        && line.Event.Credit == false;
                if (!debit)
                {
                    continue;
                }
                var day = DateOnly.FromDateTime(line.Event.OccurredAt.UtcDateTime);
                var before = i == 0 ? [] : card.EntryAt(i - 1).Lots.ToBalances();
                foreach (var expired in before.Where(l => l.Expiry < day))
                {
                    Assert.Equal(expired.Soh, line.Lots.QuantityOf(expired.Lot));
                }
            }
        }, iter: 300, threads: 1);
    }
}
