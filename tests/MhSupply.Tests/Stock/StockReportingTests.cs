using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Stock;

/// <summary>Pharmacists' reports through HTTP against PostgreSQL: per-event outcomes, idempotency, ordering, figures.</summary>
[Collection(GatewayCollection.Name)]
public sealed class StockReportingTests(GatewayFactory gateway)
{
    private const string Fluoxetine = "fluoxetine-cap-20mg";

    [Fact]
    public async Task One_bad_line_is_rejected_naming_its_field_and_the_good_lines_are_committed()
    {
        var facility = await Facility("rep-bad");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var at = gateway.Clock.GetUtcNow().AddHours(-1);
        var good1 = Event("receipt", 100, at);
        var good2 = Event("issue", 10, at.AddMinutes(1));
        var lines = new object[]
        {
            good1,
            new { id = Guid.NewGuid(), medicine = Fluoxetine, type = "gift", quantity = 1, occurredAt = at },
            new { medicine = Fluoxetine, type = "issue", quantity = 1, occurredAt = at },
            new { id = Guid.NewGuid(), medicine = Fluoxetine, type = "issue", quantity = "abc", occurredAt = at },
            new { id = Guid.NewGuid(), medicine = Fluoxetine, type = "issue", quantity = 0, occurredAt = at },
            new { id = Guid.NewGuid(), medicine = Fluoxetine, type = "adjustment", quantity = 2, occurredAt = at },
            new { id = Guid.NewGuid(), medicine = Fluoxetine, type = "transfer_out", quantity = 2, occurredAt = at },
            new { id = Guid.NewGuid(), medicine = Fluoxetine, type = "issue", quantity = 1, occurredAt = gateway.Clock.GetUtcNow().AddDays(2) },
            new { id = Guid.NewGuid(), medicine = Fluoxetine, type = "issue", quantity = 1, occurredAt = "2026-01-05T10:00:00" },
            new { id = Guid.NewGuid(), medicine = "aspirin-tab", type = "issue", quantity = 1, occurredAt = at },
            good2,
        };

        var results = await Submit(pharmacist, facility, lines);

        Assert.Equal(["accepted", "rejected", "rejected", "rejected", "rejected", "rejected", "rejected", "rejected", "rejected", "rejected", "accepted"],
            results.Select(r => r.GetProperty("outcome").GetString()));
        string Field(int i) => results[i].GetProperty("error").GetProperty("field").GetString()!;
        Assert.Equal(["type", "id", "quantity", "quantity", "reason", "otherFacility", "occurredAt", "occurredAt", "medicine"],
            Enumerable.Range(1, 9).Select(Field));
        Assert.Equal("unknown_medicine", results[9].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(2, await LedgerRows(facility));
        Assert.Equal(90, await Soh(pharmacist, facility, Fluoxetine));
    }

    [Fact]
    public async Task Same_id_again_is_a_duplicate_and_with_other_content_a_conflict_and_nothing_counts_twice()
    {
        var facility = await Facility("rep-dup");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var at = gateway.Clock.GetUtcNow().AddHours(-1);
        var id = Guid.NewGuid();
        await Submit(pharmacist, facility, [new { id, medicine = Fluoxetine, type = "receipt", quantity = 50, occurredAt = at }]);

        var again = await Submit(pharmacist, facility, [new { id, medicine = Fluoxetine, type = "receipt", quantity = 50, occurredAt = at }]);
        var changed = await Submit(pharmacist, facility, [new { id, medicine = Fluoxetine, type = "receipt", quantity = 60, occurredAt = at }]);

        Assert.Equal("duplicate", again[0].GetProperty("outcome").GetString());
        Assert.Equal("rejected", changed[0].GetProperty("outcome").GetString());
        Assert.Equal("conflict", changed[0].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(50, await Soh(pharmacist, facility, Fluoxetine));
        Assert.Equal(1, await LedgerRows(facility));
    }

    [Fact]
    public async Task Backdated_issue_that_would_break_a_later_balance_is_rejected_and_a_backdated_receipt_re_derives_the_card()
    {
        var facility = await Facility("rep-back");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var day = gateway.Clock.GetUtcNow().AddDays(-10);
        await Submit(pharmacist, facility, [Event("receipt", 30, day), Event("issue", 25, day.AddDays(2))]);

        // 30 on day 0, 5 after day 2: an issue of 10 on day 1 would leave day 2's balance at -5.
        var broken = await Submit(pharmacist, facility, [Event("issue", 10, day.AddDays(1))]);
        Assert.Equal("negative_balance", broken[0].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(-5, broken[0].GetProperty("error").GetProperty("balance").GetInt32());

        await Submit(pharmacist, facility, [Event("receipt", 20, day.AddHours(12))]);
        var card = await pharmacist.GetFromJsonAsync<JsonElement>($"/api/v1/facilities/{facility}/stock/{Fluoxetine}/card");
        Assert.Equal([30, 50, 25], card.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("balance").GetInt32()));
    }

    [Fact]
    public async Task Out_of_order_batch_is_applied_in_the_order_things_happened()
    {
        var facility = await Facility("rep-order");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var day = gateway.Clock.GetUtcNow().AddDays(-3);

        var results = await Submit(pharmacist, facility, [Event("issue", 40, day.AddHours(5)), Event("receipt", 60, day)]);

        Assert.All(results, r => Assert.Equal("accepted", r.GetProperty("outcome").GetString()));
        Assert.Equal(20, await Soh(pharmacist, facility, Fluoxetine));
    }

    [Fact]
    public async Task Physical_count_sets_stock_on_hand_and_records_its_variance()
    {
        var facility = await Facility("rep-count");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var day = gateway.Clock.GetUtcNow().AddDays(-3);
        await Submit(pharmacist, facility, [Event("receipt", 60, day), Event("physical_count", 55, day.AddDays(1)), Event("physical_count", 70, day.AddDays(2))]);

        var lines = (await pharmacist.GetFromJsonAsync<JsonElement>($"/api/v1/facilities/{facility}/stock/{Fluoxetine}/card"))
            .GetProperty("items").EnumerateArray().ToList();

        Assert.Equal([60, 55, 70], lines.Select(l => l.GetProperty("balance").GetInt32()));
        Assert.Equal(-5, lines[1].GetProperty("variance").GetInt32());
        Assert.Equal(15, lines[2].GetProperty("variance").GetInt32());
    }

    [Fact]
    public async Task As_of_a_past_day_ignores_later_events_and_bad_dates_are_400_naming_asOf()
    {
        var facility = await Facility("rep-asof");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var first = gateway.Clock.GetUtcNow().AddDays(-5);
        await Submit(pharmacist, facility, [Event("receipt", 40, first), Event("issue", 15, first.AddDays(2))]);
        var asOf = DateOnly.FromDateTime(first.UtcDateTime.AddDays(1)).ToString("yyyy-MM-dd");

        var past = await pharmacist.GetFromJsonAsync<JsonElement>($"/api/v1/facilities/{facility}/stock?asOf={asOf}");
        var bad = await pharmacist.GetAsync($"/api/v1/facilities/{facility}/stock?asOf=yesterday");
        var future = await pharmacist.GetAsync($"/api/v1/facilities/{facility}/stock?asOf=2999-01-01");

        Assert.Equal(40, past.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("medicine").GetString() == Fluoxetine).GetProperty("soh").GetInt32());
        Assert.Equal(25, await Soh(pharmacist, facility, Fluoxetine));
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("asOf", out _));
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
    }

