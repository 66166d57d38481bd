namespace MhSupply.Gateway.Faults;

/// <summary>How the gateway rides out a silo's death and tells clients to come back ("Faults" configuration section).</summary>
public sealed class FaultOptions
{
    public const string Section = "Faults";

    /// <summary>
    /// How long a retry-safe grain call keeps being retried while the cluster does not answer it. It must cover declaring
    /// the dead silo dead (a few seconds with Orleans:Membership's defaults, more on a starved machine) plus one response
    /// timeout for a call that was in flight on the dead silo's connection.
    /// </summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The first back-off; it doubles (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The Retry-After of a 503: about the time a dead silo takes to be replaced or PostgreSQL to restart.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the gateway waits for a grain's answer (Orleans' default 30 s). A request already sent on the connection to
    /// a silo that is killed gets neither an answer nor an error until then; our calls take milliseconds to a second.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the gateway re-reads the live silos from the membership table (Orleans' default 1 min).</summary>
    public TimeSpan GatewayListRefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);
}
