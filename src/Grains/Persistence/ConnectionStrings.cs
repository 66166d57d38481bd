using Npgsql;

namespace MhSupply.Persistence;

/// <summary>
/// Derives each component's connection string from the one configured: our tables live in schema <c>mh</c>,
/// Orleans' in <c>orleans</c> (its SQL names tables unqualified, so the search path places them).
/// </summary>
public static class ConnectionStrings
{
    public const string OrleansSchema = "orleans";
    public const string HangfireSchema = "hangfire";

    public static string ForApplication(DatabaseOptions options) => With(options.ConnectionString, options.MaxPoolSize, "mh,public", "mhsupply");

    public static string ForOrleans(DatabaseOptions options) => With(options.ConnectionString, options.OrleansMaxPoolSize, OrleansSchema, "mhsupply-orleans");

    private static string With(string connectionString, int maxPool, string searchPath, string applicationName)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = maxPool,
            SearchPath = searchPath,
        };
        if (string.IsNullOrEmpty(builder.ApplicationName))
        {
            builder.ApplicationName = applicationName;
        }
        return builder.ConnectionString;
    }
}
