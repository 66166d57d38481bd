using Hangfire;
using Hangfire.PostgreSql;
using MhSupply.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace MhSupply.Jobs;

public static class JobStorageServiceCollectionExtensions
{
    /// <summary>Hangfire's store on PostgreSQL (schema <c>hangfire</c>): the silos' job servers and the gateway's dashboard share it.</summary>
    public static IServiceCollection AddMhSupplyJobStorage(this IServiceCollection services, IConfiguration configuration)
    {
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
        return services;
    }
}
