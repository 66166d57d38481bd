using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Alerts;

/// <summary>
/// A report is for the month its events occurred in (docs/domain.md, "Reporting"): a facility is overdue for a month
/// when nothing dated in it was recorded by day 10 of the next, whatever it entered since for older months; one that never
/// reported is overdue once its first full month since it opened is due. Time moves on the app's clock, never slept.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ReportingPeriodTests(GatewayFactory gateway)
{
    private const string Medicine = "carbamazepine-tab-200mg";

    [Fact]
    public async Task A_facility_that_never_reported_is_overdue_once_its_first_full_month_is_due_and_a_late_report_for_it_resolves_it()
    {
        var now = gateway.Clock.GetUtcNow();
        var month = FirstOf(now);
        // Opened on the 15th of last month: its first full month is this one, due by day 10 of the next.
        var facility = await Register("period-never", month.AddMonths(-1).AddDays(14));
        var deadline = new DateTimeOffset(month.AddMonths(1).AddDays(10).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        gateway.Clock.SetUtcNow(deadline.AddMinutes(-1));
        await RunScan();
        Assert.Empty(await Alerts($"?facility={facility}&kind=report_overdue"));

        gateway.Clock.SetUtcNow(deadline.AddMinutes(1));
        await RunScan();
        await RunScan(); // a second scan finds nothing new: one alert per (kind, subject)
        var alert = Assert.Single(await Alerts($"?facility={facility}&kind=report_overdue&status=open"));
        Assert.Equal($"No stock report from {facility} for {Name(month)}. Each month's report is due by day 10 of the next month.",
            alert.GetProperty("message").GetString());

        // The pharmacist enters the month's count late: the month is reported (late), and nothing else is owed yet.
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        await pharmacist.PostAccepted(facility, Event("physical_count", 40, Noon(month.AddDays(27))));
        Assert.Equal("resolved", (await Detail(alert.GetProperty("id").GetString()!)).GetProperty("status").GetString());
        var (period, firstRecorded) = Assert.Single(await Periods(facility));
        Assert.Equal(month, period);
        Assert.True(firstRecorded > deadline, "recorded after the deadline: a late report");
    }

    [Fact]
    public async Task An_old_month_entered_today_reports_that_month_and_leaves_the_facility_overdue_for_the_months_since()
    {
        // On the 11th of a month, every month up to last is due; the facility opened four months ago.
        var thisMonth = FirstOf(gateway.Clock.GetUtcNow()).AddMonths(1);
        gateway.Clock.SetUtcNow(new DateTimeOffset(thisMonth.AddDays(10).ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));
        var opened = thisMonth.AddMonths(-4);
        var facility = await Register("period-late", opened);
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);

        // The only event occurred three months ago, and is entered today.
        await pharmacist.PostAccepted(facility, Event("receipt", 100, Noon(thisMonth.AddMonths(-3).AddDays(4))));

        var alert = Assert.Single(await Alerts($"?facility={facility}&kind=report_overdue&status=open"));
        var owed = new[] { opened, thisMonth.AddMonths(-2), thisMonth.AddMonths(-1) };
        Assert.StartsWith($"No stock report from {facility} for 3 months: {Name(owed[0])}, {Name(owed[1])} and {Name(owed[2])}.",
            alert.GetProperty("message").GetString(), StringComparison.Ordinal);

        // Entering two of the months rewords the alert; the third resolves it.
        await pharmacist.PostAccepted(facility, Event("physical_count", 0, Noon(owed[0].AddDays(20))), Event("physical_count", 100, Noon(owed[1].AddDays(20))));
        var reworded = Assert.Single(await Alerts($"?facility={facility}&kind=report_overdue&status=open"));
        Assert.Equal(alert.GetProperty("id").GetString(), reworded.GetProperty("id").GetString());
        Assert.StartsWith($"No stock report from {facility} for {Name(owed[2])}.", reworded.GetProperty("message").GetString(), StringComparison.Ordinal);
        // Its parameters follow the words: the months still owed, as ISO months, for a client to name in its language.
        Assert.Equal("report_overdue", reworded.GetProperty("messageCode").GetString());
        Assert.Equal([owed[2].ToString("yyyy-MM")], reworded.GetProperty("messageParams").GetProperty("months").EnumerateArray().Select(m => m.GetString()));

        await pharmacist.PostAccepted(facility, Event("physical_count", 100, Noon(owed[2].AddDays(3))));
        Assert.Empty(await Alerts($"?facility={facility}&kind=report_overdue&status=open"));
        Assert.Equal([opened, thisMonth.AddMonths(-3), owed[1], owed[2]], (await Periods(facility)).Select(p => p.Period));

        // The next check is this month's deadline: nothing is owed until then.
        await RunScan();
        Assert.Empty(await Alerts($"?facility={facility}&kind=report_overdue&status=open"));
        gateway.Clock.SetUtcNow(new DateTimeOffset(thisMonth.AddMonths(1).AddDays(10).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(1));
        await RunScan();
        Assert.StartsWith($"No stock report from {facility} for {Name(thisMonth)}.",
            Assert.Single(await Alerts($"?facility={facility}&kind=report_overdue&status=open")).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opened_on_is_returned_defaults_to_the_registration_day_and_is_kept_on_update()
    {
        using var admin = await gateway.ClientFor("admin");
        var today = DateOnly.FromDateTime(gateway.Clock.GetUtcNow().UtcDateTime);
        (await admin.PutAsJsonAsync("/api/v1/facilities/period-opened", new { name = "Opened", level = "phc", district = "period-d", region = "r" }))
            .EnsureSuccessStatusCode();
        var created = await admin.GetFromJsonAsync<JsonElement>("/api/v1/facilities/period-opened");
        (await admin.PutAsJsonAsync("/api/v1/facilities/period-opened", new { name = "Renamed", level = "phc", district = "period-d", region = "r" }))
            .EnsureSuccessStatusCode();
        var renamed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/facilities/period-opened");
        var tooEarly = await admin.PutAsJsonAsync("/api/v1/facilities/period-opened",
            new { name = "Renamed", level = "phc", district = "period-d", region = "r", openedOn = "1999-12-31" });

        Assert.Equal(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), created.GetProperty("openedOn").GetString());
        Assert.Equal(created.GetProperty("openedOn").GetString(), renamed.GetProperty("openedOn").GetString());
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, tooEarly.StatusCode);
        Assert.True((await tooEarly.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("openedOn", out _));
    }

    private async Task<string> Register(string id, DateOnly openedOn)
    {
        using var admin = await gateway.ClientFor("admin");
        (await admin.PutAsJsonAsync($"/api/v1/facilities/{id}", new { name = id, level = "phc", district = "period-d", region = "r", openedOn }))
            .EnsureSuccessStatusCode();
        return id;
    }

    private async Task<List<(DateOnly Period, DateTimeOffset FirstRecorded)>> Periods(string facility)
    {
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(DateOnly Period, DateTimeOffset FirstRecorded)>(
            "SELECT period, first_recorded_at FROM mh.stock_report_period WHERE facility = @facility ORDER BY period", new { facility });
        return rows.AsList();
    }

    private static DateOnly FirstOf(DateTimeOffset t) => new(t.UtcDateTime.Year, t.UtcDateTime.Month, 1);

    private static DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    private static string Name(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    private static object Event(string type, int quantity, DateTimeOffset at) => ApiSteps.StockEvent(Medicine, type, quantity, at);

    private Task RunScan() => gateway.RunAlertScan();

    private Task<List<JsonElement>> Alerts(string query) => gateway.AdminAlerts(query);

    private Task<JsonElement> Detail(string id) => gateway.AdminAlert(id);
}
