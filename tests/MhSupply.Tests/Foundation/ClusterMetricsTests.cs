using System.Net;
using System.Net.Http.Json;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Infrastructure.PrometheusText;

namespace MhSupply.Tests.Foundation;

/// <summary>
/// A gateway of its own: the outbox and alert gauges count every row of its database, which other collections' tests must
/// not add to. The job histogram is process-wide (every host of the test process records into it), so it is read as an
/// increase of at least what these tests did.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterMetricsCollection : ICollectionFixture<GatewayFactory>
{
    public const string Name = "cluster-metrics";
}

[Collection(ClusterMetricsCollection.Name)]
public sealed class ClusterMetricsTests(GatewayFactory gateway)
{
    private const string Medicine = "valproate-sodium-tab-200mg";
    private const string JobCount = "mhsupply_job_duration_seconds_count";

    /// <summary>Metrics:DatabaseReadInterval is 1 s under test (TestHostSettings), the exporter caches a scrape 300 ms.</summary>
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_job_run_through_the_admin_API_is_timed_in_the_job_duration_histogram_by_job_and_outcome()
    {
        using var admin = await gateway.ClientFor("admin");
        var before = Runs(await Scrape(admin), "alert-scan");

        var run = await admin.PostAsync("/api/v1/admin/jobs/alert-scan/run", null);
        Assert.True(run.IsSuccessStatusCode, await run.Content.ReadAsStringAsync());

        var text = await ScrapeUntil(admin, t => Runs(t, "alert-scan") >= before + 1, Within);
        Assert.True(Runs(text, "alert-scan") >= before + 1, $"alert-scan runs went {before} -> {Runs(text, "alert-scan")}");
        Assert.Contains("# TYPE mhsupply_job_duration_seconds histogram", text);
        var infinite = Sum(text, "mhsupply_job_duration_seconds_bucket", ("job_name", "alert-scan"), ("outcome", "succeeded"), ("le", "+Inf"));
        Assert.Equal(Runs(text, "alert-scan"), infinite);
        Assert.True(Sum(text, "mhsupply_job_duration_seconds_sum", ("job_name", "alert-scan"), ("outcome", "succeeded")) > 0);
    }

    [Fact]
    public async Task The_outbox_backlog_and_open_alerts_gauges_follow_the_notifications_queued_and_delivered()
    {
        const string facility = "watch-phc";
        using var receiver = new WebhookReceiver();
        receiver.Start();
        await gateway.RegisterFacility(facility, "watch-d");
        using var admin = await gateway.ClientFor("admin");
        var subscription = await admin.PostAsJsonAsync("/api/v1/subscriptions",
            new { channel = "webhook", target = receiver.Url, secret = "a-webhook-secret-of-32-characters", facility });
        Assert.Equal(HttpStatusCode.Created, subscription.StatusCode);
        var before = Gauges(await ScrapeUntil(admin, t => Gauges(t).Reported, Within));
        Assert.True(before.Reported, "the gauges of this gateway's database are on /metrics");

        // A stock-out is raised: one alert change, so one notification waits for the subscription.
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        using var head = await gateway.ClientFor("facility_head", facilities: [facility]);
        var at = gateway.Clock.GetUtcNow().AddHours(-3);
        await pharmacist.PostAccepted(facility, ApiSteps.StockEvent(Medicine, "receipt", 10, at), ApiSteps.StockEvent(Medicine, "issue", 10, at.AddMinutes(1)));
        var alert = Assert.Single(await head.AlertItems("?kind=stock_out")).GetProperty("id").GetString();
        await Expect(admin, before with { Webhook = before.Webhook + 1, StockOutOpen = before.StockOutOpen + 1 });

        // Acknowledged: still open business, under its other status; the change is one more notification.
        var acknowledged = await head.PostAsJsonAsync($"/api/v1/alerts/{alert}/acknowledge", new { note = "ordered" });
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        await Expect(admin, before with { Webhook = before.Webhook + 2, StockOutAcknowledged = before.StockOutAcknowledged + 1 });

        // Delivered: nothing waits any more.
        var delivery = await admin.PostAsync("/api/v1/admin/jobs/notification-delivery/run", null);
        Assert.True(delivery.IsSuccessStatusCode, await delivery.Content.ReadAsStringAsync());
        Assert.Equal(2, receiver.Calls.Count);
        await Expect(admin, before with { StockOutAcknowledged = before.StockOutAcknowledged + 1 });
    }

    private static double Runs(string text, string job) => Sum(text, JobCount, ("job_name", job), ("outcome", "succeeded"));

    private async Task Expect(HttpClient admin, Readings expected)
    {
        var text = await ScrapeUntil(admin, t => Gauges(t) == expected, Within);
        Assert.Equal(expected, Gauges(text));
    }

    /// <summary>The gauges of this fixture's database (other hosts of the test process report theirs under another name).</summary>
    private Readings Gauges(string text)
    {
        var database = ("db_namespace", gateway.Database.Name);
        return new Readings(
            Samples(text, "mhsupply_outbox_pending").Any(s => s.Labels.GetValueOrDefault("db_namespace") == gateway.Database.Name),
            Sum(text, "mhsupply_outbox_pending", ("channel", "webhook"), database),
            Sum(text, "mhsupply_outbox_pending", ("channel", "email"), database),
            Sum(text, "mhsupply_alerts_open", ("kind", "stock_out"), ("status", "open"), database),
            Sum(text, "mhsupply_alerts_open", ("kind", "stock_out"), ("status", "acknowledged"), database));
    }

    private sealed record Readings(bool Reported, double Webhook, double Email, double StockOutOpen, double StockOutAcknowledged);
}
