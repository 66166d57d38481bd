using MhSupply.Alerts;

namespace MhSupply.Domain.Tests.Alerts;

/// <summary>
/// The words of each alert, pinned: the coordinators' worklists, notifications and the web app show them as written, and
/// the card projection and the alert scan raise lot alerts in the same words.
/// </summary>
public sealed class AlertMessagesTests
{
    private static readonly Guid Referral = Guid.Parse("0b9a3c1e-5d2f-4e7a-9c1b-2f3e4d5a6b7c");

    [Fact]
    public void Card_alerts_name_the_medicine_the_facility_and_the_figures()
    {
        Assert.Equal("fluoxetine-cap-20mg is stocked out at phc-1.", AlertMessages.StockOut("fluoxetine-cap-20mg", "phc-1"));
        Assert.Equal("fluoxetine-cap-20mg at phc-1 is below the emergency order point: 0.33 months of stock left (10 units); order now.",
            AlertMessages.BelowEop("fluoxetine-cap-20mg", "phc-1", 0.3333m, 10));
    }

    [Fact]
    public void Lot_alerts_give_the_expiry_as_an_iso_day_and_the_units_left()
    {
        var expiry = new DateOnly(2027, 6, 30);
        Assert.Equal("Lot L1 of fluoxetine-cap-20mg at phc-1 expires on 2027-06-30 with 60 units on hand.",
            AlertMessages.Expiring("L1", "fluoxetine-cap-20mg", "phc-1", expiry, 60));
        Assert.Equal("Lot L1 of fluoxetine-cap-20mg at phc-1 expired on 2027-06-30 with 60 units on the shelf; write it off.",
            AlertMessages.ExpiredOnShelf("L1", "fluoxetine-cap-20mg", "phc-1", expiry, 60));
    }

    [Fact]
    public void Lot_conditions_of_a_card_and_of_a_due_lot_read_the_same()
    {
        var lot = new MhSupply.Stock.LotBalance("L1", new DateOnly(2027, 6, 30), 60);
        Assert.Equal(AlertMessages.Expiring("L1", "fluoxetine-cap-20mg", "phc-1", new DateOnly(2027, 6, 30), 60),
            StockAlertRules.Expiring("phc-1", "fluoxetine-cap-20mg", lot).Message);
        Assert.Equal("phc-1/fluoxetine-cap-20mg/L1", StockAlertRules.ExpiredOnShelf("phc-1", "fluoxetine-cap-20mg", lot).Subject);
    }

    [Fact]
    public void Overdue_reports_name_the_months_owed()
    {
        Assert.Equal("No stock report from PHC One for 3 months: May 2026, June 2026 and July 2026. Each month's report is due by day 10 of the next month.",
            AlertMessages.ReportOverdue("PHC One", [new(2026, 5, 1), new(2026, 6, 1), new(2026, 7, 1)], 10));
    }

    [Fact]
    public void Prescribed_item_alerts_name_the_back_referral_and_the_medicine()
    {
        // The referral deadline texts are tested with their deadlines (Referrals/ReferralAlertTextTests).
        Assert.Equal($"Back-referral {Referral} prescribes haloperidol-tab-5mg, which phc-1 has at zero or below its emergency order point.",
            AlertMessages.PrescribedItemUnavailable(Referral, "haloperidol-tab-5mg", "phc-1"));
    }
}
