using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Stock.StockApiHelpers;

namespace MhSupply.Tests.Stock;

/// <summary>
/// What a pharmacist reads when a report is refused, over HTTP against the real gateway and silo: plain words with the
/// number or date, a message code and its parameters (docs/api.md "Stock events"); and FEFO over unexpired lots.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class StockPlainErrorsTests(GatewayFactory gateway)
{
    private async Task<(string Facility, HttpClient Pharmacist)> PharmacyAt(string facility)
    {
        await gateway.RegisterFacility(facility, "splain-d");
        return (facility, await gateway.ClientFor("pharmacist", facilities: [facility]));
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_issue_above_stock_on_hand_says_how_many_are_on_hand_that_day()
    {
        var (facility, pharmacist) = await PharmacyAt("splain-onhand");
        await pharmacist.PostAccepted(facility, Event("receipt", 24, gateway.HoursAgo(30)));
        var at = gateway.HoursAgo(1);

        var error = Assert.Single(await (await pharmacist.PostEvents(facility, Event("issue", 9999, at))).Results()).GetProperty("error");

        Assert.Equal("negative_balance", error.GetProperty("code").GetString());
        Assert.Equal("negative_balance", error.GetProperty("messageCode").GetString());
        Assert.StartsWith($"Only 24 on hand on {Day(at)}: this issue of 9999 would leave -9975.", error.GetProperty("message").GetString());
        var parameters = error.GetProperty("params");
        Assert.Equal((24, 9999, at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            (parameters.GetProperty("onHand").GetInt32(), parameters.GetProperty("asked").GetInt32(), parameters.GetProperty("day").GetString()));
    }

    [Fact]
    public async Task A_backdated_issue_names_the_later_line_it_would_break_by_date_type_and_quantity()
    {
        var (facility, pharmacist) = await PharmacyAt("splain-backdated");
        var laterAt = gateway.HoursAgo(24);
        await pharmacist.PostAccepted(facility, Event("receipt", 455, gateway.HoursAgo(24 * 12)), Event("issue", 430, laterAt));
        var at = gateway.HoursAgo(24 * 8);

        var error = Assert.Single(await (await pharmacist.PostEvents(facility, Event("issue", 50, at))).Results()).GetProperty("error");

        Assert.Equal("negative_balance", error.GetProperty("code").GetString());
        Assert.Equal("breaks_later_line", error.GetProperty("messageCode").GetString());
        Assert.StartsWith($"This issue of 50 on {Day(at)} would leave too little for the issue of 430 on {Day(laterAt)}: "
            + "the balance would fall to -25 on that day.", error.GetProperty("message").GetString());
        var parameters = error.GetProperty("params");
        Assert.Equal(("issue", 430, -25), (parameters.GetProperty("lineType").GetString(), parameters.GetProperty("lineQuantity").GetInt32(),
            parameters.GetProperty("balance").GetInt32()));
        Assert.Equal(25, await pharmacist.Soh(facility));
    }

    [Fact]
    public async Task An_issue_naming_no_lot_is_never_taken_from_an_expired_lot_and_naming_the_lot_writes_it_off()
    {
        var (facility, pharmacist) = await PharmacyAt("splain-expired");
        var expired = Event("receipt", 30, gateway.HoursAgo(48)) with { Lot = "HAL5", Expiry = "2020-01-01" };
        await pharmacist.PostAccepted(facility, expired, Event("receipt", 20, gateway.HoursAgo(47)));
        var at = gateway.HoursAgo(1);

        var refused = Assert.Single(await (await pharmacist.PostEvents(facility, Event("issue", 40, at))).Results());

        Assert.Equal(("rejected", "only_expired_stock"), (refused.Outcome(), refused.ErrorCode()));
        Assert.Equal($"Only 20 usable on {Day(at)}: 30 more are in expired lot HAL5 (expired 1 Jan 2020). Name the lot to write it off, "
            + "or record a loss adjustment.", refused.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal(("HAL5", "2020-01-01"), (refused.GetProperty("error").GetProperty("params").GetProperty("lot").GetString(),
            refused.GetProperty("error").GetProperty("params").GetProperty("expiry").GetString()));

        // Twenty without a lot are usable; the expired lot stays on the card until it is written off by name.
        await pharmacist.PostAccepted(facility, Event("issue", 20, at));
        var lots = (await pharmacist.StockItem(facility, Fluoxetine)).GetProperty("lots").EnumerateArray()
            .Select(l => (l.GetProperty("lot").GetString(), l.GetProperty("soh").GetInt32())).ToList();
        Assert.Equal([("HAL5", 30)], lots);
        await pharmacist.PostAccepted(facility, Event("adjustment", 30, at) with { Reason = "expired", Lot = "HAL5" });
        Assert.Equal(0, await pharmacist.Soh(facility));
    }

    [Fact]
    public async Task An_expiry_without_a_lot_is_refused_in_plain_words_and_nothing_is_recorded()
    {
        var (facility, pharmacist) = await PharmacyAt("splain-expiry-no-lot");

        var result = Assert.Single(await (await pharmacist.PostEvents(facility, Event("receipt", 10, gateway.HoursAgo(2)) with { Expiry = "2027-06-30" }))
            .Results());

        Assert.Equal(("rejected", "invalid", "expiry"), (result.Outcome(), result.ErrorCode(), result.ErrorField()));
        var error = result.GetProperty("error");
        Assert.Equal("The expiry 30 Jun 2027 belongs to a lot: give the lot number too, or leave the expiry empty.", error.GetProperty("message").GetString());
        Assert.Equal("expiry_without_lot", error.GetProperty("messageCode").GetString());
        Assert.Equal(0, await gateway.LedgerRows(facility));
    }

    [Fact]
    public async Task A_future_date_says_what_today_is()
    {
        var (facility, pharmacist) = await PharmacyAt("splain-future");
        var at = gateway.HoursAgo(-24 * 3);

        var error = Assert.Single(await (await pharmacist.PostEvents(facility, Event("issue", 1, at))).Results()).GetProperty("error");

        Assert.Equal($"The date {Day(at)} is in the future: today is {Day(gateway.Clock.GetUtcNow())}. Check the date.", error.GetProperty("message").GetString());
        Assert.Equal("occurred_in_future", error.GetProperty("messageCode").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_a_report_is_a_400_with_a_message_code()
    {
        var (facility, pharmacist) = await PharmacyAt("splain-body");

        var response = await pharmacist.PostAsJsonAsync($"/api/v1/facilities/{facility}/stock-events", new { lines = Array.Empty<object>() });

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("body_shape", problem.GetProperty("codes").GetProperty("events")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task Stock_as_of_a_future_day_says_up_to_which_day_it_can_be_shown()
    {
        var (facility, pharmacist) = await PharmacyAt("splain-asof");
        var tomorrow = gateway.Clock.GetUtcNow().AddDays(1);

        var response = await pharmacist.GetAsync($"/api/v1/facilities/{facility}/stock?asOf={tomorrow.UtcDateTime:yyyy-MM-dd}");

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal($"Stock can be shown up to today ({Day(gateway.Clock.GetUtcNow())}), not for {Day(tomorrow)}.",
            problem.GetProperty("errors").GetProperty("asOf")[0].GetString());
        Assert.Equal("as_of_future", problem.GetProperty("codes").GetProperty("asOf")[0].GetProperty("code").GetString());
    }
}
