using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Stock.StockApiHelpers;

namespace MhSupply.Tests.Stock;

/// <summary>Stock reporting and stock figures over HTTP (docs/api.md "Stock"), against the real gateway and silo.</summary>
[Collection(GatewayCollection.Name)]
public sealed class StockApiTests(GatewayFactory gateway)
{
    private async Task<(string Facility, HttpClient Pharmacist)> PharmacyAt(string facility, string district = "sapi-d", string level = "phc")
    {
        await gateway.RegisterFacility(facility, district, level);
        return (facility, await gateway.ClientFor("pharmacist", facilities: [facility]));
    }

    /// <summary>A line a client could send that the server must refuse, and the field it must name.</summary>
    private Dictionary<string, object?> InvalidLine(string kind)
    {
        var at = gateway.HoursAgo(8);
        var line = new Dictionary<string, object?>
        {
            ["id"] = Guid.NewGuid(), ["medicine"] = Fluoxetine, ["type"] = "issue", ["quantity"] = 5, ["occurredAt"] = at,
        };
        switch (kind)
        {
            case "bad-type": line["type"] = "dispensed"; break;
            case "missing-id": line.Remove("id"); break;
            case "quantity-abc": line["quantity"] = "abc"; break;
            case "issue-of-zero": line["quantity"] = 0; break;
            case "adjustment-without-reason": line["type"] = "adjustment"; break;
            case "transfer-without-other-facility": line["type"] = "transfer_out"; break;
            case "future": line["occurredAt"] = gateway.Clock.GetUtcNow().AddHours(1); break;
            case "no-offset": line["occurredAt"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture); break;
            case "unknown-medicine": line["medicine"] = "no-such-medicine-10mg"; break;
            default: throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
        return line;
    }

    [Theory]
    [InlineData("bad-type", "type")]
    [InlineData("missing-id", "id")]
    [InlineData("quantity-abc", "quantity")]
    [InlineData("issue-of-zero", "quantity")]
    [InlineData("adjustment-without-reason", "reason")]
    [InlineData("transfer-without-other-facility", "otherFacility")]
    [InlineData("future", "occurredAt")]
    [InlineData("no-offset", "occurredAt")]
    [InlineData("unknown-medicine", "medicine")]
    public async Task Invalid_line_is_rejected_naming_its_field_while_the_good_lines_of_its_batch_are_committed(string kind, string field)
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-bad-" + kind);
        var receipt = Event("receipt", 50, gateway.HoursAgo(10));
        var issue = Event("issue", 10, gateway.HoursAgo(9));

        var results = await (await pharmacist.PostEvents(facility, receipt, InvalidLine(kind), issue)).Results();

        Assert.Equal(["accepted", "rejected", "accepted"], results.Select(r => r.Outcome()));
        Assert.Equal(field, results[1].ErrorField());
        Assert.Equal(2, await gateway.LedgerRows(facility));
    }

    [Fact]
    public async Task Unknown_medicine_is_rejected_with_the_unknown_medicine_code()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-unknown-med");

        var results = await (await pharmacist.PostEvents(facility, Event("receipt", 5, gateway.HoursAgo(2), "no-such-medicine-10mg"))).Results();

