using System.Net;

namespace MhSupply.Gateway.Metrics;

/// <summary>Who may scrape /metrics without a token: a Prometheus server on the operator's network, say.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>CIDR ranges (e.g. 127.0.0.1/32, 10.0.0.0/8) whose callers need no admin token. Default: none.</summary>
    public string[] AllowedNetworks { get; set; } = [];

    /// <summary>
    /// How long the gauges read from PostgreSQL (outbox backlog, open alerts) are kept before a collection reads them
    /// again: scrapes every few seconds then cost one round trip per interval.
    /// </summary>
    public TimeSpan DatabaseReadInterval { get; set; } = TimeSpan.FromSeconds(10);

    public IPNetwork[] Networks() => AllowedNetworks.Select(IPNetwork.Parse).ToArray();

    public bool IsValid() => AllowedNetworks.All(n => IPNetwork.TryParse(n, out _)) && DatabaseReadInterval >= TimeSpan.Zero;
}
