namespace MhSupply.Jobs;

/// <summary>
/// The recurring jobs by their stable names: the Hangfire recurring job id, the configuration key (Jobs:Schedules) and the
/// admin API's {jobName}. One list, so the gateway can answer "no such job" without reaching the server.
/// </summary>
public static class JobNames
{
    public const string AlertScan = "alert-scan";
    public const string Dhis2Push = "dhis2-push";
    public const string NotificationDelivery = "notification-delivery";
    public const string StockMonthsBackfill = "stock-months-backfill";
    public const string StockRefresh = "stock-refresh";
    public const string WebhookSecretReseal = "webhook-secret-reseal";

    public static IReadOnlyList<string> All { get; } = [AlertScan, Dhis2Push, NotificationDelivery, StockMonthsBackfill, StockRefresh, WebhookSecretReseal];
}
