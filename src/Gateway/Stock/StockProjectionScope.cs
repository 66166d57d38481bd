using System.Security.Claims;
using MhSupply.Gateway.Auth;
using MhSupply.Stock;

namespace MhSupply.Gateway.Stock;

public static class StockProjectionScope
{
    /// <summary>Before a read of the read model or the alerts: the facilities within the user's reach project first.</summary>
    public static Task CatchUpForAsync(this StockProjectionCatchUp projection, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.IsAdmin()
            ? projection.CatchUpAllAsync(cancellationToken)
            : projection.CatchUpAsync(user.Districts(), user.Facilities(), cancellationToken);
}
