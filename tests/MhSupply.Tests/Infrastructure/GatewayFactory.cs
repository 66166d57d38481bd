using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MhSupply.Hosting;

namespace MhSupply.Tests.Infrastructure;

/// <summary>
/// The real gateway (Development environment, co-hosted silo and Hangfire server) on a fresh PostgreSQL database.
/// Requests go through the in-memory test server; the silo listens on free loopback ports.
/// </summary>
public class GatewayFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "mhsupply-test-" + Guid.NewGuid().ToString("N"));

    public TestDatabase Database { get; private set; } = null!;

    /// <summary>The application's clock; tests move it instead of sleeping.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>Extra configuration a derived fixture wants (SMTP servers, schedules...).</summary>
    public Dictionary<string, string?> Settings { get; } = new();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(migrate: false);
        // Start the host now so the first test does not pay for it inside its own timing.
        _ = Server;
        using var client = CreateClient();
        for (var i = 0; i < 100; i++)
        {
            if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
            {
                return;
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException("the co-hosted gateway never became ready");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var settings = TestHostSettings.For(Database, "test-", _dataFolder, demoSeed: false);
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }
        settings["ConnectionStrings:MhSupply"] = RouteConnectionString(settings["ConnectionStrings:MhSupply"]!);
        // UseSetting, not ConfigureAppConfiguration: Program reads configuration while building services, and only
        // host settings are visible that early under minimal hosting.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(TestHostSettings.QuietLogs));
        // The gateway and a silo in one process, as the server project composes them (Orleans:CoHosted=true).
        builder.ConfigureServices((context, services) => services.AddInProcessSilo(context.Configuration));
        builder.ConfigureServices(services => services.AddKeyedSingleton<TimeProvider>(MhSupply.Hosting.Clock.Key, Clock));
    }

    /// <summary>The database connection string the application uses; a derived fixture may send it through a relay.</summary>
    protected virtual string RouteConnectionString(string connectionString) => connectionString;

    /// <summary>A client carrying a development token for the given role and scope.</summary>
    public async Task<HttpClient> ClientFor(string role, string[]? facilities = null, string[]? districts = null, string? sub = null)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/dev/token", new
        {
            sub = sub ?? role + "-user",
            role,
            facilities = facilities ?? [],
            districts = districts ?? [],
        });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.Token;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    private sealed record TokenResponse(string Token);
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFactory>
{
    public const string Name = "gateway";
}
