using MhSupply.Gateway.Faults;
using MhSupply.Hosting;
using MhSupply.Jobs;
using MhSupply.Persistence;
using Orleans.Configuration;

namespace MhSupply.Gateway.Hosting;

public static class ClusterConnection
{
    /// <summary>
    /// Orleans:CoHosted=true runs a silo (and the Hangfire server) inside the gateway: the one-process small deployment.
    /// Otherwise the gateway is a cluster client that finds silos through the PostgreSQL membership table. Only then are
    /// retry-safe calls retried when a silo dies: a co-hosted gateway is its cluster's one silo (and a silo hands a local
    /// call the request object itself, which a retry must not reuse).
    /// </summary>
    public static WebApplicationBuilder AddClusterConnection(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var hosting = configuration.GetSection(OrleansHostingOptions.Section).Get<OrleansHostingOptions>() ?? new();
        builder.Services.AddMhSupplyApplication(configuration);
        if (hosting.CoHosted)
        {
            builder.UseOrleans(silo => silo.AddMhSupplySilo(configuration));
            builder.Services.AddMhSupplyJobs(configuration);
            return builder;
        }

        var connectionString = ConnectionStrings.ForOrleans(MhSupplySiloExtensions.DatabaseOptionsFrom(configuration));
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = hosting.ClusterId;
                o.ServiceId = hosting.ServiceId;
            });
            client.UseAdoNetClustering(o =>
            {
                o.Invariant = MhSupplySiloExtensions.AdoNetInvariant;
                o.ConnectionString = connectionString;
            });
            client.UseConnectionRetryFilter<KeepTryingToConnect>();
            // Retry-safe calls survive a silo's death; the others fail fast with a 503 (Faults options).
            client.AddMhSupplyClientFaultHandling(configuration);
        });
        // A gateway that only serves the API and the dashboard does not run jobs unless told to.
        if (configuration[$"{JobsOptions.Section}:{nameof(JobsOptions.RunServer)}"] is null)
        {
            configuration[$"{JobsOptions.Section}:{nameof(JobsOptions.RunServer)}"] = "false";
        }
        builder.Services.AddMhSupplyJobs(configuration);
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