    [Fact]
    public async Task Three_complete_months_of_issues_give_amc_months_of_stock_status_and_suggested_order()
    {
        var facility = await Facility("rep-amc");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var now = gateway.Clock.GetUtcNow();
        var month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        // Issues of 30, 60 and 90 in the three complete months: AMC 60. SOH 400 - 180 = 220 → MOS 3.67 > PHC max 3: overstocked.
        await Submit(pharmacist, facility, [Event("receipt", 400, month.AddMonths(-3)), Event("issue", 30, month.AddMonths(-3).AddDays(3)),
            Event("issue", 60, month.AddMonths(-2).AddDays(3)), Event("issue", 90, month.AddMonths(-1).AddDays(3))]);
        var item = await Item(pharmacist, facility, Fluoxetine);
        Assert.Equal(60, item.GetProperty("amc").GetDouble());
        Assert.Equal(3.67, item.GetProperty("mos").GetDouble());
        Assert.Equal("overstocked", item.GetProperty("status").GetString());
        Assert.Equal(0, item.GetProperty("suggestedOrder").GetInt32());

        // Dispense 170 now: SOH 50 → MOS 0.83: below min (1), not below EOP (0.5); order 3 × 60 - 50 = 130.
        await Submit(pharmacist, facility, [Event("issue", 170, now.AddMinutes(-5))]);
        item = await Item(pharmacist, facility, Fluoxetine);
        Assert.Equal("below_min", item.GetProperty("status").GetString());
        Assert.Equal(130, item.GetProperty("suggestedOrder").GetInt32());

        await Submit(pharmacist, facility, [Event("issue", 50, now.AddMinutes(-4))]);
        Assert.Equal("stocked_out", (await Item(pharmacist, facility, Fluoxetine)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Csv_upload_answers_one_result_per_row_with_quoted_commas_and_names_a_missing_header()
    {
        var facility = await Facility("rep-csv");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var at = gateway.Clock.GetUtcNow().AddHours(-2).ToString("yyyy-MM-ddTHH:mm:ssZ");
        // The lot expires a year after the app's clock, which other tests of the collection move forward.
        var expiry = gateway.Clock.GetUtcNow().AddYears(1).ToString("yyyy-MM-dd");
        var csv = $"""
            id,medicine,type,quantity,occurredAt,reason,lot,expiry,otherFacility,note
            {Guid.NewGuid()},{Fluoxetine},receipt,80,{at},,LOT-9,{expiry},wh-1,"from the district store, by road"
            {Guid.NewGuid()},{Fluoxetine},issue,not-a-number,{at},,,,,
            {Guid.NewGuid()},{Fluoxetine},issue,30,{at},,,,,
            """;

        var response = await pharmacist.PostAsync($"/api/v1/facilities/{facility}/stock-events/csv", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var missing = await pharmacist.PostAsync($"/api/v1/facilities/{facility}/stock-events/csv",
            new StringContent("id,medicine,type\n", Encoding.UTF8, "text/csv"));

        var results = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["accepted", "rejected", "accepted"], results.Select(r => r.GetProperty("outcome").GetString()));
        Assert.Equal(50, await Soh(pharmacist, facility, Fluoxetine));
        Assert.True((await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("header", out _));
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        Assert.Equal("from the district store, by road",
            await connection.ExecuteScalarAsync<string>("SELECT note FROM mh.stock_event WHERE facility = @facility AND type = 'receipt'", new { facility }));
    }

    [Fact]
    public async Task Batch_size_and_body_are_validated_and_writers_are_the_facility_pharmacists()
    {
        var facility = await Facility("rep-size");
        var other = await Facility("rep-size-other");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        using var manager = await gateway.ClientFor("district_manager", districts: ["rep-d"]);
        var tooMany = Enumerable.Range(0, 1001).Select(_ => Event("receipt", 1, gateway.Clock.GetUtcNow().AddHours(-1))).ToArray();

        var none = await pharmacist.PostAsJsonAsync($"/api/v1/facilities/{facility}/stock-events", new { events = Array.Empty<object>() });
        var many = await pharmacist.PostAsJsonAsync($"/api/v1/facilities/{facility}/stock-events", new { events = tooMany });
        var notJson = await pharmacist.PostAsync($"/api/v1/facilities/{facility}/stock-events", new StringContent("{{", Encoding.UTF8, "application/json"));
        var elsewhere = await pharmacist.PostAsJsonAsync($"/api/v1/facilities/{other}/stock-events", new { events = new[] { Event("receipt", 5, gateway.Clock.GetUtcNow().AddHours(-1)) } });
        var byManager = await manager.PostAsJsonAsync($"/api/v1/facilities/{facility}/stock-events", new { events = new[] { Event("receipt", 5, gateway.Clock.GetUtcNow().AddHours(-1)) } });

        Assert.True((await none.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("events", out _));
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byManager.StatusCode);
        Assert.Equal(0, await LedgerRows(facility) + await LedgerRows(other));
    }

    [Fact]
    public async Task Cross_facility_list_comes_from_the_read_model_within_the_callers_districts()
    {
        var a = await Facility("rep-list-a", "rep-list-d1");
        var b = await Facility("rep-list-b", "rep-list-d2");
        foreach (var f in new[] { a, b })
        {
            using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [f]);
            var at = gateway.Clock.GetUtcNow().AddHours(-1);
            await Submit(pharmacist, f, [Event("receipt", 10, at), Event("issue", 10, at.AddMinutes(1))]);
        }
        using var manager = await gateway.ClientFor("district_manager", districts: ["rep-list-d1"]);

        var list = await manager.GetFromJsonAsync<JsonElement>("/api/v1/stock?status=stocked_out");
        var bad = await manager.GetAsync("/api/v1/stock?status=empty");

        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.All(items, i => Assert.Equal("rep-list-d1", i.GetProperty("district").GetString()));
        Assert.Contains(items, i => i.GetProperty("facility").GetString() == a && i.GetProperty("medicine").GetString() == Fluoxetine);
        Assert.Equal(items.Count, list.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private Task<string> Facility(string id, string district = "rep-d") => gateway.RegisterFacility(id, district);

    private static object Event(string type, int quantity, DateTimeOffset at) => ApiSteps.StockEvent(Fluoxetine, type, quantity, at);

    private static Task<List<JsonElement>> Submit(HttpClient client, string facility, object[] events) => client.SubmitStock(facility, events);

    private static async Task<JsonElement> Item(HttpClient client, string facility, string medicine) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/facilities/{facility}/stock")).GetProperty("items").EnumerateArray()
        .Single(i => i.GetProperty("medicine").GetString() == medicine);

    private static async Task<int> Soh(HttpClient client, string facility, string medicine) =>
        (await Item(client, facility, medicine)).GetProperty("soh").GetInt32();

    private async Task<long> LedgerRows(string facility)
    {
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM mh.stock_event WHERE facility = @facility", new { facility });
    }
}
