using MhSupply.Alerts;

namespace MhSupply.Domain.Tests.Alerts;

/// <summary>
/// The words of each alert, pinned: the coordinators' worklists, notifications and the web app show them as written, and
/// the card projection and the alert scan raise lot alerts in the same words.
/// </summary>
public sealed class AlertMessagesTests
{
    private static readonly Guid Referral = Guid.Parse("0b9a3c1e-5d2f-4e7a-9c1b-2f3e4d5a6b7c");

    private static readonly Named Fluoxetine = new("fluoxetine-cap-20mg", "Fluoxetine 20 mg capsule");
    private static readonly Named CampA = new("phc-camp-a", "Camp A clinic");

    [Fact]
    public void Card_alerts_name_the_medicine_and_the_facility_as_people_do_and_give_the_figures()
    {
        Assert.Equal("Fluoxetine 20 mg capsule is stocked out at Camp A clinic.", AlertMessages.StockOut(Fluoxetine, CampA).Message);
        Assert.Equal("Fluoxetine 20 mg capsule at Camp A clinic is below the emergency order point: 0.33 months of stock left (10 units); order now.",
            AlertMessages.BelowEop(Fluoxetine, CampA, 0.3333m, 10).Message);
    }

    [Fact]
    public void Lot_alerts_give_the_expiry_as_people_write_a_day_and_the_units_left()
    {
        var expiry = new DateOnly(2027, 6, 3);
        Assert.Equal("Lot L1 of Fluoxetine 20 mg capsule at Camp A clinic expires on 3 Jun 2027 with 60 units on hand.",
            AlertMessages.Expiring("L1", Fluoxetine, CampA, expiry, 60).Message);
        Assert.Equal("Lot L1 of Fluoxetine 20 mg capsule at Camp A clinic expired on 3 Jun 2027 with 60 units on the shelf; write it off.",
            AlertMessages.ExpiredOnShelf("L1", Fluoxetine, CampA, expiry, 60).Message);
    }

    [Fact]
    public void Each_template_has_its_code_and_parameters_carry_codes_numbers_and_iso_days_not_words()
    {
        var expiring = AlertMessages.Expiring("L1", Fluoxetine, CampA, new DateOnly(2027, 6, 3), 60);
        Assert.Equal(AlertMessages.Codes.Expiring, expiring.Code);
        Assert.Equal("fluoxetine-cap-20mg", expiring.Params["medicine"]);
        Assert.Equal("phc-camp-a", expiring.Params["facility"]);
        Assert.Equal("2027-06-03", expiring.Params["expiry"]);
        Assert.Equal(60, expiring.Params["soh"]);
        Assert.Equal("L1", expiring.Params["lot"]);

        var belowEop = AlertMessages.BelowEop(Fluoxetine, CampA, 0.3333m, 10);
        Assert.Equal((AlertMessages.Codes.BelowEop, 0.33m), (belowEop.Code, belowEop.Params["mos"]));
        Assert.Equal(AlertMessages.Codes.StockOut, AlertMessages.StockOut(Fluoxetine, CampA).Code);

        var overdue = AlertMessages.ReportOverdue(CampA, [new(2026, 5, 1), new(2026, 6, 1)], 10);
        Assert.Equal(AlertMessages.Codes.ReportOverdue, overdue.Code);
        Assert.Equal(new[] { "2026-05", "2026-06" }, overdue.Params["months"]);
        Assert.Equal(10, overdue.Params["dueDay"]);
    }

    [Fact]
    public void A_stock_out_names_the_people_on_plans_and_their_next_visit_or_says_none_is_scheduled()
    {
        var dated = AlertMessages.StockOut(Fluoxetine, CampA, (2, new DateOnly(2026, 12, 9)));
        Assert.Equal("Fluoxetine 20 mg capsule is stocked out at Camp A clinic. 2 people on treatment plans depend on it; the next is due on 9 Dec 2026.",
            dated.Message);
        Assert.Equal((AlertMessages.Codes.StockOutOnPlans, 2, "2026-12-09"), (dated.Code, dated.Params["people"], dated.Params["nextDue"]));

        // Nobody has a visit booked: its own template, so no language is left with an empty "next is due on".
        var undated = AlertMessages.StockOut(Fluoxetine, CampA, (1, null));
        Assert.Equal("Fluoxetine 20 mg capsule is stocked out at Camp A clinic. 1 person on a treatment plan depends on it; no follow-up visit is scheduled.",
            undated.Message);
        Assert.Equal(AlertMessages.Codes.StockOutOnPlansUndated, undated.Code);
        Assert.False(undated.Params.ContainsKey("nextDue"));
        var belowEop = AlertMessages.BelowEop(Fluoxetine, CampA, 0.3333m, 10, (3, null));
        Assert.Equal(AlertMessages.Codes.BelowEopOnPlansUndated, belowEop.Code);
        Assert.EndsWith("3 people on treatment plans depend on it; no follow-up visit is scheduled.", belowEop.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_months_of_stock_leave_the_parameter_out_rather_than_null()
    {
        Assert.False(AlertMessages.BelowEop(Fluoxetine, CampA, null, 10).Params.ContainsKey("mos"));
    }

    [Fact]
    public void Words_with_no_template_convert_to_a_text_with_no_code()
    {
        AlertText text = "Something happened.";
        Assert.Null(text.Code);
        Assert.Empty(text.Params);
        Assert.Equal("Something happened.", text.Message);
    }

    [Fact]
    public void A_medicine_is_named_by_name_strength_and_form_as_on_the_list()
    {
        Assert.Equal("Fluoxetine 20 mg capsule", AlertMessages.MedicineName("Fluoxetine", "20 mg", "capsule"));
        Assert.Equal("Fluoxetine", AlertMessages.MedicineName("Fluoxetine", "", null));
    }

    [Fact]
    public void Lot_conditions_of_a_card_and_of_a_due_lot_read_the_same()
    {
        var lot = new MhSupply.Stock.LotBalance("L1", new DateOnly(2027, 6, 30), 60);
        Assert.Equal(AlertMessages.Expiring("L1", Fluoxetine, CampA, new DateOnly(2027, 6, 30), 60).Message,
            StockAlertRules.Expiring(CampA, Fluoxetine, lot).Message);
        Assert.Equal("phc-camp-a/fluoxetine-cap-20mg/L1", StockAlertRules.ExpiredOnShelf(CampA, Fluoxetine, lot).Subject);
    }

    [Fact]
    public void Overdue_reports_name_the_facility_and_the_months_owed()
    {
        Assert.Equal("No stock report from Camp A clinic for 3 months: May 2026, June 2026 and July 2026. Each month's report is due by day 10 of the next month.",
            AlertMessages.ReportOverdue(CampA, [new(2026, 5, 1), new(2026, 6, 1), new(2026, 7, 1)], 10).Message);
    }

    [Fact]
    public void Prescribed_item_alerts_name_the_back_referral_and_the_medicine()
    {
        // The referral deadline texts are tested with their deadlines (Referrals/ReferralAlertTextTests).
        Assert.Equal("A back-referral prescribes Haloperidol 5 mg tablet, which Camp A clinic has at zero or below its emergency order point.",
            AlertMessages.PrescribedItemUnavailable(Referral, new Named("haloperidol-tab-5mg", "Haloperidol 5 mg tablet"), CampA).Message);
    }
}
