using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Indicators;

/// <summary>
/// <c>reporting_rate</c> and <c>reporting_timeliness</c> through <c>GET /api/v1/indicators</c>, worked by hand: three
/// facilities expected in a month (one never reports, one reports late), one opened mid-month and not yet expected.
/// Also the request rules every indicator endpoint shares: fields named on a 400, scope on a 403, CSV.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ReportingIndicatorsApiTests(GatewayFactory gateway)
{
    private const string District = "ind-rep-d";
    private const string Medicine = "carbamazepine-tab-200mg";

    [Fact]
    public async Task A_month_counts_every_expected_facility_including_the_one_that_never_reported_and_only_on_time_reports_are_timely()
    {
        // The month measured (M) is next month, so every report below is "now" on the app's clock.
        var month = FirstOf(gateway.Clock.GetUtcNow()).AddMonths(1);
        var opened = month.AddMonths(-2);
        gateway.Clock.SetUtcNow(At(month.AddMonths(1).AddDays(2)));   // the 3rd of M+1: before the due day (10th)
        await Register("ind-rep-ontime", opened);
        await Register("ind-rep-late", opened);
        await Register("ind-rep-never", opened);
        await Register("ind-rep-new", month.AddDays(14)); // opened mid-month: first expected the month after

        await Report("ind-rep-ontime", month.AddDays(19));
        await Report("ind-rep-new", month.AddDays(19));              // a report for M from a facility not expected in M
        gateway.Clock.SetUtcNow(At(month.AddMonths(1).AddDays(11)));  // the 12th: after the due day
        await Report("ind-rep-late", month.AddDays(25));

        using var manager = await gateway.ClientFor("district_manager", districts: [District]);
        var period = Month(month);
        var district = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?period={period}&level=district&id={District}");
        Assert.Equal(period, district.GetProperty("period").GetString());
        Assert.Equal((0.6667m, 2m, 3m), Figures(district, "reporting_rate"));
        Assert.Equal((0.3333m, 1m, 3m), Figures(district, "reporting_timeliness"));

        // The month before: the same three owed a report, none came; the new facility was not open.
        var before = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?period={Month(month.AddMonths(-1))}&level=district&id={District}");
        Assert.Equal((0m, 0m, 3m), Figures(before, "reporting_rate"));

        // One facility: the one that never reported is 0 of 1; the quarter of M counts facility-months.
        var never = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?period={period}&level=facility&id=ind-rep-never");
        Assert.Equal((0m, 0m, 1m), Figures(never, "reporting_rate"));
        var quarter = $"{month.Year}Q{(month.Month - 1) / 3 + 1}";
        var inQuarter = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?period={quarter}&level=facility&id=ind-rep-ontime");
        // A quarter in progress owes only its months up to this one (the clock is in M+1): none that has not begun.
        var thisMonth = month.AddMonths(1);
        var owed = Enumerable.Range(0, 3).Select(i => new DateOnly(month.Year, (month.Month - 1) / 3 * 3 + 1, 1).AddMonths(i))
            .Count(m => m >= opened && m <= thisMonth);
        Assert.Equal((Math.Round(1m / owed, 4), 1m, owed), Figures(inQuarter, "reporting_rate"));

        // The trend of the two months, and the CSV of the month.
        var trend = await manager.GetFromJsonAsync<JsonElement>(
            $"/api/v1/indicators/trend?indicator=reporting_rate&level=district&id={District}&from={Month(month.AddMonths(-1))}&to={period}");
        Assert.Equal([0m, 0.6667m], trend.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").GetDecimal()));
        var csv = await manager.GetStringAsync($"/api/v1/indicators?period={period}&level=district&id={District}&format=csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("period,level,id,indicator,dimension,member,value,numerator,denominator", lines[0]);
        Assert.Contains($"{period},district,{District},reporting_rate,,,0.6667,2,3", lines);
    }

    [Fact]
    public async Task Bad_parameters_are_named_and_callers_see_only_their_scope()
    {
        await Register("ind-rep-scope", FirstOf(gateway.Clock.GetUtcNow()).AddMonths(-3));
        using var manager = await gateway.ClientFor("district_manager", districts: [District]);
        using var other = await gateway.ClientFor("district_manager", districts: ["ind-rep-elsewhere"]);
        using var head = await gateway.ClientFor("facility_head", facilities: ["ind-rep-scope"]);
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: ["ind-rep-scope"]);
        using var admin = await gateway.ClientFor("admin");

        var bad = await manager.GetAsync($"/api/v1/indicators?period=2026-13&level=planet&id={District}");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var body = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("errors").TryGetProperty("period", out _));
        Assert.True(body.GetProperty("errors").TryGetProperty("level", out _));
        Assert.Equal("indicator.period_invalid", body.GetProperty("codes").GetProperty("period")[0].GetProperty("code").GetString());
        var noId = await manager.GetAsync("/api/v1/indicators?period=2026-11&level=district");
        Assert.True((await noId.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("id", out _));
        var badRange = await manager.GetAsync($"/api/v1/indicators/trend?indicator=reporting_rate&level=district&id={District}&from=2026-11&to=2026Q4");
        Assert.Equal(HttpStatusCode.BadRequest, badRange.StatusCode);
        var unknown = await manager.GetAsync($"/api/v1/indicators/trend?indicator=happiness&level=district&id={District}");
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("indicator", out _));

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/v1/indicators?period=2026-11&level=district&id={District}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/v1/indicators?period=2026-11&level=facility&id=ind-rep-scope")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/indicators?period=2026-11")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await head.GetAsync($"/api/v1/indicators?period=2026-11&level=district&id={District}")).StatusCode);
        var refused = await pharmacist.GetAsync("/api/v1/indicators?period=2026-11&level=facility&id=ind-rep-scope");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("indicator.forbidden", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync("/api/v1/indicators?period=2026-11&level=facility&id=ind-rep-scope")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/v1/indicators?period=2026-11&level=facility&id=ind-rep-scope")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/indicators?period=2026Q4&level=national")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/indicators?period=2026&level=district&id=ind-rep-nowhere")).StatusCode);
    }

    private static (decimal Value, decimal Numerator, decimal Denominator) Figures(JsonElement answer, string indicator)
    {
        var v = answer.GetProperty("values").EnumerateArray()
            .Single(e => e.GetProperty("indicator").GetString() == indicator && (!e.TryGetProperty("breakdown", out var b) || b.ValueKind == JsonValueKind.Null));
        return (v.GetProperty("value").GetDecimal(), v.GetProperty("numerator").GetDecimal(), v.GetProperty("denominator").GetDecimal());
    }

    private async Task Register(string id, DateOnly openedOn)
    {
        using var admin = await gateway.ClientFor("admin");
        (await admin.PutAsJsonAsync($"/api/v1/facilities/{id}", new { name = id, level = "phc", district = District, region = "ind-rep-r", openedOn }))
            .EnsureSuccessStatusCode();
    }

    private async Task Report(string facility, DateOnly day)
    {
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        await pharmacist.PostAccepted(facility, ApiSteps.StockEvent(Medicine, "physical_count", 40, At(day).AddHours(12)));
    }

    private static string Month(DateOnly m) => $"{m.Year:D4}-{m.Month:D2}";

    private static DateOnly FirstOf(DateTimeOffset t) => new(t.UtcDateTime.Year, t.UtcDateTime.Month, 1);

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
