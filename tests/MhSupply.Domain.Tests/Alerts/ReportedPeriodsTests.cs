using MhSupply.Reporting;
using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Alerts;

/// <summary>The months a facility's events report for, as the grain keeps them between writes of the reporting table.</summary>
public sealed class ReportedPeriodsTests
{
    private static readonly ReportingCalendar Calendar = new(10, TimeZoneInfo.Utc);

    private static StockEvent Receipt(string occurred, string recorded) =>
        new(Guid.NewGuid(), "m", StockEventType.Receipt, 1, DateTimeOffset.Parse(occurred, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(recorded, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void An_accepted_event_of_a_new_month_is_a_row_to_write_and_a_loaded_one_is_not()
    {
        var periods = new ReportedPeriods(Calendar);

        periods.Note(Receipt("2026-09-03T10:00:00Z", "2026-09-03T10:05:00Z"), accepted: false);
        periods.Note(Receipt("2026-10-20T10:00:00Z", "2026-11-20T08:00:00Z"), accepted: true);
        periods.Note(Receipt("2026-10-21T10:00:00Z", "2026-11-21T08:00:00Z"), accepted: true);

        Assert.Equal([new DateOnly(2026, 10, 1)], periods.Changed);
        Assert.Equal(DateTimeOffset.Parse("2026-11-20T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            periods.FirstRecorded[new DateOnly(2026, 10, 1)]);
        Assert.Equal(2, periods.Periods.Count);
    }

    [Fact]
    public void Months_restored_from_a_snapshot_are_not_changes_but_a_reload_after_a_failure_rewrites_all_until_saved()
    {
        var periods = new ReportedPeriods(Calendar);
        periods.Restore(new DateOnly(2026, 9, 1), DateTimeOffset.Parse("2026-09-03T10:05:00Z", System.Globalization.CultureInfo.InvariantCulture));
        periods.Note(Receipt("2026-09-20T10:00:00Z", "2026-09-20T10:05:00Z"), accepted: true);

        Assert.Empty(periods.Changed);
        Assert.False(periods.RewritePending);

        periods.RequireRewrite();
        Assert.True(periods.RewritePending);
        Assert.Equal([new DateOnly(2026, 9, 1)], periods.Periods);
        periods.Saved();
        Assert.False(periods.RewritePending);
    }
}
