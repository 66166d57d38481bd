using MhSupply.Access;
using System.Security.Claims;

namespace MhSupply.Gateway.Auth;

/// <summary>What a token says about its holder: role and the facilities and districts it covers.</summary>
public static class UserScope
{
    public static string Subject(this ClaimsPrincipal user) => user.FindFirst(ClaimNames.Subject)?.Value ?? "unknown";

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    public static bool HasAnyRole(this ClaimsPrincipal user, params string[] roles) => roles.Any(user.IsInRole);

    public static IReadOnlySet<string> Facilities(this ClaimsPrincipal user) =>
        user.FindAll(ClaimNames.Facility).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> Districts(this ClaimsPrincipal user) =>
        user.FindAll(ClaimNames.District).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
}
