using Hangfire;
using Hangfire.PostgreSql;
using MhSupply.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MhSupply.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>Hangfire on PostgreSQL (schema <c>hangfire</c>), and its server when this process runs jobs.</summary>
    public static IServiceCollection AddMhSupplyJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section));
        services.AddMhSupplyDatabase(configuration);
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(
                o => o.UseConnectionFactory(new HangfireConnectionFactory(sp.GetRequiredService<NpgsqlDataSource>())),
                new PostgreSqlStorageOptions
                {
                    SchemaName = ConnectionStrings.HangfireSchema,
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                }));
        services.AddTransient<RecurringJobRunner>();
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
