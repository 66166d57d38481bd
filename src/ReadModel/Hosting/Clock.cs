namespace MhSupply.Hosting;

/// <summary>
/// The application's clock, a keyed <see cref="TimeProvider"/> so tests can move our time (deadlines, overdue logic)
/// without moving Orleans' own timers and membership, which use the unkeyed one.
/// </summary>
public static class Clock
{
    public const string Key = "mhsupply-clock";
}
