using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace MhSupply.Gateway.Faults;

public static class ClusterClientFaults
{
    /// <summary>
    /// The cluster client's side of failover (FaultOptions): a short response timeout, a gateway list refreshed every few
    /// seconds, and the retry of retry-safe calls. Shared by the gateway and the tests' cluster clients.
    /// </summary>
    public static IClientBuilder AddMhSupplyClientFaultHandling(this IClientBuilder client, IConfiguration configuration)
    {
        client.Services.AddMhSupplyFaultOptions(configuration);
        client.Services.AddSingleton<IConfigureOptions<ClientMessagingOptions>>(sp => new ConfigureOptions<ClientMessagingOptions>(
            o => o.ResponseTimeout = sp.GetRequiredService<IOptions<FaultOptions>>().Value.ResponseTimeout));
        client.Services.AddSingleton<IConfigureOptions<GatewayOptions>>(sp => new ConfigureOptions<GatewayOptions>(
            o => o.GatewayListRefreshPeriod = sp.GetRequiredService<IOptions<FaultOptions>>().Value.GatewayListRefreshPeriod));
        client.Services.TryAddSingleton(TimeProvider.System);
        client.AddOutgoingGrainCallFilter<RetrySafeCallFilter>();
        return client;
    }

    public static IServiceCollection AddMhSupplyFaultOptions(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(FaultOptionsMarker)))
        {
            return services;
        }
        services.AddSingleton<FaultOptionsMarker>();
        services.AddOptions<FaultOptions>().Bind(configuration.GetSection(FaultOptions.Section))
            .Validate(o => o.RetryFor >= TimeSpan.Zero && o.FirstRetryDelay > TimeSpan.Zero && o.MaxRetryDelay >= o.FirstRetryDelay
                && o.RetryAfter >= TimeSpan.FromSeconds(1) && o.ResponseTimeout > TimeSpan.Zero && o.GatewayListRefreshPeriod > TimeSpan.Zero,
                "Faults: delays and timeouts must be positive, MaxRetryDelay at least FirstRetryDelay, RetryAfter at least 1 s")
            .ValidateOnStart();
        return services;
    }

    private sealed class FaultOptionsMarker;
}
