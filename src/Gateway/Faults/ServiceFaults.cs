using MhSupply.Faults;
using Orleans.Runtime.Messaging;

namespace MhSupply.Gateway.Faults;

/// <summary>Which failures mean "the service is briefly unavailable" (503, try again) rather than a fault of ours (500).</summary>
public static class ServiceFaults
{
    /// <summary>
    /// The cluster did not take or answer the call: the silo it went to died or was declared dead, no silo is reachable,
    /// or no answer came within the response timeout. The call may or may not have run.
    /// </summary>
    public static bool IsClusterUnavailable(Exception exception) => exception is SiloUnavailableException
        or OrleansMessageRejectionException or GatewayTooBusyException or ConnectionFailedException or TimeoutException;

    /// <summary>The cluster is unavailable, or PostgreSQL is (in the gateway's own query or inside a grain).</summary>
    public static bool IsUnavailable(Exception exception) => IsClusterUnavailable(exception) || ServiceFailures.IsTransient(exception);
}
