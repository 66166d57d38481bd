using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using MhSupply.Tests.Referrals;
using static MhSupply.Tests.Referrals.ReferralTestKit;

namespace MhSupply.Tests.Alerts;

/// <summary>
/// Referral alerts are stored with a template code and parameters, as stock alerts are: the deadline's why as the code,
/// the patient code, urgency, facilities (codes and names), the allowed wait and the local day as parameters; a
/// prescribed medicine the PHC lacks is named as on the list, not by its code.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ReferralAlertTextApiTests(GatewayFactory gateway)
{
    [Fact]
    public async Task An_accepted_referral_not_booked_in_time_raises_an_alert_with_its_why_code_and_parameters()
    {
        var kit = await new ReferralTestKit(gateway, "rat-book").RegisterAsync(["Rat Book PHC", "Rat Book Hospital", "Rat Book Outreach"]);
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var (id, created) = await kit.Refer(phc, "urgent");
        var patient = (await Json(created)).GetProperty("patient").GetProperty("code").GetString();
        var accepted = gateway.Clock.GetUtcNow();
        await Json(await Act(psychiatrist, id, "accept", new { at = accepted }));

        gateway.Clock.SetUtcNow(accepted.AddDays(3).AddMinutes(1));
        await kit.RunScan();

        var alert = Assert.Single(await kit.Alerts("referral_not_booked", id));
        Assert.Equal("referral_not_booked", alert.GetProperty("messageCode").GetString());
        var p = alert.GetProperty("messageParams");
        Assert.Equal(patient, p.GetProperty("patient").GetString());
        Assert.Equal("urgent", p.GetProperty("urgency").GetString());
        Assert.Equal((kit.Phc, "Rat Book PHC"), (p.GetProperty("from").GetString(), p.GetProperty("fromName").GetString()));
        Assert.Equal((kit.Specialist, "Rat Book Hospital"), (p.GetProperty("to").GetString(), p.GetProperty("toName").GetString()));
        Assert.Equal(3 * 24 * 60, p.GetProperty("waitMinutes").GetInt32());
        // The gateway's test clock runs in UTC (Stock:TimeZone), so the local due day is the UTC one.
        Assert.Equal(accepted.AddDays(3).UtcDateTime.ToString("yyyy-MM-dd"), p.GetProperty("due").GetString());
        Assert.Contains("Rat Book PHC to Rat Book Hospital", alert.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_prescribed_medicine_the_PHC_lacks_is_named_as_on_the_list_with_the_facility_by_name()
    {
        var kit = await new ReferralTestKit(gateway, "rat-rx").RegisterAsync(["Rat Rx PHC", "Rat Rx Hospital", "Rat Rx Outreach"]);
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var (id, _) = await kit.Refer(phc);
        await Json(await Act(psychiatrist, id, "accept"));
        await Json(await Act(psychiatrist, id, "start"));

        await Json(await Act(psychiatrist, id, "back-refer", new
        {
            diagnosis = "psychosis", plan = "Haloperidol with biperiden.", followUpEveryDays = 30,
            medicines = new[] { new { medicine = "biperiden-tab-2mg", dose = "2 mg", durationDays = 30 } },
        }));

        var alert = Assert.Single(await kit.Alerts("prescribed_item_unavailable", id));
        Assert.Equal("A back-referral prescribes Biperiden 2 mg tablet, which Rat Rx PHC has at zero or below its emergency order point.",
            alert.GetProperty("message").GetString());
        Assert.Equal("prescribed_item_unavailable", alert.GetProperty("messageCode").GetString());
        var p = alert.GetProperty("messageParams");
        Assert.Equal(("biperiden-tab-2mg", "Biperiden 2 mg tablet"), (p.GetProperty("medicine").GetString(), p.GetProperty("medicineName").GetString()));
        Assert.Equal((kit.Phc, "Rat Rx PHC"), (p.GetProperty("facility").GetString(), p.GetProperty("facilityName").GetString()));
    }

    [Fact]
    public async Task A_follow_up_not_attended_raises_its_template_with_the_visit_and_its_local_due_day()
    {
        var kit = await new ReferralTestKit(gateway, "rat-fu").RegisterAsync(["Rat Fu PHC", "Rat Fu Hospital", "Rat Fu Outreach"]);
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var (id, _) = await kit.Refer(phc);
        await Json(await Act(psychiatrist, id, "accept"));
        await Json(await Act(psychiatrist, id, "start"));
        await Json(await Act(psychiatrist, id, "back-refer", new
        {
            diagnosis = "depression", plan = "Psychoeducation.", followUpEveryDays = 14,
            medicines = new[] { new { medicine = "fluoxetine-cap-20mg", dose = "20 mg daily", durationDays = 180 } },
        }));
        var view = await Json(await phc.PostAsJsonAsync($"/api/v1/referrals/{id}/back-referral/acknowledge", new { }));
        var first = view.GetProperty("followUps")[0];
        var due = first.GetProperty("dueAt").GetDateTimeOffset();

        gateway.Clock.SetUtcNow(due.AddDays(3).AddMinutes(1));
        await kit.RunScan();

        var alert = (await kit.Alerts("follow_up_missed", id)).Single(a => a.GetProperty("subject").GetString() == first.GetProperty("id").GetString());
        Assert.Equal("follow_up_not_attended", alert.GetProperty("messageCode").GetString());
        var p = alert.GetProperty("messageParams");
        Assert.Equal(1, p.GetProperty("seq").GetInt32());
        Assert.Equal((kit.Phc, "Rat Fu PHC"), (p.GetProperty("facility").GetString(), p.GetProperty("facilityName").GetString()));
        Assert.Equal(due.UtcDateTime.ToString("yyyy-MM-dd"), p.GetProperty("visitDue").GetString());
        Assert.Equal(3 * 24 * 60, p.GetProperty("waitMinutes").GetInt32());
    }
}
