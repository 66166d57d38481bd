using MhSupply.Persistence;
using MhSupply.Reference;
using MhSupply.Stock;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MhSupply.Hosting;

public static class ReadModelServiceCollectionExtensions
{
    /// <summary>
    /// The read side: the clock, the database, the options readers need, the queries and read models. The gateway uses only
    /// these; the silo adds the grains' stores and the jobs on top (AddMhSupplyServer). Safe to call twice (a test host that
    /// composes gateway and silo in one process does).
    /// </summary>
    public static IServiceCollection AddMhSupplyReadModel(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddKeyedSingleton(Clock.Key, TimeProvider.System);
        services.AddMhSupplyDatabase(configuration);
        services.TryAddSingleton<FacilityDirectory>();
        services.TryAddSingleton<MedicineCatalog>();
        services.TryAddSingleton<AdjustmentReasonCatalog>();
        services.TryAddSingleton<StockReadModel>();
        services.TryAddSingleton<StockProjectionCatchUp>();
        services.AddOptions<MhSupply.Validation.InputBoundsOptions>()
            .Bind(configuration.GetSection(MhSupply.Validation.InputBoundsOptions.Section))
            .Validate(o => !o.Problems().Any(), "Validation: the date bounds are inconsistent (see InputBoundsOptions)")
            .ValidateOnStart();
        services.TryAddSingleton<MhSupply.Alerts.AlertStore>();
        services.AddOptions<MhSupply.Alerts.AlertOptions>().Bind(configuration.GetSection(MhSupply.Alerts.AlertOptions.Section))
            .Validate(o => o.ReportDueDay is >= 1 and <= 28, "Alerts:ReportDueDay is between 1 and 28")
            .Validate(o => o.EscalateAfter > TimeSpan.Zero && o.ScanBatchSize > 0, "Alerts:EscalateAfter and ScanBatchSize must be positive")
            .ValidateOnStart();
        services.TryAddSingleton<MhSupply.Indicators.IndicatorService>();
        services.TryAddSingleton<MhSupply.Indicators.Dhis2MappingStore>();
        services.TryAddSingleton<MhSupply.Places.PlaceDirectory>();
        services.TryAddSingleton<MhSupply.Indicators.Dhis2Export>();
        services.TryAddSingleton<MhSupply.Indicators.Dhis2PushStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MhSupply.Indicators.IIndicatorSource, MhSupply.Indicators.ReportingIndicators>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MhSupply.Indicators.IIndicatorSource, MhSupply.Indicators.StockIndicators>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MhSupply.Indicators.IIndicatorSource, MhSupply.Indicators.ReferralIndicators>());
        services.TryAddSingleton<MhSupply.Referrals.ReferralQueries>();
        services.TryAddSingleton<MhSupply.Orders.OrderQueries>();
        services.TryAddSingleton<MhSupply.Orders.SupplyLines>();
        services.TryAddSingleton<MhSupply.Referrals.TreatmentPlans>();
        services.TryAddSingleton<MhSupply.Referrals.ReferralCallers>();
        services.TryAddSingleton<MhSupply.Notifications.SubscriptionStore>();
        services.TryAddSingleton<MhSupply.Sms.SmsReporterDirectory>();
        services.TryAddSingleton(_ => MhSupply.Messages.MessageCatalog.FromEmbeddedFiles());
        services.AddOptions<StockOptions>()
            .Bind(configuration.GetSection(StockOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StockOptions>, StockOptionsValidator>());
        return services;
    }
}
