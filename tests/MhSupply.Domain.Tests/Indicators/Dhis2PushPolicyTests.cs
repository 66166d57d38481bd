using MhSupply.Indicators;
using MhSupply.Reporting;

namespace MhSupply.Domain.Tests.Indicators;

/// <summary>The rules of the DHIS2 push (Dhis2PushPolicy) and the reading of DHIS2's import summary, without a server.</summary>
public sealed class Dhis2PushPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Due = new(2026, 12, 11, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_last_complete_month_is_the_one_before_the_local_day()
    {
        var nairobi = TimeZoneInfo.FindSystemTimeZoneById("Africa/Nairobi");
        // 22:30 UTC on 30 November is already 1 December in Nairobi (UTC+3): November has ended there.
        var lateNovember = new DateTimeOffset(2026, 11, 30, 22, 30, 0, TimeSpan.Zero);

        Assert.Equal(new IndicatorPeriod(PeriodKind.Month, 2026, 11), Dhis2PushPolicy.LastCompleteMonth(lateNovember, nairobi));
        Assert.Equal(new IndicatorPeriod(PeriodKind.Month, 2026, 10), Dhis2PushPolicy.LastCompleteMonth(lateNovember, TimeZoneInfo.Utc));
        Assert.Equal(new IndicatorPeriod(PeriodKind.Month, 2025, 12), Dhis2PushPolicy.LastCompleteMonth(new DateTimeOffset(2026, 1, 3, 0, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc));
    }

    [Fact]
    public void A_period_can_be_pushed_once_it_has_ended_and_is_due_after_the_due_day_of_its_last_month()
    {
        var calendar = new ReportingCalendar(10, TimeZoneInfo.Utc);
        var november = IndicatorPeriod.Parse("2026-11")!.Value;

        Assert.Equal(Due, Dhis2PushPolicy.DueAt(november, calendar));
        Assert.Equal(new DateTimeOffset(2027, 1, 11, 0, 0, 0, TimeSpan.Zero), Dhis2PushPolicy.DueAt(IndicatorPeriod.Parse("2026Q4")!.Value, calendar));
        Assert.True(Dhis2PushPolicy.HasEnded(november, Now, TimeZoneInfo.Utc));
        Assert.False(Dhis2PushPolicy.HasEnded(IndicatorPeriod.Parse("2026-12")!.Value, Now, TimeZoneInfo.Utc));
        Assert.False(Dhis2PushPolicy.HasEnded(IndicatorPeriod.Parse("2026")!.Value, Now, TimeZoneInfo.Utc));
    }

    [Fact]
    public void A_new_period_is_sent_on_demand_at_once_and_on_schedule_only_once_due()
    {
        Assert.Equal(Dhis2PushStep.Send, Dhis2PushPolicy.Decide(Dhis2PushHistory.None, onDemand: true, force: false, Due.AddDays(-3), Due));
        Assert.Equal(Dhis2PushStep.NotDue, Dhis2PushPolicy.Decide(Dhis2PushHistory.None, onDemand: false, force: false, Due.AddTicks(-1), Due));
        Assert.Equal(Dhis2PushStep.Send, Dhis2PushPolicy.Decide(Dhis2PushHistory.None, onDemand: false, force: false, Due, Due));
    }

    [Fact]
    public void A_period_DHIS2_took_is_sent_again_only_when_forced()
    {
        var taken = new Dhis2PushHistory(null, null, AcceptedId: 7, LastId: 7);

        Assert.Equal(Dhis2PushStep.AlreadyPushed, Dhis2PushPolicy.Decide(taken, onDemand: true, force: false, Now, Due));
        Assert.Equal(Dhis2PushStep.AlreadyPushed, Dhis2PushPolicy.Decide(taken, onDemand: false, force: false, Now, Due));
        Assert.Equal(Dhis2PushStep.Send, Dhis2PushPolicy.Decide(taken, onDemand: true, force: true, Now, Due));
    }

    [Fact]
    public void A_refused_or_given_up_period_waits_for_an_admin_and_a_pending_one_for_its_back_off()
    {
        var refused = new Dhis2PushHistory(null, null, AcceptedId: null, LastId: 3);
        var pending = new Dhis2PushHistory(4, Now.AddMinutes(5), null, 4);

        Assert.Equal(Dhis2PushStep.WaitsForAdmin, Dhis2PushPolicy.Decide(refused, onDemand: false, force: false, Now, Due));
        Assert.Equal(Dhis2PushStep.Send, Dhis2PushPolicy.Decide(refused, onDemand: true, force: false, Now, Due));
        Assert.Equal(Dhis2PushStep.WaitsForRetry, Dhis2PushPolicy.Decide(pending, onDemand: false, force: false, Now, Due));
        Assert.Equal(Dhis2PushStep.Resume, Dhis2PushPolicy.Decide(pending, onDemand: false, force: false, Now.AddMinutes(5), Due));
        // An admin does not wait for the back-off, and a forced push resumes the pending one rather than opening a second.
        Assert.Equal(Dhis2PushStep.Resume, Dhis2PushPolicy.Decide(pending, onDemand: true, force: true, Now, Due));
    }

    [Fact]
    public void The_back_off_doubles_up_to_its_cap()
    {
        var first = TimeSpan.FromMinutes(5);
        var max = TimeSpan.FromHours(1);

        Assert.Equal([5, 10, 20, 40, 60, 60], Enumerable.Range(1, 6).Select(n => Dhis2PushPolicy.RetryAfter(n, first, max).TotalMinutes).ToArray());
    }

    [Fact]
    public void An_import_summary_is_read_bare_or_wrapped_and_anything_else_is_none()
    {
        const string bare = """
            {"responseType":"ImportSummary","status":"WARNING","description":"done","importCount":{"imported":2,"updated":1,"ignored":1,"deleted":0},
             "conflicts":[{"object":"FacilityOUb","value":"Organisation unit not in hierarchy","errorCode":"E7617"}]}
            """;
        const string wrapped = """
            {"httpStatus":"Conflict","httpStatusCode":409,"status":"ERROR","message":"Import completed with errors",
             "response":{"responseType":"ImportSummary","status":"ERROR","importCount":{"imported":0,"updated":0,"ignored":3,"deleted":0},"conflicts":[]}}
            """;

        var warning = Dhis2ImportSummary.Parse(bare)!;
        Assert.Equal(("WARNING", 2, 1, 1, 0), (warning.Status, warning.Imported, warning.Updated, warning.Ignored, warning.Deleted));
        Assert.Equal(new Dhis2Conflict("FacilityOUb", "Organisation unit not in hierarchy"), Assert.Single(warning.Conflicts));
        Assert.True(warning.Accepted);

        var error = Dhis2ImportSummary.Parse(wrapped)!;
        Assert.Equal(("ERROR", 3), (error.Status, error.Ignored));
        Assert.False(error.Accepted);

        Assert.Null(Dhis2ImportSummary.Parse("<html><body>502 Bad Gateway</body></html>"));
        Assert.Null(Dhis2ImportSummary.Parse("""{"httpStatus":"Unauthorized","httpStatusCode":401,"status":"ERROR","message":"Unauthorized"}"""));
        Assert.Null(Dhis2ImportSummary.Parse(""));
    }
}
