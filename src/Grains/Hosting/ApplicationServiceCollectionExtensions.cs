using MhSupply.Persistence;
using MhSupply.Privacy;
using MhSupply.Reference;
using MhSupply.Stock;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace MhSupply.Hosting;

public static class ApplicationServiceCollectionExtensions
{
    /// <summary>Domain services, repositories and options used by grains, jobs and the gateway alike.</summary>
    public static IServiceCollection AddMhSupplyApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddKeyedSingleton(Clock.Key, TimeProvider.System);
        services.AddMhSupplyDatabase(configuration);
        services.TryAddSingleton<ReferenceDataSeeder>();
        services.TryAddSingleton<FacilityDirectory>();
        services.TryAddSingleton<MhSupply.Alerts.ReportingSchedule>();
        services.TryAddSingleton<MedicineCatalog>();
        services.TryAddSingleton<StockLedger>();
        services.TryAddSingleton<StockReadModel>();
        services.TryAddSingleton<StockProjectionCatchUp>();
        services.TryAddSingleton<StockWriteProbe>();
        services.AddOptions<MhSupply.Validation.InputBoundsOptions>()
            .Bind(configuration.GetSection(MhSupply.Validation.InputBoundsOptions.Section))
            .Validate(o => !o.Problems().Any(), "Validation: the date bounds are inconsistent (see InputBoundsOptions)")
            .ValidateOnStart();
        services.TryAddSingleton<MhSupply.Alerts.AlertStore>();
        services.AddOptions<MhSupply.Alerts.AlertOptions>().Bind(configuration.GetSection(MhSupply.Alerts.AlertOptions.Section))
            .Validate(o => o.ReportDueDay is >= 1 and <= 28, "Alerts:ReportDueDay is between 1 and 28")
            .Validate(o => o.EscalateAfter > TimeSpan.Zero && o.ScanBatchSize > 0, "Alerts:EscalateAfter and ScanBatchSize must be positive")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MhSupply.Jobs.IRecurringJob, MhSupply.Alerts.AlertScanJob>());
        services.AddOptions<MhSupply.Notifications.NotificationOptions>()
            .Bind(configuration.GetSection(MhSupply.Notifications.NotificationOptions.Section))
            .Validate(o => o.BatchSize > 0 && o.MaxAttempts > 0 && o.FirstRetryAfter > TimeSpan.Zero, "Notifications: BatchSize, MaxAttempts and FirstRetryAfter must be positive")
            .ValidateOnStart();
        services.TryAddSingleton<MhSupply.Notifications.ChannelSenders>();
        services.TryAddSingleton<MhSupply.Referrals.ReferralStore>();
        services.TryAddSingleton<MhSupply.Referrals.ReferralQueries>();
        services.TryAddSingleton<MhSupply.Referrals.ReferralCallers>();
        services.AddOptions<MhSupply.Referrals.ReferralDeadlineOptions>()
            .Bind(configuration.GetSection("Referrals:Deadlines"))
            .Validate(o => o.Validate().Count == 0, "Referrals:Deadlines is invalid (every deadline must be positive)")
            .ValidateOnStart();
        services.TryAddSingleton<MhSupply.Notifications.SubscriptionStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MhSupply.Jobs.IRecurringJob, MhSupply.Notifications.NotificationDeliveryJob>());
        AddSecretSealing(services, configuration);
        services.AddOptions<StockOptions>()
            .Bind(configuration.GetSection(StockOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StockOptions>, StockOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MhSupply.Jobs.IRecurringJob, StockRefreshJob>());
        return services;
    }

    /// <summary>
    /// Webhook secrets are sealed by the gateway and opened by the delivery job: both processes need the key. Registered
    /// once: a co-hosted gateway adds the application twice (itself and its silo), and binding the key list twice would
    /// list every key twice.
    /// </summary>
    private static void AddSecretSealing(IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(SecretProtector)))
        {
            return;
        }
        services.AddOptions<PrivacyOptions>()
            .Bind(configuration.GetSection(PrivacyOptions.Section))
            .PostConfigure<IHostEnvironment>((o, environment) =>
            {
                if (o.SecretKeyList.Count == 0 && environment.IsDevelopment())
                {
                    o.SecretKey = PrivacyKeys.DevelopmentKey(DataFolder.Resolve(configuration), "dev-secret-key");
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>());
        services.TryAddSingleton(sp => new SecretProtector(sp.GetRequiredService<IOptions<PrivacyOptions>>().Value.SecretKeyList));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MhSupply.Persistence.IDataMigration, MhSupply.Notifications.WebhookSecretSealing>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MhSupply.Jobs.IRecurringJob, MhSupply.Notifications.WebhookSecretSealing>());
    }
}
