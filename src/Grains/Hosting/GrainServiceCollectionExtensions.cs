using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;
using MhSupply.Privacy;
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
        services.TryAddSingleton<MhSupply.Places.PlaceRegistry>();
        services.TryAddSingleton<MedicineListWriter>();
        services.TryAddSingleton<StockLedger>();
        services.TryAddSingleton<StockWriteProbe>();
        services.TryAddSingleton<MhSupply.Referrals.ReferralStore>();
        services.TryAddSingleton<MhSupply.Orders.OrderStore>();
        services.TryAddSingleton<MhSupply.Stock.FacilityPipeline>();
        services.TryAddSingleton<MhSupply.Stock.FacilityReasons>();
        services.AddOptions<MhSupply.Referrals.ReferralDeadlineOptions>()
            .Bind(configuration.GetSection("Referrals:Deadlines"))
            .Validate(o => o.Validate().Count == 0, "Referrals:Deadlines is invalid (every deadline must be positive)")
            .ValidateOnStart();
        services.AddOptions<MhSupply.Referrals.ReferralDateOptions>()
            .Bind(configuration.GetSection("Referrals"))
            .Validate(o => o.Validate().Count == 0, "Referrals:BookingPastToleranceHours or Referrals:FollowUpEarlyDays is out of range")
            .ValidateOnStart();
        services.TryAddSingleton<MhSupply.Notifications.SubscriptionWriter>();
        services.TryAddSingleton<MhSupply.Sms.SmsInboxStore>();
        AddSecretSealing(services, configuration);
        return services;
    }

    /// <summary>
    /// Webhook secrets are sealed by the subscription grain and opened by the delivery job, both on silos (the gateway
    /// needs no secret key); the key list is bound once, however many
    /// times the read side is added to one container (binding it twice would list every key twice).
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
    }
}
