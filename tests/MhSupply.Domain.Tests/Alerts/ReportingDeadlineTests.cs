using MhSupply.Alerts;

namespace MhSupply.Domain.Tests.Alerts;

public sealed class ReportingDeadlineTests
{
    [Fact]
    public void Report_in_November_makes_the_December_report_due_by_the_end_of_10_January()
    {
        var after = ReportingDeadline.After(new DateOnly(2026, 11, 22), 10, TimeZoneInfo.Utc);

        Assert.Equal(new DateTimeOffset(2027, 1, 11, 0, 0, 0, TimeSpan.Zero), after);
    }

    [Fact]
    public void Report_on_the_last_day_of_a_month_still_covers_only_that_month()
    {
        var after = ReportingDeadline.After(new DateOnly(2026, 1, 31), 10, TimeZoneInfo.Utc);

        Assert.Equal(new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero), after);
    }

    [Fact]
    public void Deadline_is_midnight_in_the_facility_time_zone()
    {
        var nairobi = TimeZoneInfo.FindSystemTimeZoneById("Africa/Nairobi");

        var after = ReportingDeadline.After(new DateOnly(2026, 5, 3), 10, nairobi);

        Assert.Equal(new DateTimeOffset(2026, 7, 10, 21, 0, 0, TimeSpan.Zero), after.ToUniversalTime());
    }
}
