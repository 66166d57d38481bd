using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Stock.StockApiHelpers;

namespace MhSupply.Tests.Stock;

/// <summary>POST .../stock-events/csv: the same batch as JSON, one result per data row (docs/api.md "Stock").</summary>
[Collection(GatewayCollection.Name)]
public sealed class StockCsvTests(GatewayFactory gateway)
{
    private const string Header = "id,medicine,type,quantity,occurredAt,reason,lot,expiry,otherFacility,note";

    private async Task<(string Facility, HttpClient Pharmacist)> PharmacyAt(string facility)
    {
        await gateway.RegisterFacility(facility, "scsv-d");
        return (facility, await gateway.ClientFor("pharmacist", facilities: [facility]));
    }

    private string HoursAgo(double hours) => gateway.HoursAgo(hours).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Each_data_row_gets_one_result_in_row_order()
    {
        var (facility, pharmacist) = await PharmacyAt("scsv-rows");
        Guid[] ids = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        var csv = $"""
            {Header}
            {ids[0]},{Fluoxetine},receipt,100,{HoursAgo(9)},,LOT-7,2030-01-31,scsv-warehouse,
            {ids[1]},{Fluoxetine},issue,30,{HoursAgo(8)},,,,,
            {ids[2]},{Fluoxetine},adjustment,5,{HoursAgo(7)},damaged,,,,dropped
            """;

        var results = await (await pharmacist.PostCsv(facility, csv)).Results();

        Assert.Equal(ids, results.Select(r => r.GetProperty("id").GetGuid()));
        Assert.All(results, r => Assert.Equal("accepted", r.Outcome()));
    }

    [Fact]
    public async Task Quoted_note_with_a_comma_is_recorded_whole()
    {
        var (facility, pharmacist) = await PharmacyAt("scsv-quoted");
        var id = Guid.NewGuid();
        var csv = $"""
            {Header}
            {id},{Fluoxetine},receipt,40,{HoursAgo(5)},,,,,"from the district store, late"
            """;

        await pharmacist.PostCsv(facility, csv);

        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        var note = await connection.ExecuteScalarAsync<string>("SELECT note FROM mh.stock_event WHERE event_id = @id", new { id });
        Assert.Equal("from the district store, late", note);
    }

