using MhSupply.Gateway.Admin;
using MhSupply.Gateway.Faults;
using MhSupply.Hosting;
using MhSupply.Jobs;
using MhSupply.Persistence;
using Orleans.Configuration;

namespace MhSupply.Gateway.Hosting;

public static class ClusterConnection
{
    /// <summary>
    /// The gateway is a cluster client that finds silos through the PostgreSQL membership table; retry-safe calls are retried
    /// when a silo dies. With Orleans:CoHosted=true it adds no client: the process's host composes a silo into the same
    /// container and the gateway calls it in-process (the test fixtures do, with AddInProcessSilo of the server project,
    /// which the gateway itself does not reference).
    /// </summary>
    public static WebApplicationBuilder AddClusterConnection(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var hosting = configuration.GetSection(OrleansHostingOptions.Section).Get<OrleansHostingOptions>() ?? new();
        builder.Services.AddMhSupplyReadModel(configuration);
        // The dashboard at /hangfire shows the job store the silos' job servers write; the gateway runs no jobs.
        builder.Services.AddMhSupplyJobStorage(configuration);
        if (hosting.CoHosted)
        {
            return builder;
        }

        var connectionString = ConnectionStrings.ForOrleans(DatabaseOptions.From(configuration));
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = hosting.ClusterId;
                o.ServiceId = hosting.ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = ConnectionStrings.AdoNetInvariant;
                o.ConnectionString = connectionString;
            });
            client.UseConnectionRetryFilter<KeepTryingToConnect>();
            client.AddActivityPropagation();
            // Retry-safe calls survive a silo's death; the others fail fast with a 503 (Faults options).
            client.AddMhSupplyClientFaultHandling(configuration);
            // /dashboard's page and API read the cluster through this client (a co-hosted silo registers the same).
            client.AddOrleansDashboard(configuration);
        });
        // Serve /health/live (and a 503 on /health/ready) while the client is still looking for a silo.
        builder.Services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);
        return builder;
    }

    /// <summary>Silos may start after the gateway or restart under it: keep retrying instead of failing start-up.</summary>
    private sealed class KeepTryingToConnect(ILogger<KeepTryingToConnect> logger) : IClientConnectionRetryFilter
    {
        private int _attempt;

        public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
        {
            var attempt = Interlocked.Increment(ref _attempt);
            if (attempt == 1 || attempt % 30 == 0)
            {
                logger.LogWarning("No silo reachable yet (attempt {Attempt}): {Message}", attempt, exception.Message);
            }
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), cancellationToken);
            return !cancellationToken.IsCancellationRequested;
        }
    }
}
