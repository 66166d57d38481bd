namespace MhSupply.Stock;

/// <summary>
/// When the facility's projection runs next: Stock:ProjectionDelay after the commit that asked for it (the commits of
/// that interval ride along), and after failures (PostgreSQL away) backing off up to a minute, the marker keeping the work
/// safe meanwhile. The grain's timer is set through <paramref name="setTimer"/>, the only part the grain plays in it.
/// </summary>
internal sealed class ProjectionSchedule(TimeSpan delay, Action<TimeSpan> setTimer)
{
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(1);

    private bool _scheduled;

    /// <summary>Projections that failed in a row since the last that succeeded.</summary>
    public int Failures { get; private set; }

    /// <summary>Sets the timer unless it is set already: a projection is due.</summary>
    public void Request()
    {
        if (_scheduled)
        {
            return;
        }
        setTimer(Failures == 0 ? delay : TimeSpan.FromTicks(Math.Min(MaxBackOff.Ticks, delay.Ticks << Math.Min(Failures, 16))));
        _scheduled = true;
    }

    /// <summary>The timer went off: a later request sets it again.</summary>
    public void Fired() => _scheduled = false;

    public void Failed() => Failures++;

    public void Succeeded() => Failures = 0;
}
