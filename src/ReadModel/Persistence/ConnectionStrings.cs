using Npgsql;

namespace MhSupply.Persistence;

/// <summary>
/// Derives each component's connection string from the one configured: our tables live in schema <c>mh</c>,
/// Orleans' in <c>orleans</c> (its SQL names tables unqualified, so the search path places them).
/// </summary>
public static class ConnectionStrings
{
    /// <summary>The ADO.NET invariant Orleans' clustering, storage and reminders name for PostgreSQL.</summary>
    public const string AdoNetInvariant = "Npgsql";

    public const string OrleansSchema = "orleans";
    public const string HangfireSchema = "hangfire";

    /// <remarks>
    /// Our statements are few and repeated (the stock commit, the ledger look-ups): auto-preparing them spares
    /// PostgreSQL a parse and plan per call, which was most of its CPU per stock batch after execution itself. Nothing of
    /// ours sets session state (locks and settings are transaction-scoped), so a pooled connection needs no reset, and
    /// skipping it keeps the prepared statements.
    /// </remarks>
    public static string ForApplication(DatabaseOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(With(options.ConnectionString, options.MaxPoolSize, "mh,public", "mhsupply"));
        // A connection string that says otherwise wins.
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

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
