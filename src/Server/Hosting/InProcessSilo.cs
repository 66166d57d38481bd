using MhSupply.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MhSupply.Hosting;

/// <summary>
/// A silo inside another host's process, for a host that serves the gateway and runs the cluster in one process (the test
/// fixtures compose them so; the gateway project cannot, as it does not reference the server). The gateway must be told
/// (Orleans:CoHosted=true) not to add a cluster client of its own.
/// </summary>
public static class InProcessSilo
{
    public static IServiceCollection AddInProcessSilo(this IServiceCollection services, IConfiguration configuration)
    {
        // Registered before the silo: hosted services start in order, and Orleans' tables must exist before it joins.
        services.AddHostedService(sp => new DatabasePreparation(sp, configuration));
        services.AddMhSupplyJobs(configuration);
        services.AddOrleans(silo => silo.AddMhSupplySilo(configuration));
        return services;
    }

    private sealed class DatabasePreparation(IServiceProvider services, IConfiguration configuration) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            StartupTasks.PrepareDatabaseAsync(services, configuration, cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
