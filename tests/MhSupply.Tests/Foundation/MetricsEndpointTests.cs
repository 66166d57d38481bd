using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using MhSupply.Gateway.Metrics;
using MhSupply.Tests.Infrastructure;
using MhSupply.Tests.Stock;

namespace MhSupply.Tests.Foundation;

[Collection(GatewayCollection.Name)]
public sealed class MetricsEndpointTests(GatewayFactory gateway)
{
    private const string StockEvents = "mhsupply_stock_events_total";

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("pharmacist", HttpStatusCode.Forbidden)]
    [InlineData("district_manager", HttpStatusCode.Forbidden)]
    public async Task Metrics_is_refused_with_problem_details_to_anyone_but_an_admin(string? role, HttpStatusCode expected)
    {
        using var caller = role is null ? gateway.CreateClient() : await gateway.ClientFor(role, facilities: ["metrics-phc"]);

        var response = await caller.GetAsync("/metrics");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Stock_events_are_counted_by_outcome()
    {
        using var admin = await gateway.ClientFor("admin");
        (await admin.PutAsJsonAsync("/api/v1/facilities/metrics-phc", new { name = "Metrics", level = "phc", district = "metrics-d", region = "r" }))
            .EnsureSuccessStatusCode();
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: ["metrics-phc"]);
        var receipt = StockApiHelpers.Event("receipt", 10, gateway.HoursAgo(5));
        var before = Counts(await Scrape(admin));

        (await pharmacist.PostEvents("metrics-phc", receipt, StockApiHelpers.Event("receipt", 5, gateway.HoursAgo(4)))).EnsureSuccessStatusCode();
        (await pharmacist.PostEvents("metrics-phc", receipt, StockApiHelpers.Event("issue", 1000, gateway.HoursAgo(3)))).EnsureSuccessStatusCode();

        // Other collections' gateways share the process's meter and may add to it meanwhile: at least ours must show.
        var after = Counts(await Eventually(admin, t =>
        {
            var now = Counts(t);
            return now["accepted"] >= before["accepted"] + 2 && now["duplicate"] >= before["duplicate"] + 1
                && now["rejected"] >= before["rejected"] + 1;
        }));
        Assert.True(after["accepted"] - before["accepted"] >= 2, $"accepted went {before["accepted"]} -> {after["accepted"]}");
        Assert.True(after["duplicate"] - before["duplicate"] >= 1, $"duplicate went {before["duplicate"]} -> {after["duplicate"]}");
        Assert.True(after["rejected"] - before["rejected"] >= 1, $"rejected went {before["rejected"]} -> {after["rejected"]}");
    }

    [Fact]
    public async Task Metrics_is_not_in_the_OpenAPI_document()
    {
        using var anonymous = gateway.CreateClient();

        var document = await anonymous.GetStringAsync("/openapi/v1.json");

        Assert.DoesNotContain("/metrics", document);
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("192.168.1.5", false)]
    public void An_anonymous_caller_is_let_in_only_from_an_allowed_network(string remote, bool allowed)
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());

        Assert.Equal(allowed, MetricsAccess.Allows(anonymous, IPAddress.Parse(remote), [IPNetwork.Parse("10.0.0.0/8")]));
    }

    [Fact]
    public void No_network_is_allowed_by_default()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());

        Assert.False(MetricsAccess.Allows(anonymous, IPAddress.Loopback, new MetricsOptions().Networks()));
    }

    internal static async Task<string> Scrape(HttpClient admin)
    {
        var response = await admin.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The exporter caches a scrape for 300 ms, so a change shows on a later scrape.</summary>
    internal static async Task<string> Eventually(HttpClient admin, Func<string, bool> shows)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var text = await Scrape(admin);
            if (shows(text) || DateTime.UtcNow > deadline)
            {
                return text;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>mhsupply_stock_events_total by outcome, summed over any other labels (an absent series counts 0).</summary>
    private static Dictionary<string, double> Counts(string text)
    {
        var counts = new Dictionary<string, double> { ["accepted"] = 0, ["duplicate"] = 0, ["rejected"] = 0 };
        foreach (var line in text.Split('\n').Where(l => l.StartsWith(StockEvents + "{", StringComparison.Ordinal)))
        {
            var outcome = counts.Keys.FirstOrDefault(o => line.Contains($"outcome=\"{o}\"", StringComparison.Ordinal));
            if (outcome is not null)
            {
                var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
                counts[outcome] += double.Parse(value, CultureInfo.InvariantCulture);
            }
        }
        return counts;
    }
}

/// <summary>
/// ASP.NET Core's request metrics, on a gateway of their own in a collection that runs alone. Every gateway host in this
/// test process has a meter of the same name, and OpenTelemetry merges same-named instruments into one stream that ends
/// when any of them is disposed: another collection's gateway shutting down meanwhile silenced them (seen twice in CI).
/// </summary>
[Collection(HttpServerMetricsCollection.Name)]
public sealed class HttpServerMetricsTests(GatewayFactory gateway)
{
    [Fact]
    public async Task Metrics_for_an_admin_is_prometheus_text_with_the_http_server_metrics()
    {
        using var admin = await gateway.ClientFor("admin");
        (await admin.GetAsync("/api/v1/medicines")).EnsureSuccessStatusCode();

        var text = await MetricsEndpointTests.Eventually(admin, t => t.Contains("http_server_request_duration_seconds", StringComparison.Ordinal));

        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HttpServerMetricsCollection : ICollectionFixture<GatewayFactory>
{
    public const string Name = "http server metrics, alone";
}
