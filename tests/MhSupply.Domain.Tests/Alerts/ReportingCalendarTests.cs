using MhSupply.Alerts;
using MhSupply.Reporting;

namespace MhSupply.Domain.Tests.Alerts;

/// <summary>Reporting periods with hand-worked dates: a report is for the month its events occurred in.</summary>
public sealed class ReportingCalendarTests
{
    private static readonly ReportingCalendar Utc = new(10, TimeZoneInfo.Utc);

    private static DateOnly Month(int year, int month) => new(year, month, 1);

    private static DateTimeOffset At(int year, int month, int day, int hour = 0) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void November_is_due_by_the_end_of_10_December()
    {
        Assert.Equal(At(2026, 12, 11), Utc.DeadlineOf(Month(2026, 11)));
        Assert.Equal(At(2027, 1, 11), Utc.DeadlineOf(Month(2026, 12)));
    }

    [Fact]
    public void The_deadline_is_midnight_in_the_facilities_time_zone()
    {
        var nairobi = new ReportingCalendar(10, TimeZoneInfo.FindSystemTimeZoneById("Africa/Nairobi"));

        Assert.Equal(new DateTimeOffset(2026, 7, 10, 21, 0, 0, TimeSpan.Zero), nairobi.DeadlineOf(Month(2026, 6)).ToUniversalTime());
        // 22:30 UTC on 31 October is already 1 November in Nairobi: an event then reports November.
        Assert.Equal(Month(2026, 11), nairobi.PeriodOf(new DateTimeOffset(2026, 10, 31, 22, 30, 0, TimeSpan.Zero)));
        Assert.Equal(Month(2026, 10), Utc.PeriodOf(new DateTimeOffset(2026, 10, 31, 22, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void A_facility_is_expected_from_its_first_full_month()
    {
        Assert.Equal(Month(2026, 10), ReportingCalendar.FirstExpected(new DateOnly(2026, 9, 15)));
        Assert.Equal(Month(2026, 9), ReportingCalendar.FirstExpected(new DateOnly(2026, 9, 1)));
    }

    [Fact]
    public void A_facility_that_never_reported_is_overdue_only_after_its_first_full_month_is_due()
    {
        var opened = new DateOnly(2026, 9, 15);
        var none = new HashSet<DateOnly>();

        var before = Utc.Evaluate(opened, true, none, At(2026, 11, 10, 23));
        var after = Utc.Evaluate(opened, true, none, At(2026, 11, 11));

        Assert.Empty(before.Overdue);
        Assert.Equal(At(2026, 11, 11), before.NextCheckAt);
        Assert.Equal([Month(2026, 10)], after.Overdue);
        Assert.Equal(At(2026, 12, 11), after.NextCheckAt);
    }

    [Fact]
    public void A_late_entry_of_an_old_month_reports_that_month_not_the_current_one()
    {
        // Opened in January; reported February to August on time; on 20 November the pharmacist enters August's
        // dispensing again and September's late: October is still owed (due 10 November), November is not yet due.
        var reported = new HashSet<DateOnly> { Month(2026, 1), Month(2026, 2), Month(2026, 3), Month(2026, 4), Month(2026, 5),
            Month(2026, 6), Month(2026, 7), Month(2026, 8), Month(2026, 9) };

        var status = Utc.Evaluate(new DateOnly(2026, 1, 1), true, reported, At(2026, 11, 20));

        Assert.Equal([Month(2026, 10)], status.Overdue);
        Assert.Equal(At(2026, 12, 11), status.NextCheckAt);
        Assert.False(Utc.OnTime(Month(2026, 9), At(2026, 11, 20)));
        Assert.True(Utc.OnTime(Month(2026, 10), At(2026, 11, 10, 23)));
        Assert.False(Utc.OnTime(Month(2026, 10), At(2026, 11, 11)));
    }

    [Fact]
    public void A_facility_whose_only_report_is_three_months_old_owes_every_month_since()
    {
        // The only event occurred in August and was entered on 1 December: August is reported (late); September and
        // October are owed; November is due on 11 December.
        var status = Utc.Evaluate(new DateOnly(2026, 1, 1), true, new HashSet<DateOnly> { Month(2026, 8) }, At(2026, 12, 1));

        Assert.Equal(Month(2026, 1), status.Overdue[0]);
        Assert.Equal([Month(2026, 9), Month(2026, 10)], status.Overdue.Skip(7));
        Assert.Equal(9, status.Overdue.Count);
        Assert.Equal(At(2026, 12, 11), status.NextCheckAt);
    }

    [Fact]
    public void A_report_for_the_current_month_moves_the_next_check_past_it()
    {
        var status = Utc.Evaluate(new DateOnly(2026, 1, 1), true, new HashSet<DateOnly> { Month(2026, 10), Month(2026, 11) },
            At(2026, 11, 5));

        Assert.Equal([Month(2026, 1), Month(2026, 2), Month(2026, 3), Month(2026, 4), Month(2026, 5), Month(2026, 6), Month(2026, 7),
            Month(2026, 8), Month(2026, 9)], status.Overdue);
        Assert.Equal(At(2027, 1, 11), status.NextCheckAt);
    }

    [Fact]
    public void An_inactive_facility_owes_nothing()
    {
        var status = Utc.Evaluate(new DateOnly(2025, 1, 1), false, new HashSet<DateOnly>(), At(2026, 11, 20));

        Assert.Empty(status.Overdue);
        Assert.Null(status.NextCheckAt);
    }

    [Fact]
    public void The_alert_names_the_months_owed_and_the_due_day()
    {
        var one = ReportingAlertRules.ConditionFor("phc-a", "Camp A clinic", new ReportingStatus([Month(2026, 10)], null), 10)!;
        var three = ReportingAlertRules.ConditionFor("phc-a", "Camp A clinic",
            new ReportingStatus([Month(2026, 8), Month(2026, 9), Month(2026, 10)], null), 10)!;

        Assert.Equal("No stock report from Camp A clinic for October 2026. Each month's report is due by day 10 of the next month.", one.Message);
        Assert.StartsWith("No stock report from Camp A clinic for 3 months: August 2026, September 2026 and October 2026.", three.Message, StringComparison.Ordinal);
        Assert.Equal(("report_overdue", "phc-a"), (one.Kind, one.Subject));
        Assert.Null(ReportingAlertRules.ConditionFor("phc-a", "Camp A clinic", new ReportingStatus([], At(2026, 12, 11)), 10));
    }
}
