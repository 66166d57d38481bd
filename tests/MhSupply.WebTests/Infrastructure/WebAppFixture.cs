using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using MhSupply.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MhSupply.WebTests.Infrastructure;

/// <summary>
/// The whole system for a browser: the real gateway (Development, co-hosted silo, demo district's reference data)
/// listening with Kestrel on a loopback TCP port, on a fresh PostgreSQL database, and one headless Chromium
/// (Debian's, at /usr/bin/chromium, installed by ./test.sh) driven by Playwright. Each test opens its own browser
/// context, so cookies and storage never leak between tests.
/// </summary>
public sealed class WebAppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "mhsupply-webtest-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public WebAppFixture()
    {
        Port = FreePort.Next();
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port, listen => listen.Use(Wire.Wrap)));
    }

    public int Port { get; }

    /// <summary>Bytes the gateway has written to browsers' connections (first-load size).</summary>
    public WireCounter Wire { get; } = new();

    /// <summary>The origin the browser loads the app from.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public TestDatabase Database { get; private set; } = null!;

    /// <summary>The application's clock: real time, plus whatever a test moves it forward by.</summary>
    public ShiftableClock Clock { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The English strings of the web app (/i18n/en.json), so tests find controls by the names people see.</summary>
    public UiText Text { get; private set; } = null!;

    /// <summary>Test artifacts: $MHSUPPLY_TEST_ARTIFACTS (./test.sh sets it), else next to the test assembly.</summary>
    public string Artifacts { get; } =
        Environment.GetEnvironmentVariable("MHSUPPLY_TEST_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "artifacts");

    /// <summary>Screenshots of the main screens: {Artifacts}/screenshots/{role}-{screen}.png.</summary>
    public string Screenshots => Path.Combine(Artifacts, "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: ./test.sh installs Debian's chromium package.");
        }
        Directory.CreateDirectory(Screenshots);
        // A shared 2-core machine is slow at times: expectations (auto-waiting, no sleeps) give it up to 15 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        Database = await TestDatabase.CreateAsync(migrate: false);
        StartServer();
        using var http = Http();
        var ready = false;
        for (var i = 0; i < 150 && !ready; i++)
        {
            try
            {
                ready = (await http.GetAsync("/health/ready")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                // Kestrel is not listening yet.
            }
            if (!ready)
            {
                await Task.Delay(200);
            }
        }
        if (!ready)
        {
            throw new InvalidOperationException("the gateway never became ready");
        }
        // Without the file every lookup fails with the missing key, which names the problem better than a failed start.
        using var strings = await http.GetAsync("/i18n/en.json");
        Text = new UiText(strings.IsSuccessStatusCode
            ? (await strings.Content.ReadFromJsonAsync<Dictionary<string, JsonElement>>())!
            : new Dictionary<string, JsonElement>());
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The background-networking flags keep Chromium from calling home: this sandbox refuses those connections.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // The demo district's facilities and the sign-in page's demo users; no stock: tests report their own.
        var settings = TestHostSettings.For(Database, "webtest-", _dataFolder, demoSeed: true);
        // UseSetting: Program reads configuration while building services (see GatewayFactory in MhSupply.Tests).
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(TestHostSettings.QuietLogs));
        // The gateway and a silo in one process, as the server project composes them (Orleans:CoHosted=true).
        builder.ConfigureServices((context, services) => services.AddInProcessSilo(context.Configuration));
        builder.ConfigureServices(services => services.AddKeyedSingleton<TimeProvider>(MhSupply.Hosting.Clock.Key, Clock));
    }

    /// <summary>A plain HTTP client on the real port (not the in-memory test server).</summary>
    public HttpClient Http() => new() { BaseAddress = new Uri(BaseUrl) };

    /// <summary>A development token (POST /dev/token) for the given role and scope, as an issuer would hand one out.</summary>
    public async Task<string> TokenFor(string role, string[]? facilities = null, string[]? districts = null, string? sub = null)
    {
        using var client = Http();
        var response = await client.PostAsJsonAsync("/dev/token", new
        {
            sub = sub ?? role + "-api",
            role,
            facilities = facilities ?? [],
            districts = districts ?? [],
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    /// <summary>An API client carrying a development token for the given role and scope.</summary>
    public async Task<HttpClient> ClientFor(string role, string[]? facilities = null, string[]? districts = null, string? sub = null)
    {
        var client = Http();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenFor(role, facilities, districts, sub));
        return client;
    }

    /// <summary>Saves a full-page screenshot as screenshots/{role}-{screen}.png.</summary>
    public Task ScreenshotAsync(IPage page, string role, string screen) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"{role}-{screen}.png"), FullPage = true });

    public new async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await base.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}

/// <summary>Real time plus an offset that tests move forward (deadlines, overdue reports) instead of sleeping.</summary>
public sealed class ShiftableClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + Offset;
}

[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    public const string Name = "web app";
}
