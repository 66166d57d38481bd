using MhSupply.Persistence;
using MhSupply.Reference;
using MhSupply.Stock;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MhSupply.Hosting;

public static class ServerServiceCollectionExtensions
{
    /// <summary>What a silo process runs besides its grains: migrations, seeding, the recurring jobs and notifications (Hangfire's server
    /// that schedules the jobs is added by the host: <c>AddMhSupplyJobs</c>).</summary>
    public static IServiceCollection AddMhSupplyServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMhSupplyWriteModel(configuration);
        services.TryAddSingleton<DatabaseMigrator>();
        services.TryAddSingleton<ReferenceDataSeeder>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MhSupply.Jobs.IRecurringJob, MhSupply.Alerts.AlertScanJob>());
        services.AddOptions<MhSupply.Notifications.NotificationOptions>()
            .Bind(configuration.GetSection(MhSupply.Notifications.NotificationOptions.Section))
            .Validate(o => o.BatchSize > 0 && o.MaxAttempts > 0 && o.FirstRetryAfter > TimeSpan.Zero, "Notifications: BatchSize, MaxAttempts and FirstRetryAfter must be positive")
            .ValidateOnStart();
        services.TryAddSingleton<MhSupply.Notifications.ChannelSenders>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MhSupply.Jobs.IRecurringJob, MhSupply.Notifications.NotificationDeliveryJob>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IDataMigration, MhSupply.Notifications.WebhookSecretSealing>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MhSupply.Jobs.IRecurringJob, MhSupply.Notifications.WebhookSecretSealing>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MhSupply.Jobs.IRecurringJob, StockRefreshJob>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MhSupply.Jobs.IRecurringJob, StockMonthsBackfillJob>());
        MhSupply.Indicators.Dhis2PushServiceCollectionExtensions.AddMhSupplyDhis2Push(services, configuration);
        services.TryAddTransient<MhSupply.Jobs.RecurringJobRunner>();
        return services;
    }
}
