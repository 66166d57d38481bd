using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Stock.StockApiHelpers;

namespace MhSupply.Tests.Stock;

/// <summary>POST .../count-sheets (issue 18, item 5): a physical inventory recorded whole or not at all.</summary>
[Collection(GatewayCollection.Name)]
public sealed class CountSheetTests(GatewayFactory gateway)
{
    private async Task<(string Facility, HttpClient Pharmacist)> PharmacyAt(string facility)
    {
        await gateway.RegisterFacility(facility, "sheet-d");
        return (facility, await gateway.ClientFor("pharmacist", facilities: [facility]));
    }

    private static Task<HttpResponseMessage> PostSheet(HttpClient client, string facility, object sheet) =>
        client.PostAsJsonAsync($"/api/v1/facilities/{facility}/count-sheets", sheet);

    private static Task<HttpResponseMessage> PostRaw(HttpClient client, string facility, string json) =>
        client.PostAsync($"/api/v1/facilities/{facility}/count-sheets", new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>100 fluoxetine and 50 haloperidol received 10 hours ago, 30 fluoxetine dispensed 2 hours ago.</summary>
    private async Task Stocked(HttpClient pharmacist, string facility) =>
        Assert.All(await (await pharmacist.PostEvents(facility,
            Event("receipt", 100, gateway.HoursAgo(10)),
            Event("receipt", 50, gateway.HoursAgo(10), Haloperidol),
            Event("issue", 30, gateway.HoursAgo(2)))).Results(), r => Assert.Equal("accepted", r.Outcome()));

    [Fact]
    public async Task A_sheet_is_recorded_whole_and_a_resubmission_records_nothing_twice()
    {
        var (facility, pharmacist) = await PharmacyAt("sheet-whole");
        await Stocked(pharmacist, facility);
        var sheet = new
        {
            id = Guid.NewGuid(),
            countedAt = gateway.HoursAgo(1),
            lines = new object[] { new { medicine = Fluoxetine, quantity = 66 }, new { medicine = "Haloperidol 5 mg tablet", quantity = 48, note = "2 broken" } },
        };

        var first = await (await PostSheet(pharmacist, facility, sheet)).Results();
        var again = await (await PostSheet(pharmacist, facility, sheet)).Results();

        Assert.Equal(["accepted", "accepted"], first.Select(r => r.Outcome()));
        Assert.Equal(["duplicate", "duplicate"], again.Select(r => r.Outcome()));
        Assert.Equal(first.Select(r => r.GetProperty("id").GetGuid()), again.Select(r => r.GetProperty("id").GetGuid()));
        Assert.Equal(Haloperidol, first[1].GetProperty("medicine").GetString());
        Assert.Equal((66, 48), (await pharmacist.Soh(facility), await pharmacist.Soh(facility, Haloperidol)));
        Assert.Equal(5, await gateway.LedgerRows(facility)); // three events and two counts, once
        var count = (await pharmacist.CardLines(facility)).Last();
        Assert.Equal(("physical_count", 66), (count.GetProperty("type").GetString(), count.GetProperty("balance").GetInt32()));
    }

    [Fact]
    public async Task A_count_that_breaks_a_later_balance_refuses_the_whole_sheet_naming_the_line()
    {
        var (facility, pharmacist) = await PharmacyAt("sheet-refused");
        await Stocked(pharmacist, facility);
        // Counted 5 hours ago: 20 fluoxetine cannot cover the 30 dispensed 2 hours ago; the haloperidol line is fine on its own.
        var sheet = new
        {
            id = Guid.NewGuid(),
            countedAt = gateway.HoursAgo(5),
            lines = new object[] { new { medicine = Haloperidol, quantity = 45 }, new { medicine = Fluoxetine, quantity = 20 } },
        };

        var response = await PostSheet(pharmacist, facility, sheet);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["lines[1].quantity"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal("The count sheet was not recorded: 1 of its 2 lines were refused. Correct them and send the whole sheet again.",
            problem.GetProperty("title").GetString());
        var results = problem.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["sheet_rejected", "negative_balance"], results.Select(r => r.ErrorCode()));
        Assert.Equal((70, 50), (await pharmacist.Soh(facility), await pharmacist.Soh(facility, Haloperidol)));
        Assert.Equal(3, await gateway.LedgerRows(facility));

        // The pharmacist corrects the count; the same sheet id now records both lines (the refused ones were never stored).
        var corrected = new { sheet.id, sheet.countedAt, lines = new object[] { new { medicine = Haloperidol, quantity = 45 }, new { medicine = Fluoxetine, quantity = 95 } } };
        var accepted = await (await PostSheet(pharmacist, facility, corrected)).Results();
        Assert.Equal(["accepted", "accepted"], accepted.Select(r => r.Outcome()));
        Assert.Equal((65, 45), (await pharmacist.Soh(facility), await pharmacist.Soh(facility, Haloperidol)));
    }

    [Theory]
    [InlineData("""{ "countedAt": "2026-11-30T17:00:00Z", "lines": [ { "medicine": "fluoxetine-cap-20mg", "quantity": 5 } ] }""", "id")]
    [InlineData("""{ "id": "2b9c1f0e-5d7a-4c1b-9e3f-8a6d2c4b1e70", "countedAt": "yesterday", "lines": [ { "medicine": "fluoxetine-cap-20mg", "quantity": 5 } ] }""", "countedAt")]
    [InlineData("""{ "id": "2b9c1f0e-5d7a-4c1b-9e3f-8a6d2c4b1e70", "countedAt": "2026-11-30T17:00:00Z", "lines": [] }""", "lines")]
    [InlineData("""{ "id": "2b9c1f0e-5d7a-4c1b-9e3f-8a6d2c4b1e70", "countedAt": "2026-11-30T17:00:00Z", "lines": [ { "medicine": "fluoxetine-cap-20mg", "quantity": 5 }, { "medicine": "aspirin", "quantity": 5 } ] }""", "lines[1].medicine")]
    [InlineData("""{ "id": "2b9c1f0e-5d7a-4c1b-9e3f-8a6d2c4b1e70", "countedAt": "2026-11-30T17:00:00Z", "lines": [ { "medicine": "fluoxetine-cap-20mg", "quantity": "5" } ] }""", "lines[0].quantity")]
    [InlineData("""{ "id": "2b9c1f0e-5d7a-4c1b-9e3f-8a6d2c4b1e70", "countedAt": "2026-11-30T17:00:00Z", "lines": [ { "medicine": "fluoxetine-cap-20mg", "quantity": 5, "type": "issue" } ] }""", "lines[0].type")]
    [InlineData("""{ "id": "2b9c1f0e-5d7a-4c1b-9e3f-8a6d2c4b1e70", "countedAt": "2026-11-30T17:00:00Z", "lines": [ { "medicine": "fluoxetine-cap-20mg", "quantity": 5 }, { "medicine": "Fluoxetine 20 mg", "quantity": 6 } ] }""", "lines[1].medicine")]
    [InlineData("""[ 1, 2 ]""", "body")]
    [InlineData("""{ "id": """, "body")]
    public async Task A_sheet_that_cannot_be_read_is_a_400_naming_the_field_and_records_nothing(string json, string field)
    {
        var (facility, pharmacist) = await PharmacyAt("sheet-bad-" + Guid.NewGuid().ToString("N")[..8]);

        var response = await PostRaw(pharmacist, facility, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ErrorFields());
        Assert.Equal(0, await gateway.LedgerRows(facility));
    }

    [Fact]
    public async Task Only_the_facility_s_pharmacists_and_head_record_a_sheet()
    {
        var (facility, _) = await PharmacyAt("sheet-roles");
        await gateway.RegisterFacility("sheet-other", "sheet-d");
        var sheet = new { id = Guid.NewGuid(), countedAt = gateway.HoursAgo(1), lines = new object[] { new { medicine = Fluoxetine, quantity = 3 } } };
        using var elsewhere = await gateway.ClientFor("pharmacist", facilities: ["sheet-other"]);
        using var clinician = await gateway.ClientFor("clinician", facilities: [facility]);
        using var head = await gateway.ClientFor("facility_head", facilities: [facility]);

        Assert.Equal(HttpStatusCode.Forbidden, (await PostSheet(elsewhere, facility, sheet)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostSheet(clinician, facility, sheet)).StatusCode);
        Assert.Equal(0, await gateway.LedgerRows(facility));
        Assert.Equal(["accepted"], (await (await PostSheet(head, facility, sheet)).Results()).Select(r => r.Outcome()));
    }
}
