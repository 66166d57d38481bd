using MhSupply.Reference;
using MhSupply.Stock;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MhSupply.Hosting;

public static class GrainServiceCollectionExtensions
{
    /// <summary>The write side: the stores the grains commit to, on top of the read side.</summary>
    public static IServiceCollection AddMhSupplyWriteModel(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMhSupplyReadModel(configuration);
        services.TryAddSingleton<MhSupply.Alerts.ReportingSchedule>();
        services.TryAddSingleton<MhSupply.Alerts.AlertAcknowledgements>();
        services.TryAddSingleton<FacilityRegistry>();
        services.TryAddSingleton<MedicineListWriter>();
        services.TryAddSingleton<StockLedger>();
        services.TryAddSingleton<StockWriteProbe>();
        services.TryAddSingleton<MhSupply.Referrals.ReferralStore>();
        services.AddOptions<MhSupply.Referrals.ReferralDeadlineOptions>()
            .Bind(configuration.GetSection("Referrals:Deadlines"))
            .Validate(o => o.Validate().Count == 0, "Referrals:Deadlines is invalid (every deadline must be positive)")
            .ValidateOnStart();
        services.TryAddSingleton<MhSupply.Notifications.SubscriptionWriter>();
        return services;
    }
}
