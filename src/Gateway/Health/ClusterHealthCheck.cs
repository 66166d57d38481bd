using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MhSupply.Gateway.Health;

/// <summary>Ready only when a silo answers a call: the management grain lists the active silos.</summary>
public sealed class ClusterHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)
                .WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s)")
                : HealthCheckResult.Unhealthy("no active silo");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Any failure to reach the cluster (not connected yet, silo gone, timeout) means not ready.
            return HealthCheckResult.Unhealthy("the Orleans cluster does not answer", e);
        }
    }
}
