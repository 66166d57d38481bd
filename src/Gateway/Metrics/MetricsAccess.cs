using System.Net;
using System.Security.Claims;
using MhSupply.Gateway.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace MhSupply.Gateway.Metrics;

/// <summary>
/// /metrics for an admin's token or a caller from an allowed network. An authorization policy rather than a check in
/// the endpoint, so the framework answers 401 to a caller without a token and 403 to one whose token is not an admin's,
/// as for every other endpoint (and the status-code pages make both problem details).
/// </summary>
public static class MetricsAccess
{
    public const string Policy = "metrics";

    public static bool Allows(ClaimsPrincipal user, IPAddress? remote, IReadOnlyList<IPNetwork> networks)
    {
        if (user.Identity?.IsAuthenticated == true && user.IsAdmin())
        {
            return true;
        }
        if (remote is null)
        {
            return false;
        }
        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        return networks.Any(n => n.Contains(address));
    }

    internal sealed class Requirement : IAuthorizationRequirement;

    internal sealed class Handler(IOptions<MetricsOptions> options) : AuthorizationHandler<Requirement>
    {
        private readonly IPNetwork[] _networks = options.Value.Networks();

        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
        {
            var remote = (context.Resource as HttpContext)?.Connection.RemoteIpAddress;
            if (Allows(context.User, remote, _networks))
            {
                context.Succeed(requirement);
            }
            return Task.CompletedTask;
        }
    }
}
