using Hangfire;
using Hangfire.Dashboard;

namespace MhSupply.Gateway.Admin;

/// <summary>The Hangfire dashboard at /hangfire, for admins only (<see cref="AdminDashboards"/>).</summary>
public static class HangfireDashboard
{
    public const string Path = "/hangfire";

    public static WebApplication MapHangfireDashboard(this WebApplication app)
    {
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new AdminOnly()],
            DashboardTitle = "MhSupply jobs",
            DisplayStorageConnectionString = false,
        });
        return app;
    }

    /// <summary>Hangfire's dashboard is middleware, not an endpoint: it asks a filter instead of a policy.</summary>
    private sealed class AdminOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => AdminDashboards.Allows(context.GetHttpContext().User);
    }
}
