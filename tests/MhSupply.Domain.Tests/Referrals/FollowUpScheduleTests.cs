using MhSupply.Referrals;

namespace MhSupply.Domain.Tests.Referrals;

public sealed class FollowUpScheduleTests
{
    private static readonly DateTimeOffset Acknowledged = new(2026, 4, 1, 10, 0, 0, TimeSpan.FromHours(3));

    [Fact]
    public void Visits_fall_every_interval_from_acknowledgement_through_the_course_end_inclusive()
    {
        var dates = FollowUpSchedule.DueDates(Acknowledged, everyDays: 30, courseDays: 90);

        Assert.Equal([Acknowledged.AddDays(30), Acknowledged.AddDays(60), Acknowledged.AddDays(90)], dates);
    }

    [Fact]
    public void No_visit_is_scheduled_after_the_course_ends()
    {
        var dates = FollowUpSchedule.DueDates(Acknowledged, everyDays: 30, courseDays: 89);

        Assert.Equal([Acknowledged.AddDays(30), Acknowledged.AddDays(60)], dates);
    }

    [Fact]
    public void Without_a_course_end_the_schedule_stops_at_12_visits()
    {
        var dates = FollowUpSchedule.DueDates(Acknowledged, everyDays: 28, courseDays: null);

        Assert.Equal(12, dates.Count);
        Assert.Equal(Acknowledged.AddDays(28), dates[0]);
        Assert.Equal(Acknowledged.AddDays(28 * 12), dates[^1]);
    }

    [Fact]
    public void The_visit_cap_applies_even_within_the_course()
    {
        var dates = FollowUpSchedule.DueDates(Acknowledged, everyDays: 7, courseDays: 365, maxVisits: 4);

        Assert.Equal([Acknowledged.AddDays(7), Acknowledged.AddDays(14), Acknowledged.AddDays(21), Acknowledged.AddDays(28)], dates);
    }

    [Fact]
    public void A_course_shorter_than_the_interval_still_gets_its_first_visit()
    {
        var dates = FollowUpSchedule.DueDates(Acknowledged, everyDays: 30, courseDays: 14);

        Assert.Equal([Acknowledged.AddDays(30)], dates);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(365)]
    public void Intervals_of_one_day_to_one_year_are_accepted(int everyDays) =>
        Assert.Equal(Acknowledged.AddDays(everyDays), FollowUpSchedule.DueDates(Acknowledged, everyDays, null)[0]);

    [Theory]
    [InlineData(0)]
    [InlineData(-7)]
    [InlineData(366)]
    public void Intervals_outside_one_day_to_one_year_are_refused(int everyDays) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FollowUpSchedule.DueDates(Acknowledged, everyDays, null));

    [Fact]
    public void A_course_of_no_days_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FollowUpSchedule.DueDates(Acknowledged, 30, courseDays: 0));

    [Fact]
    public void A_cap_of_no_visits_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FollowUpSchedule.DueDates(Acknowledged, 30, null, maxVisits: 0));
}
