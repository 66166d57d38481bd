using MhSupply.Stock;

namespace MhSupply.Tests.Stock;

/// <summary>The projection timer's schedule, without a silo: the grain only registers the timer it asks for.</summary>
public sealed class ProjectionScheduleTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(2);

    private readonly List<TimeSpan> _timers = [];

    private ProjectionSchedule Schedule() => new(Delay, _timers.Add);

    [Fact]
    public void A_request_sets_the_timer_once_for_the_reports_of_its_interval()
    {
        var schedule = Schedule();

        schedule.Request();
        schedule.Request();

        Assert.Equal([Delay], _timers);
    }

    [Fact]
    public void After_the_timer_fires_the_next_request_sets_it_again()
    {
        var schedule = Schedule();
        schedule.Request();

        schedule.Fired();
        schedule.Request();

        Assert.Equal([Delay, Delay], _timers);
    }

    [Fact]
    public void Failures_in_a_row_back_off_doubling_up_to_a_minute_and_a_success_resets_the_delay()
    {
        var schedule = Schedule();
        for (var failures = 1; failures <= 8; failures++)
        {
            schedule.Fired();
            schedule.Failed();
            schedule.Request();
        }
        schedule.Fired();
        schedule.Succeeded();
        schedule.Request();

        Assert.Equal([4, 8, 16, 32, 60, 60, 60, 60, 2], _timers.Select(t => t.TotalSeconds));
    }
}
