using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MhSupply.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>Hangfire's store, and its server when this process runs jobs (Jobs:RunServer; tests run jobs only on demand).</summary>
    public static IServiceCollection AddMhSupplyJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section));
        services.AddMhSupplyJobStorage(configuration);
        if (options.RunServer)
        {
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = options.WorkerCount;
                o.ServerName = $"mhsupply-{Environment.MachineName}-{Environment.ProcessId}";
            });
            services.AddHostedService<RecurringJobRegistrar>();
        }
        return services;
    }
}
