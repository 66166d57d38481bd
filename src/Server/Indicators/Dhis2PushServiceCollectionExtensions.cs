using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MhSupply.Indicators;

public static class Dhis2PushServiceCollectionExtensions
{
    /// <summary>The dhis2-push job, its options (checked at start-up), its HTTP client and its ledger.</summary>
    public static IServiceCollection AddMhSupplyDhis2Push(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Dhis2PushOptions>().Bind(configuration.GetSection(Dhis2PushOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Dhis2PushOptions>, Dhis2PushOptionsValidator>());
        // The sender bounds each delivery by Dhis2:Timeout itself, so the client's own 100 s default does not cut a slow import.
        services.AddHttpClient(Dhis2PushSender.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<Dhis2PushLedger>();
        services.TryAddSingleton<Dhis2PushSender>();
        services.TryAddSingleton<Dhis2PushJob>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MhSupply.Jobs.IRecurringJob, Dhis2PushJob>(sp => sp.GetRequiredService<Dhis2PushJob>()));
        return services;
    }
}
