using System.Globalization;
using System.Net;
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
        Assert.Contains("header", await response.ErrorFields());
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
}
