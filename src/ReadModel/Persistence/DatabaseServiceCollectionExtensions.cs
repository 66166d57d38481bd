using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MhSupply.Persistence;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers the one <see cref="NpgsqlDataSource"/> that Dapper queries and Hangfire share.
    /// </summary>
    public static IServiceCollection AddMhSupplyDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        DapperTypeHandlers.Register();
        if (services.Any(d => d.ServiceType == typeof(NpgsqlDataSource)))
        {
            return services;
        }
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection("Database"))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.ConnectionString))
                {
                    o.ConnectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName) ?? "";
                }
            })
            .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString),
                "ConnectionStrings:MhSupply (or Database:ConnectionString) is required")
            .ValidateOnStart();

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            // The name labels its metrics and traces (db.client.connection.pool.name), instead of the connection string.
            var builder = new NpgsqlDataSourceBuilder(ConnectionStrings.ForApplication(options)) { Name = "mhsupply" };
            return builder.Build();
        });
        return services;
    }
}
