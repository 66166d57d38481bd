using MhSupply.Persistence;
using MhSupply.Reference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MhSupply.Hosting;

public static class StartupTasks
{
    /// <summary>
    /// Runs before the host starts: migrations first (Orleans' own tables must exist before the silo joins),
    /// then the default reference data and, when Demo:Seed is true, the demo district.
    /// </summary>
    public static async Task PrepareDatabaseAsync(IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var database = DatabaseOptions.From(configuration);
        if (!database.MigrateOnStart)
        {
            return;
        }
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        var seeder = services.GetRequiredService<ReferenceDataSeeder>();
        await seeder.SeedDefaultsAsync(cancellationToken);
        if (configuration.GetValue<bool>("Demo:Seed"))
        {
            await seeder.SeedDemoDistrictAsync(cancellationToken);
        }
    }
}
