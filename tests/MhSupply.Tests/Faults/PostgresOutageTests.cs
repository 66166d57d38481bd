using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MhSupply.Tests.Faults;

/// <summary>The gateway whose every PostgreSQL connection (its own, the silo's, Orleans') goes through a relay a test can cut.</summary>
public sealed class OutageGatewayFactory : GatewayFactory
{
    public TcpRelay Relay { get; } = new();

    public LogSink Logs { get; } = new();

    protected override string RouteConnectionString(string connectionString) => Relay.Route(connectionString);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(Logs));
    }

    public override async Task DisposeAsync()
    {
        Relay.Start();
        await base.DisposeAsync();
        Relay.Dispose();
    }
}

/// <summary>
/// PostgreSQL unreachable (the relay cut: open connections broken, new ones refused) is a 503 with Retry-After in plain
/// words, for the gateway's own queries and for a grain's, on reads and writes; the log names the Npgsql error.
/// </summary>
public sealed class PostgresOutageTests(OutageGatewayFactory gateway) : IClassFixture<OutageGatewayFactory>
{
    private const string Medicine = "fluoxetine-cap-20mg";

    [Fact]
    public async Task Reads_while_PostgreSQL_is_down_are_503_with_Retry_After_and_the_log_names_the_Npgsql_error()
    {
        await gateway.RegisterFacility("outage-read", "outage-d");
        using var admin = await gateway.ClientFor("admin");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: ["outage-read"]);

        await Outage(async () =>
        {
            // The gateway's own query.
            await AssertUnavailable(await admin.GetAsync("/api/v1/facilities"));
            // A grain's: the facility's stock grain cannot activate (its ledger is unreadable).
            await AssertUnavailable(await pharmacist.GetAsync("/api/v1/facilities/outage-read/stock"));
        });

        AssertLogNamesNpgsql();
        await UntilRecovered(() => admin.GetAsync("/api/v1/facilities"));
    }

    [Fact]
    public async Task A_stock_report_while_PostgreSQL_is_down_is_503_with_Retry_After_and_is_accepted_once_when_resent()
    {
        await gateway.RegisterFacility("outage-write", "outage-d");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: ["outage-write"]);
        var at = gateway.Clock.GetUtcNow().AddHours(-2);
        await pharmacist.PostAccepted("outage-write", ApiSteps.StockEvent(Medicine, "receipt", 100, at));
        var issue = ApiSteps.StockEvent(Medicine, "issue", 10, at.AddHours(1));

        // The grain is active; its commit fails.
        await Outage(async () => await AssertUnavailable(
            await pharmacist.PostAsJsonAsync("/api/v1/facilities/outage-write/stock-events", new { events = new[] { issue } })));

        AssertLogNamesNpgsql();
        var resent = await UntilRecovered(() => pharmacist.PostAsJsonAsync("/api/v1/facilities/outage-write/stock-events", new { events = new[] { issue } }));
        var outcome = (await resent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("outcome").GetString();
        Assert.Equal("accepted", outcome);
    }

    private async Task Outage(Func<Task> during)
    {
        gateway.Relay.Stop();
        try
        {
            await during();
        }
        finally
        {
            gateway.Relay.Start();
        }
    }

    private static async Task AssertUnavailable(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("5", response.Headers.GetValues("Retry-After").Single());
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("The service is briefly unavailable; try again in 5 seconds.", JsonDocument.Parse(text).RootElement.GetProperty("title").GetString());
    }

    private void AssertLogNamesNpgsql()
    {
        var answered = gateway.Logs.Entries.Where(e => e.Text.Contains("answered 503", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(answered);
        Assert.All(answered, e => Assert.Contains("Npgsql", e.Text, StringComparison.Ordinal));
        Assert.DoesNotContain(gateway.Logs.Entries, e => e.Text.Contains("CodecNotFound", StringComparison.Ordinal));
    }

    /// <summary>Pooled connections broken by the outage are dropped on first use: the first requests after it may still fail.</summary>
    private static async Task<HttpResponseMessage> UntilRecovered(Func<Task<HttpResponseMessage>> request)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var response = await request();
            if (response.IsSuccessStatusCode || DateTime.UtcNow > deadline)
            {
                Assert.True(response.IsSuccessStatusCode, $"not recovered: {(int)response.StatusCode}");
                return response;
            }
            await Task.Delay(200);
        }
    }
}
