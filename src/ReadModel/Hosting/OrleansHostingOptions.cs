namespace MhSupply.Hosting;

/// <summary>Cluster identity and endpoints of a silo or client ("Orleans" configuration section).</summary>
public sealed class OrleansHostingOptions
{
    public const string Section = "Orleans";

    /// <summary>
    /// The Orleans dashboard's options (Orleans.Dashboard.DashboardOptions: HideTrace, CounterUpdateIntervalMs,
    /// HistoryLength), read by the silos, which collect, and the gateway, which serves /dashboard. HideTrace is true
    /// unless set: the live log stream is one more place a log line could be read, and the logs are kept elsewhere.
    /// </summary>
    public const string DashboardSection = "Orleans:Dashboard";

    public string ClusterId { get; set; } = "mhsupply";

    /// <summary>Stable across deployments: grain state and reminders are keyed by it.</summary>
    public string ServiceId { get; set; } = "mhsupply";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>Address other silos and clients reach this silo at; loopback for single-machine runs.</summary>
    public string AdvertisedIPAddress { get; set; } = "127.0.0.1";

    /// <summary>Listen on every interface (containers) instead of only the advertised address.</summary>
    public bool ListenOnAnyHostAddress { get; set; }

    /// <summary>
    /// The gateway adds no cluster client: its host composes a silo into the same process (InProcessSilo, the test fixtures).
    /// </summary>
    public bool CoHosted { get; set; }

    /// <summary>
    /// Grain state storage provider: "AdoNet" (PostgreSQL), "AzureBlob" (Azure Blob storage, connection string
    /// ConnectionStrings:GrainStorage) or "Memory" (throwaway, for experiments only).
    /// </summary>
    public string GrainStorage { get; set; } = "AdoNet";
}
