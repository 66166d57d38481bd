using Microsoft.Extensions.Configuration;
namespace MhSupply.Persistence;

/// <summary>Where PostgreSQL is and how many connections each part of a process may hold.</summary>
public sealed class DatabaseOptions
{
    public const string ConnectionStringName = "MhSupply";

    public string ConnectionString { get; set; } = "";

    /// <summary>Pool for our own queries and Hangfire. PostgreSQL's max_connections is shared by every process.</summary>
    public int MaxPoolSize { get; set; } = 40;

    /// <summary>Pool for Orleans clustering, grain state and reminders (capped: see docs/notes on "53300 too many clients").</summary>
    public int OrleansMaxPoolSize { get; set; } = 30;

    /// <summary>Applies schema migrations when the process starts.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>The options as configured, with the connection string from ConnectionStrings:MhSupply when Database: has none.</summary>
    public static DatabaseOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            options.ConnectionString = configuration.GetConnectionString(ConnectionStringName)
                ?? throw new InvalidOperationException("ConnectionStrings:MhSupply is required");
        }
        return options;
    }
}
