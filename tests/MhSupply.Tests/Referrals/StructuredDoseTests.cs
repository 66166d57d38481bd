using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using MhSupply.Tests.Stock;
using static MhSupply.Tests.Referrals.ReferralTestKit;

namespace MhSupply.Tests.Referrals;

/// <summary>A back-referral's medicines with the dose in numbers beside the prescriber's words (issue 18, item 3).</summary>
[Collection(GatewayCollection.Name)]
public sealed class StructuredDoseTests(GatewayFactory gateway)
{
    private static object BackReferral(object medicine) => new
    {
        diagnosis = "depression", plan = "Fluoxetine; review monthly.", followUpEveryDays = 30, medicines = new[] { medicine },
    };

    [Fact]
    public async Task The_dose_in_numbers_is_kept_with_the_words_and_a_wrong_one_is_a_400_naming_it_that_changes_nothing()
    {
        var kit = await new ReferralTestKit(gateway, "dose").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var (id, _) = await kit.Refer(phc);
        await Json(await Act(psychiatrist, id, "accept"));
        await Json(await Act(psychiatrist, id, "start"));

        foreach (var (medicine, field) in new (object, string)[]
        {
            (new { medicine = "fluoxetine-cap-20mg", dose = "20 mg daily", durationDays = 180, quantity = 0, per = "day" }, "medicines[0].quantity"),
            (new { medicine = "fluoxetine-cap-20mg", dose = "20 mg daily", durationDays = 180, quantity = 5000, per = "day" }, "medicines[0].quantity"),
            (new { medicine = "fluoxetine-cap-20mg", dose = "20 mg daily", durationDays = 180, quantity = 1, per = "month" }, "medicines[0].per"),
            (new { medicine = "fluoxetine-cap-20mg", dose = "20 mg daily", durationDays = 180, quantity = 1 }, "medicines[0].per"),
        })
        {
            var refused = await Act(psychiatrist, id, "back-refer", BackReferral(medicine));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal([field], await refused.ErrorFields());
        }
        Assert.Equal("in_progress", (await phc.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}")).GetProperty("status").GetString());

        await Json(await Act(psychiatrist, id, "back-refer",
            BackReferral(new { medicine = "fluoxetine-cap-20mg", dose = "20 mg, two a day on weekdays", durationDays = 180, quantity = 10, per = "week" })));

        var detail = await phc.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}");
        var prescribed = detail.GetProperty("backReferral").GetProperty("medicines")[0];
        Assert.Equal(("20 mg, two a day on weekdays", 10m, "week"),
            (prescribed.GetProperty("dose").GetString(), prescribed.GetProperty("quantity").GetDecimal(), prescribed.GetProperty("per").GetString()));
    }

    [Fact]
    public async Task Two_overlapping_plans_give_the_phc_s_stock_item_its_people_on_plan_and_next_month_s_plan_demand()
    {
        var kit = await new ReferralTestKit(gateway, "plan").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        using var pharmacist = await kit.Pharmacist();
        // Plan A: 2 a day for 180 days; plan B: 10 a week for 14 days; both from today. Over the next 30.4375 days:
        // A 2 × 30.4375 = 60.875, B 10 ÷ 7 × 14 = 20 (its course ends first): 80.875, shown as 80.88, for 2 people.
        var referrals = new List<Guid>();
        foreach (var (quantity, per, days) in new[] { (2, "day", 180), (10, "week", 14) })
        {
            var (id, _) = await kit.Refer(phc);
            referrals.Add(id);
            await Json(await Act(psychiatrist, id, "accept"));
            await Json(await Act(psychiatrist, id, "start"));
            await Json(await Act(psychiatrist, id, "back-refer",
                BackReferral(new { medicine = "fluoxetine-cap-20mg", dose = "as written", durationDays = days, quantity, per })));
        }
        // A free-text dose alone cannot be counted: it adds nobody.
        var (words, _) = await kit.Refer(phc);
        await Json(await Act(psychiatrist, words, "accept"));
        await Json(await Act(psychiatrist, words, "start"));
        await Json(await Act(psychiatrist, words, "back-refer", BackReferral(new { medicine = "fluoxetine-cap-20mg", dose = "20 mg daily", durationDays = 90 })));

        var item = await pharmacist.StockItem(kit.Phc, "fluoxetine-cap-20mg");

        Assert.Equal((2, 80.88), (item.GetProperty("patientsOnPlan").GetInt32(), item.GetProperty("planDemand").GetDouble()));
        // No history here yet: the suggestion comes from the plans alone, 3 × 80.875 rounded up.
        Assert.Equal(243, item.GetProperty("suggestedOrder").GetInt32());
        Assert.Equal(0, (await pharmacist.StockItem(kit.Phc, "haloperidol-tab-5mg")).GetProperty("patientsOnPlan").GetInt32());

        // The PHC schedules plan A's follow-ups; then its fluoxetine runs out: the alert says who it hits and how soon.
        var acknowledged = await Json(await phc.PostAsJsonAsync($"/api/v1/referrals/{referrals[0]}/back-referral/acknowledge", new { }));
        var firstVisit = acknowledged.GetProperty("followUps")[0].GetProperty("dueAt").GetDateTimeOffset();
        var now = gateway.Clock.GetUtcNow();
        (await pharmacist.PostEvents(kit.Phc, StockApiHelpers.Event("receipt", 10, now.AddHours(-2)), StockApiHelpers.Event("issue", 10, now.AddHours(-1))))
            .EnsureSuccessStatusCode();
        var alert = (await gateway.AdminAlerts($"?kind=stock_out&district={kit.District}")).Single(a => a.GetProperty("facility").GetString() == kit.Phc);
        Assert.Equal("stock_out_on_plans", alert.GetProperty("messageCode").GetString());
        Assert.EndsWith($"2 people on treatment plans depend on it; the next is due on {MhSupply.Alerts.AlertMessages.Day(DateOnly.FromDateTime(firstVisit.UtcDateTime))}.",
            alert.GetProperty("message").GetString());
    }
}
