using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Indicators;

/// <summary>
/// The DHIS2 mapping (admin, JSON or CSV, checked whole) and the data value set built with it: mapped figures become
/// data values of their organisation unit, the others are listed as unmapped, a period is written DHIS2's way.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class Dhis2ExportTests(GatewayFactory gateway)
{
    private const string District = "ind-dhis-d";

    [Fact]
    public async Task A_district_with_its_children_exports_the_mapped_figures_and_lists_what_has_no_mapping()
    {
        using var admin = await gateway.ClientFor("admin");
        var now = gateway.Clock.GetUtcNow();
        var month = new DateOnly(now.Year, now.Month, 1).AddMonths(-1);
        foreach (var id in new[] { "ind-dhis-a", "ind-dhis-b" })
        {
            (await admin.PutAsJsonAsync($"/api/v1/facilities/{id}", new { name = id, level = "phc", district = District, region = "ind-dhis-r", openedOn = month.AddMonths(-1) }))
                .EnsureSuccessStatusCode();
        }
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: ["ind-dhis-a"]);
        await pharmacist.PostAccepted("ind-dhis-a", ApiSteps.StockEvent("carbamazepine-tab-200mg", "physical_count", 10, new DateTimeOffset(month.AddDays(9).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)));

        var mapping = new
        {
            dataSet = "pBOMPrpg1QX",
            dataElements = new object[] { new { indicator = "reporting_rate", dataElement = "ReportRate1", categoryOptionCombo = "HllvX50cXC0" } },
            orgUnits = new object[] { new { level = "district", id = District, orgUnit = "DistrictOU1" }, new { level = "facility", id = "ind-dhis-a", orgUnit = "FacilityOUa" } },
        };
        (await admin.PutAsJsonAsync("/api/v1/hmis/dhis2/mapping", mapping)).EnsureSuccessStatusCode();

        using var manager = await gateway.ClientFor("district_manager", districts: [District]);
        var period = $"{month.Year:D4}{month.Month:D2}";
        var set = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/hmis/dhis2/dataValueSets?period={period}&orgUnit={District}&children=true");
        Assert.Equal("pBOMPrpg1QX", set.GetProperty("dataSet").GetString());
        Assert.Equal(period, set.GetProperty("period").GetString());
        Assert.Equal("DistrictOU1", set.GetProperty("orgUnit").GetString());
        var values = set.GetProperty("dataValues").EnumerateArray()
            .Select(v => (v.GetProperty("dataElement").GetString(), v.GetProperty("categoryOptionCombo").GetString(), v.GetProperty("orgUnit").GetString(), v.GetProperty("value").GetString()))
            .OrderBy(v => v.Item3).ToList();
        // The district: one of two facilities reported (0.5); facility a: 1 of 1. Facility b has no organisation unit.
        Assert.Equal([("ReportRate1", "HllvX50cXC0", "DistrictOU1", "0.5"), ("ReportRate1", "HllvX50cXC0", "FacilityOUa", "1")], values);
        var unmapped = set.GetProperty("unmapped").EnumerateArray().ToList();
        Assert.Contains(unmapped, u => u.GetProperty("id").GetString() == "ind-dhis-b" && u.GetProperty("reason").GetString() == "no_org_unit");
        Assert.Contains(unmapped, u => u.GetProperty("id").GetString() == District && u.GetProperty("indicator").GetString() == "reporting_timeliness"
            && u.GetProperty("reason").GetString() == "no_data_element");

        // Without children: the district alone.
        var alone = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/hmis/dhis2/dataValueSets?period={period}&orgUnit={District}");
        Assert.Single(alone.GetProperty("dataValues").EnumerateArray());
    }

    [Fact]
    public async Task The_mapping_round_trips_as_CSV_and_a_bad_line_refuses_it_whole()
    {
        using var admin = await gateway.ClientFor("admin");
        var csv = "kind,indicator,dimension,member,level,id,uid,categoryOptionCombo\r\n"
            + "dataSet,,,,,,pBOMPrpg1QX,\r\n"
            + "dataElement,tracer_availability,medicine,fluoxetine-20,,,TracerFlu01,\r\n"
            + "dataElement,reporting_rate,,,,,ReportRate1,\r\n"
            + "orgUnit,,,,district,ind-dhis-csv,DistrictOU2,\r\n";
        var put = await admin.PutAsync("/api/v1/hmis/dhis2/mapping", new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var back = await admin.GetStringAsync("/api/v1/hmis/dhis2/mapping?format=csv");
        Assert.Equal(csv.Split("\r\n").Order(), back.Split("\r\n").Order());

        var bad = csv.Replace("TracerFlu01", "not-a-uid", StringComparison.Ordinal).Replace(",medicine,", ",sex,", StringComparison.Ordinal);
        var refused = await admin.PutAsync("/api/v1/hmis/dhis2/mapping", new StringContent(bad, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("dataElements[0].dataElement", out _));
        Assert.True(errors.TryGetProperty("dataElements[0].dimension", out _));
        Assert.Equal(back, await admin.GetStringAsync("/api/v1/hmis/dhis2/mapping?format=csv"));

        using var manager = await gateway.ClientFor("district_manager", districts: ["ind-dhis-csv"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PutAsync("/api/v1/hmis/dhis2/mapping", new StringContent(csv, Encoding.UTF8, "text/csv"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/hmis/dhis2/dataValueSets?period=202611&orgUnit=ind-dhis-nowhere")).StatusCode);
    }
}