    [Fact]
    public async Task Missing_required_header_column_is_a_bad_request_naming_header()
    {
        var (facility, pharmacist) = await PharmacyAt("scsv-header");
        var csv = $"""
            id,medicine,type,occurredAt
            {Guid.NewGuid()},{Fluoxetine},receipt,{HoursAgo(5)}
            """;

        var response = await pharmacist.PostCsv(facility, csv);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The first row of the file must name the columns; it lacks: quantity. Download the template to see them.",
            problem.GetProperty("errors").GetProperty("header")[0].GetString());
        var code = problem.GetProperty("codes").GetProperty("header")[0];
        Assert.Equal(("csv_header_missing", "quantity"), (code.GetProperty("code").GetString(), code.GetProperty("params").GetProperty("missing").GetString()));
        Assert.Equal(0, await gateway.LedgerRows(facility));
    }

    [Fact]
    public async Task Csv_with_a_header_and_no_data_rows_is_a_bad_request_naming_events()
    {
        var (facility, pharmacist) = await PharmacyAt("scsv-empty");

        var response = await pharmacist.PostCsv(facility, Header + "\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("events", await response.ErrorFields());
    }

    [Fact]
    public async Task Bad_row_is_rejected_naming_its_field_while_the_other_rows_are_accepted()
    {
        var (facility, pharmacist) = await PharmacyAt("scsv-bad-row");
        var csv = $"""
            {Header}
            {Guid.NewGuid()},{Fluoxetine},receipt,100,{HoursAgo(9)},,,,,
            {Guid.NewGuid()},{Fluoxetine},issue,many,{HoursAgo(8)},,,,,
            {Guid.NewGuid()},{Fluoxetine},issue,30,{HoursAgo(7)},,,,,
            """;

        var results = await (await pharmacist.PostCsv(facility, csv)).Results();

        Assert.Equal(["accepted", "rejected", "accepted"], results.Select(r => r.Outcome()));
        Assert.Equal("quantity", results[1].ErrorField());
        Assert.Equal(2, await gateway.LedgerRows(facility));
    }

    private static string DayFirst(DateTimeOffset at) => at.UtcDateTime.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_template_names_the_facilitys_medicines_and_today_without_an_id_and_uploaded_twice_counts_once()
    {
        var (facility, pharmacist) = await PharmacyAt("scsv-template");

        var response = await pharmacist.GetAsync($"/api/v1/facilities/{facility}/stock-events/csv-template");
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var template = await response.Content.ReadAsStringAsync();
        var lines = template.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("medicine,type,quantity,occurredAt,reason,lot,expiry,otherFacility,note", lines[0]);
        Assert.DoesNotContain("fluoxetine-cap-20mg", template, StringComparison.Ordinal);
        Assert.All(lines.Skip(1), l => Assert.Contains(DayFirst(gateway.Clock.GetUtcNow()), l, StringComparison.Ordinal));
        // Names as the medicines list shows them (name, strength, form), of medicines a PHC stocks.
        Assert.Contains("Amitriptyline 25 mg tablet,receipt,100,", template, StringComparison.Ordinal);

        var first = await (await pharmacist.PostCsv(facility, template)).Results();
        var second = await (await pharmacist.PostCsv(facility, template)).Results();

        Assert.Equal(lines.Length - 1, first.Count);
        Assert.All(first, r => Assert.Equal("accepted", r.Outcome()));
        Assert.All(second, r => Assert.Equal("duplicate", r.Outcome()));
        Assert.Equal(first.Select(r => r.GetProperty("id").GetGuid()), second.Select(r => r.GetProperty("id").GetGuid()));
        Assert.Equal(lines.Length - 1, await gateway.LedgerRows(facility));
        Assert.Equal("Amitriptyline 25 mg tablet", first[0].GetProperty("medicineName").GetString());
        Assert.Equal("amitriptyline-tab-25mg", first[0].GetProperty("medicine").GetString());
        Assert.Equal(2, first[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task A_day_first_date_is_that_local_day_and_a_name_or_a_code_is_the_same_line()
    {
        var (facility, pharmacist) = await PharmacyAt("scsv-dayfirst");
        var day = gateway.Clock.GetUtcNow().AddDays(-3);
        const string header = "medicine,type,quantity,occurredAt,lot,expiry";
        var byName = $"""
            {header}
            fluoxetine 20 MG capsule or tablet,receipt,100,{DayFirst(day)},L-1,{day.AddYears(1).UtcDateTime:dd-MM-yyyy}
            Fluoxetine 20 mg,issue,30,{day.UtcDateTime:dd-MM-yyyy},,
            """;
        var byCode = $"""
            {header}
            {Fluoxetine},receipt,100,{day.UtcDateTime:yyyy-MM-dd},L-1,{day.AddYears(1).UtcDateTime:yyyy-MM-dd}
            {Fluoxetine},issue,30,{DayFirst(day)},,
            """;

        var first = await (await pharmacist.PostCsv(facility, byName)).Results();
        var second = await (await pharmacist.PostCsv(facility, byCode)).Results();

        Assert.Equal(["accepted", "accepted"], first.Select(r => r.Outcome()));
        Assert.Equal(["duplicate", "duplicate"], second.Select(r => r.Outcome()));
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        var occurred = await connection.QueryAsync<DateTime>("SELECT occurred_at FROM mh.stock_event WHERE facility = @facility", new { facility });
        // A date alone is the start of that day in the facilities' zone (UTC here).
        Assert.All(occurred, at => Assert.Equal(day.UtcDateTime.Date, at.ToUniversalTime()));
        Assert.Equal(70, await pharmacist.Soh(facility));
    }

    [Fact]
    public async Task A_bad_line_names_its_line_number_its_field_and_what_to_do()
    {
        var (facility, pharmacist) = await PharmacyAt("scsv-bad-line");
        var csv = $"""
            medicine,type,quantity,occurredAt
            {Fluoxetine},receipt,100,{DayFirst(gateway.HoursAgo(30))}
            {Fluoxetine},issue,thirty,{DayFirst(gateway.HoursAgo(30))}
            Fluoxetin,issue,5,{DayFirst(gateway.HoursAgo(30))}
            {Fluoxetine},issue,5,12/31/2025
            """;

        var results = await (await pharmacist.PostCsv(facility, csv)).Results();

        Assert.Equal(["accepted", "rejected", "rejected", "rejected"], results.Select(r => r.Outcome()));
        Assert.Equal([2, 3, 4, 5], results.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal(["quantity", "medicine", "occurredAt"], results.Skip(1).Select(r => r.ErrorField()));
        var error = results[1].GetProperty("error");
        Assert.Equal("\"thirty\" is not a whole number. Give the quantity in units, for example 30.", error.GetProperty("message").GetString());
        Assert.Equal("quantity_not_number", error.GetProperty("messageCode").GetString());
        Assert.Equal("thirty", error.GetProperty("params").GetProperty("value").GetString());
        Assert.Equal("\"Fluoxetin\" is not on the medicines list. Use a name or code from the list.",
            results[2].GetProperty("error").GetProperty("message").GetString());
        Assert.DoesNotContain("ISO", results[3].GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await gateway.LedgerRows(facility));
    }
}
