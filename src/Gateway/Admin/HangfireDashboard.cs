using Hangfire;
using Hangfire.Dashboard;
using MhSupply.Gateway.Auth;

namespace MhSupply.Gateway.Admin;

/// <summary>
/// The Hangfire dashboard at /hangfire, for admins only. A browser cannot send a bearer header on navigation, so the
/// first visit passes the token as ?access_token=, which is kept in a strict, HTTP-only cookie scoped to /hangfire.
/// </summary>
public static class HangfireDashboard
{
    public const string Path = "/hangfire";
    public const string CookieName = "mh_dashboard_token";

    /// <summary>For the JWT handler: where a dashboard request's token is, when it has no Authorization header.</summary>
    public static string? TokenFor(HttpContext http)
    {
        if (!http.Request.Path.StartsWithSegments(Path))
        {
            return null;
        }
        if (http.Request.Query.TryGetValue("access_token", out var token) && !string.IsNullOrEmpty(token))
        {
            http.Response.Cookies.Append(CookieName, token!, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Path = Path,
                Secure = http.Request.IsHttps,
            });
            return token;
        }
        return http.Request.Cookies.TryGetValue(CookieName, out var cookie) ? cookie : null;
    }

    public static WebApplication MapAdminDashboard(this WebApplication app)
    {
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new AdminOnly()],
            DashboardTitle = "MhSupply jobs",
            DisplayStorageConnectionString = false,
        });
        return app;
    }

    private sealed class AdminOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var user = context.GetHttpContext().User;
            return user.Identity?.IsAuthenticated == true && user.IsAdmin();
        }
    }
}
