namespace MhSupply.Tests.Infrastructure;

/// <summary>
/// The settings every test host of the gateway starts with: Development, a co-hosted silo on free loopback ports, its own
/// database and cluster, small pools, jobs run only when a test asks, quiet logs. Shared by the API and browser fixtures.
/// </summary>
public static class TestHostSettings
{
    public static Dictionary<string, string?> For(TestDatabase database, string clusterPrefix, string dataFolder, bool demoSeed) => new()
    {
        ["ConnectionStrings:MhSupply"] = database.ConnectionString,
        ["Database:MaxPoolSize"] = "20",
        ["Database:OrleansMaxPoolSize"] = "10",
        ["Orleans:CoHosted"] = "true",
        ["Orleans:ClusterId"] = clusterPrefix + database.Name,
        ["Orleans:ServiceId"] = clusterPrefix + database.Name,
        ["Orleans:SiloPort"] = FreePort.Next().ToString(),
        ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
        ["Demo:Seed"] = demoSeed ? "true" : "false",
        // Jobs run when a test asks (POST /api/v1/admin/jobs/...), on the test's clock, not on Hangfire's schedule.
        ["Jobs:RunServer"] = "false",
        ["Data:Path"] = dataFolder,
        // The gauges read from PostgreSQL follow a test's rows within a second (10 s in production).
        ["Metrics:DatabaseReadInterval"] = "00:00:01",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:Format"] = "simple",
    };

    /// <summary>
    /// appsettings.json turns request logging on (Information) for its category, which wins over a default; tests make
    /// thousands of requests: keep warnings. Applied as app configuration, which is read after appsettings.json.
    /// </summary>
    public static Dictionary<string, string?> QuietLogs { get; } = new()
    {
        ["Logging:LogLevel:Microsoft.AspNetCore.HttpLogging"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
    };
}