        Assert.Equal("unknown_medicine", Assert.Single(results).ErrorCode());
    }

    [Fact]
    public async Task Results_answer_each_event_in_input_order()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-order");
        // Listed newest first and with a rejected line in the middle: the answer still follows the input.
        StockEventBody[] events =
        [
            Event("issue", 3, gateway.HoursAgo(1)),
            Event("receipt", 10, gateway.HoursAgo(3), Haloperidol),
            Event("issue", 0, gateway.HoursAgo(2)),
            Event("receipt", 20, gateway.HoursAgo(4)),
        ];

        var results = await (await pharmacist.PostEvents(facility, events)).Results();

        Assert.Equal(events.Select(e => e.Id), results.Select(r => r.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Resubmitted_event_is_a_duplicate_and_counted_once()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-dup");
        var receipt = Event("receipt", 40, gateway.HoursAgo(6));
        await pharmacist.PostAccepted(facility, receipt);

        var again = await (await pharmacist.PostEvents(facility, receipt)).Results();

        Assert.Equal("duplicate", Assert.Single(again).Outcome());
        Assert.Equal(40, await pharmacist.Soh(facility));
        Assert.Equal(1, await gateway.LedgerRows(facility));
    }

    [Fact]
    public async Task Reused_id_with_other_content_is_rejected_as_a_conflict()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-conflict");
        var receipt = Event("receipt", 40, gateway.HoursAgo(6));
        await pharmacist.PostAccepted(facility, receipt);

        var results = await (await pharmacist.PostEvents(facility, receipt with { Quantity = 45 })).Results();

        Assert.Equal(("rejected", "conflict"), (Assert.Single(results).Outcome(), results[0].ErrorCode()));
        Assert.Equal(40, await pharmacist.Soh(facility));
    }

    [Fact]
    public async Task Backdated_issue_that_breaks_a_later_balance_is_rejected_and_changes_nothing()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-negative");
        await pharmacist.PostAccepted(facility, Event("receipt", 50, gateway.HoursAgo(10)), Event("issue", 40, gateway.HoursAgo(2)));

        // 50 - 20 = 30 at -5 h, then the issue of 40 at -2 h would leave -10.
        var results = await (await pharmacist.PostEvents(facility, Event("issue", 20, gateway.HoursAgo(5)))).Results();

        Assert.Equal(("rejected", "negative_balance"), (Assert.Single(results).Outcome(), results[0].ErrorCode()));
        Assert.Equal(10, await pharmacist.Soh(facility));
        Assert.Equal(2, await gateway.LedgerRows(facility));
    }

    [Fact]
    public async Task Negative_balance_rejection_names_the_later_line_it_would_break_and_its_balance()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-negative-detail");
        var later = Event("issue", 40, gateway.HoursAgo(2));
        await pharmacist.PostAccepted(facility, Event("receipt", 50, gateway.HoursAgo(10)), later);

        var error = Assert.Single(await (await pharmacist.PostEvents(facility, Event("issue", 20, gateway.HoursAgo(5)))).Results())
            .GetProperty("error");

        // 50 - 20 = 30 before the later issue of 40: it would leave -10.
        Assert.Equal((later.Id, -10), (error.GetProperty("breaksEventId").GetGuid(), error.GetProperty("balance").GetInt32()));
    }

    [Fact]
    public async Task Receipt_that_would_overflow_the_card_is_not_reported_as_a_negative_balance()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-overflow");
        await pharmacist.PostAccepted(facility, Event("receipt", int.MaxValue, gateway.HoursAgo(3)));

        var result = Assert.Single(await (await pharmacist.PostEvents(facility, Event("receipt", 1, gateway.HoursAgo(2)))).Results());

        // A client told negative_balance would look for an issue exceeding stock on hand that does not exist.
        Assert.Equal("rejected", result.Outcome());
        Assert.Equal("balance_overflow", result.ErrorCode());
    }

    [Fact]
    public async Task Backdated_receipt_rederives_the_later_balances_on_the_card()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-backdated");
        await pharmacist.PostAccepted(facility,
            Event("receipt", 50, gateway.HoursAgo(10)), Event("issue", 20, gateway.HoursAgo(4)), Event("issue", 5, gateway.HoursAgo(2)));

        await pharmacist.PostAccepted(facility, Event("receipt", 100, gateway.HoursAgo(6)));

        var lines = await pharmacist.CardLines(facility);
        // receipt 50 → 50; backdated receipt 100 → 150; issue 20 → 130; issue 5 → 125
        Assert.Equal([50, 150, 130, 125], lines.Select(l => l.GetProperty("balance").GetInt32()));
    }

    [Fact]
    public async Task Batch_listing_an_issue_before_the_earlier_receipt_that_covers_it_is_all_accepted()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-out-of-order");

        var results = await (await pharmacist.PostEvents(facility,
            Event("issue", 30, gateway.HoursAgo(2)), Event("receipt", 30, gateway.HoursAgo(5)))).Results();

        Assert.Equal(["accepted", "accepted"], results.Select(r => r.Outcome()));
    }

    [Fact]
    public async Task Physical_count_sets_stock_on_hand()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-count-soh");
        await pharmacist.PostAccepted(facility, Event("receipt", 100, gateway.HoursAgo(10)), Event("issue", 30, gateway.HoursAgo(8)));

        await pharmacist.PostAccepted(facility, Event("physical_count", 65, gateway.HoursAgo(6)));

        Assert.Equal(65, await pharmacist.Soh(facility));
    }

    [Fact]
    public async Task Physical_count_line_on_the_card_shows_the_counted_balance_and_the_variance()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-count-card");
        var count = Event("physical_count", 65, gateway.HoursAgo(6));
        await pharmacist.PostAccepted(facility, Event("receipt", 100, gateway.HoursAgo(10)), Event("issue", 30, gateway.HoursAgo(8)), count);

        var line = (await pharmacist.CardLines(facility)).Single(l => l.GetProperty("eventId").GetGuid() == count.Id);

        // 100 - 30 = 70 on the shelf before the count; 65 counted: variance -5.
        Assert.Equal((65, -5), (line.GetProperty("balance").GetInt32(), line.GetProperty("variance").GetInt32()));
    }

    [Fact]
    public async Task Stock_as_of_a_past_day_ignores_later_events()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-asof");
        var threeDaysAgo = gateway.Clock.GetUtcNow().AddDays(-3);
        await pharmacist.PostAccepted(facility, Event("receipt", 80, threeDaysAgo), Event("issue", 30, threeDaysAgo.AddDays(2)));

        var item = await pharmacist.StockItem(facility, Fluoxetine, threeDaysAgo.UtcDateTime.ToString("yyyy-MM-dd"));

        Assert.Equal(80, item.GetProperty("soh").GetInt32());
    }

    [Theory]
    [InlineData("2025-13-01")]
    [InlineData("yesterday")]
    [InlineData("03/02/2025")]
    public async Task Malformed_asOf_is_a_bad_request_naming_asOf(string asOf)
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-asof-bad");

        var response = await pharmacist.GetAsync($"/api/v1/facilities/{facility}/stock?asOf={Uri.EscapeDataString(asOf)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("asOf", await response.ErrorFields());
    }

    [Fact]
    public async Task AsOf_in_the_future_is_a_bad_request()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-asof-future");
        var nextWeek = gateway.Clock.GetUtcNow().AddDays(7).UtcDateTime.ToString("yyyy-MM-dd");

        var response = await pharmacist.GetAsync($"/api/v1/facilities/{facility}/stock?asOf={nextWeek}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("asOf", await response.ErrorFields());
    }

    [Fact]
    public async Task AsOf_tomorrow_is_a_bad_request()
    {
        // Facilities keep UTC days here (Stock:TimeZone is not set), so tomorrow has not begun anywhere they are.
        var (facility, pharmacist) = await PharmacyAt("sapi-asof-tomorrow");
        var tomorrow = gateway.Clock.GetUtcNow().AddDays(1).UtcDateTime.ToString("yyyy-MM-dd");

        var response = await pharmacist.GetAsync($"/api/v1/facilities/{facility}/stock?asOf={tomorrow}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AsOf_today_answers_with_today()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-asof-today");

        var stock = await pharmacist.GetFromJsonAsync<JsonElement>($"/api/v1/facilities/{facility}/stock?asOf={gateway.Today()}");

        Assert.Equal(gateway.Today(), stock.GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task Card_from_and_to_keep_only_the_lines_between_them()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-card-range");
        var now = gateway.Clock.GetUtcNow();
        var inside = Event("issue", 5, now.AddDays(-3));
        await pharmacist.PostAccepted(facility, Event("receipt", 50, now.AddDays(-6)), inside, Event("issue", 5, now.AddDays(-1)));
        var from = now.AddDays(-4).UtcDateTime.ToString("yyyy-MM-dd");
        var to = now.AddDays(-2).UtcDateTime.ToString("yyyy-MM-dd");

        var lines = await pharmacist.CardLines(facility, query: $"?from={from}&to={to}");

        Assert.Equal([inside.Id], lines.Select(l => l.GetProperty("eventId").GetGuid()));
    }

    [Fact]
    public async Task Card_of_a_medicine_not_on_the_list_is_not_found()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-card-404");

        var response = await pharmacist.GetAsync($"/api/v1/facilities/{facility}/stock/no-such-medicine-10mg/card");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Three_complete_months_of_issues_give_amc_mos_status_and_suggested_order()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-figures");
        var now = gateway.Clock.GetUtcNow();
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        // The card starts on the 1st of the month three months back, so each of the three complete months is on the
        // card every day and never at 0: adjusted consumption = consumption.
        await pharmacist.PostAccepted(facility,
            Event("receipt", 460, thisMonth.AddMonths(-3).AddHours(1)),
            Event("issue", 90, thisMonth.AddMonths(-3).AddDays(14)),
            Event("issue", 120, thisMonth.AddMonths(-2).AddDays(14)),
            Event("issue", 150, thisMonth.AddMonths(-1).AddDays(14)));

        var item = await pharmacist.StockItem(facility, Fluoxetine);

        // SOH = 460 - 90 - 120 - 150 = 100; AMC = (90 + 120 + 150) / 3 = 120; MOS = 100 / 120 = 0.83 (2 decimals);
        // PHC policy: EOP 0.5 ≤ 0.83 < min 1 → below_min; suggested order = max 3 × 120 - 100 = 260.
        Assert.Equal(
            (100, 120.0, 0.83, "below_min", 260),
            (item.GetProperty("soh").GetInt32(), item.GetProperty("amc").GetDouble(), item.GetProperty("mos").GetDouble(),
                item.GetProperty("status").GetString(), item.GetProperty("suggestedOrder").GetInt32()));
    }

    [Fact]
    public async Task Projected_stockout_date_is_today_plus_soh_over_daily_consumption()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-projected");
        var now = gateway.Clock.GetUtcNow();
        var thisMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        await pharmacist.PostAccepted(facility,
            Event("receipt", 460, thisMonth.AddMonths(-3).AddHours(1)),
            Event("issue", 90, thisMonth.AddMonths(-3).AddDays(14)),
            Event("issue", 120, thisMonth.AddMonths(-2).AddDays(14)),
            Event("issue", 150, thisMonth.AddMonths(-1).AddDays(14)));

        var item = await pharmacist.StockItem(facility, Fluoxetine);

        // SOH 100, AMC 120: 100 ÷ (120 ÷ 30.4375) = 25.36 → 25 whole days from today.
        var expected = DateOnly.FromDateTime(now.UtcDateTime).AddDays(25).ToString("yyyy-MM-dd");
        Assert.Equal(expected, item.GetProperty("projectedStockoutDate").GetString());
    }

    [Fact]
    public async Task Card_at_zero_is_stocked_out()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-zero");
        await pharmacist.PostAccepted(facility, Event("receipt", 12, gateway.HoursAgo(5)), Event("issue", 12, gateway.HoursAgo(3)));

        var item = await pharmacist.StockItem(facility, Fluoxetine);

        Assert.Equal((0, "stocked_out"), (item.GetProperty("soh").GetInt32(), item.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Receipt_with_lot_and_expiry_shows_under_lots()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-lots");
        var expiry = DateOnly.FromDateTime(gateway.Clock.GetUtcNow().UtcDateTime).AddDays(400).ToString("yyyy-MM-dd");
        await pharmacist.PostAccepted(facility, Event("receipt", 60, gateway.HoursAgo(4)) with { Lot = "LOT-A1", Expiry = expiry });

        var lot = Assert.Single((await pharmacist.StockItem(facility, Fluoxetine)).GetProperty("lots").EnumerateArray());

        Assert.Equal(("LOT-A1", expiry, 60),
            (lot.GetProperty("lot").GetString(), lot.GetProperty("expiry").GetString(), lot.GetProperty("soh").GetInt32()));
    }

    /// <summary>
    /// Three cards in a district of their own: A has fluoxetine (unknown: no history) and haloperidol (stocked out),
    /// B has fluoxetine (unknown).
    /// </summary>
    private async Task<(string District, string A, string B)> ThreeCardsIn(string prefix)
    {
        var district = prefix + "-d";
        var (a, pharmacistA) = await PharmacyAt(prefix + "-a", district);
        var (b, pharmacistB) = await PharmacyAt(prefix + "-b", district);
        await pharmacistA.PostAccepted(a, Event("receipt", 10, gateway.HoursAgo(5)),
            Event("receipt", 4, gateway.HoursAgo(5), Haloperidol), Event("issue", 4, gateway.HoursAgo(4), Haloperidol));
        await pharmacistB.PostAccepted(b, Event("receipt", 20, gateway.HoursAgo(5)));
        return (district, a, b);
    }

    private static async Task<JsonElement> List(HttpClient client, string query) =>
        await client.GetFromJsonAsync<JsonElement>("/api/v1/stock" + query);

    private static List<(string?, string?)> Cards(JsonElement page) =>
        page.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("facility").GetString(), i.GetProperty("medicine").GetString())).ToList();

    [Fact]
    public async Task Cross_facility_list_filters_by_district()
    {
        var (district, a, b) = await ThreeCardsIn("sapi-listd");
        using var admin = await gateway.ClientFor("admin");

        var page = await List(admin, $"?district={district}");

        Assert.Equal([(a, Fluoxetine), (a, Haloperidol), (b, Fluoxetine)], Cards(page));
    }

    [Fact]
    public async Task Cross_facility_list_filters_by_status()
    {
        var (district, a, _) = await ThreeCardsIn("sapi-lists");
        using var admin = await gateway.ClientFor("admin");

        var page = await List(admin, $"?district={district}&status=stocked_out");

        Assert.Equal([(a, Haloperidol)], Cards(page));
    }

    [Fact]
    public async Task Cross_facility_list_filters_by_medicine()
    {
        var (district, a, b) = await ThreeCardsIn("sapi-listm");
        using var admin = await gateway.ClientFor("admin");

        var page = await List(admin, $"?district={district}&medicine={Fluoxetine}");

        Assert.Equal([(a, Fluoxetine), (b, Fluoxetine)], Cards(page));
    }

    [Fact]
    public async Task Cross_facility_list_is_paged()
    {
        var (district, _, b) = await ThreeCardsIn("sapi-listp");
        using var admin = await gateway.ClientFor("admin");

        var second = await List(admin, $"?district={district}&page=2&pageSize=2");

        Assert.Equal(
            (2, 2, 3L, $"{b}/{Fluoxetine}"),
            (second.GetProperty("page").GetInt32(), second.GetProperty("pageSize").GetInt32(), second.GetProperty("total").GetInt64(),
                string.Join(",", Cards(second).Select(c => $"{c.Item1}/{c.Item2}"))));
    }

    [Fact]
    public async Task Cross_facility_list_with_an_unknown_status_is_a_bad_request_naming_status()
    {
        using var admin = await gateway.ClientFor("admin");

        var response = await admin.GetAsync("/api/v1/stock?status=empty");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("status", await response.ErrorFields());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task Batch_of_no_events_or_more_than_1000_is_a_bad_request_naming_events(int count)
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-batch-size");
        var at = gateway.HoursAgo(5);
        var events = Enumerable.Range(0, count).Select(i => (object)Event("receipt", 1, at.AddSeconds(i))).ToArray();

        var response = await pharmacist.PostEvents(facility, events);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("events", await response.ErrorFields());
        Assert.Equal(0, await gateway.LedgerRows(facility));
    }

    [Fact]
    public async Task Body_that_is_not_json_is_a_bad_request()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-not-json");

        var response = await pharmacist.PostAsync($"/api/v1/facilities/{facility}/stock-events",
            new StringContent("{ \"events\": [ {\"id\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("body", await response.ErrorFields());
    }

    [Fact]
    public async Task Ledger_read_model_and_stock_figures_agree_after_accepted_events()
    {
        var (facility, pharmacist) = await PharmacyAt("sapi-truth");
        await pharmacist.PostAccepted(facility,
            Event("receipt", 70, gateway.HoursAgo(12)),
            Event("issue", 25, gateway.HoursAgo(10)),
            Event("transfer_out", 5, gateway.HoursAgo(9)) with { OtherFacility = "sapi-elsewhere" },
            Event("transfer_in", 8, gateway.HoursAgo(8)) with { OtherFacility = "sapi-elsewhere" });
        await pharmacist.PostAccepted(facility, Event("issue", 11, gateway.HoursAgo(6)));

        var ledger = await gateway.LedgerNet(facility, Fluoxetine);
        var readModel = await gateway.ReadModelSoh(facility, Fluoxetine);
        var api = await pharmacist.Soh(facility);

        // 70 - 25 - 5 + 8 - 11 = 37, from each of the three.
        Assert.Equal((37L, 37, 37), (ledger, readModel, api));
    }
}
