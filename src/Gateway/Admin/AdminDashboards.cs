using System.Security.Claims;
using MhSupply.Gateway.Auth;

namespace MhSupply.Gateway.Admin;

/// <summary>
/// The one access rule of the operators' dashboards, the Hangfire dashboard at /hangfire and the Orleans dashboard at
/// /dashboard: an authenticated admin, nobody else. A browser cannot send a bearer header on navigation, nor can the
/// dashboards' own pages add one to the requests they make, so the first visit passes the token as ?access_token=,
/// which is kept in a strict, HTTP-only cookie scoped to that dashboard's path.
/// </summary>
public static class AdminDashboards
{
    /// <summary>The authorization policy of an endpoint-routed dashboard: <see cref="Allows"/>.</summary>
    public const string Policy = "admin-dashboard";

    public const string CookieName = "mh_dashboard_token";

    private static readonly string[] Paths = [HangfireDashboard.Path, OrleansDashboard.Path];

    public static bool Allows(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true && user.IsAdmin();

    public static WebApplicationBuilder AddAdminDashboards(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.RequireAssertion(c => Allows(c.User)));
        return builder;
    }

    public static WebApplication MapAdminDashboards(this WebApplication app)
    {
        app.MapHangfireDashboard();
        app.MapClusterDashboard();
        return app;
    }

    /// <summary>For the JWT handler: where a dashboard request's token is, when it has no Authorization header.</summary>
    public static string? TokenFor(HttpContext http)
    {
        var path = Paths.FirstOrDefault(p => http.Request.Path.StartsWithSegments(p));
        if (path is null)
        {
            return null;
        }
        if (http.Request.Query.TryGetValue("access_token", out var token) && !string.IsNullOrEmpty(token))
        {
            http.Response.Cookies.Append(CookieName, token!, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = path,
                Secure = http.Request.IsHttps,
            });
            return token;
        }
        return http.Request.Cookies.TryGetValue(CookieName, out var cookie) ? cookie : null;
    }
}
