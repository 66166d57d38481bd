using MhSupply.Hosting;
using Orleans.Dashboard;

namespace MhSupply.Gateway.Admin;

/// <summary>
/// The Orleans dashboard (silos, grain activations and calls, reminders) at /dashboard, for admins only
/// (<see cref="AdminDashboards"/>). The gateway serves its page and API as a cluster client; the silos collect what it
/// shows (MhSupplySiloExtensions adds the dashboard's silo side). /dashboard rather than the package's root: the web app
/// owns "/".
/// </summary>
public static class OrleansDashboard
{
    public const string Path = "/dashboard";

    /// <summary>The dashboard's client side, for a gateway that is a cluster client (a co-hosted silo brings its own).</summary>
    public static IClientBuilder AddOrleansDashboard(this IClientBuilder client, IConfiguration configuration) =>
        client.AddDashboard(o => Configure(o, configuration));

    /// <summary>As the silos read them (MhSupplySiloExtensions): HideTrace unless configured otherwise.</summary>
    public static void Configure(DashboardOptions options, IConfiguration configuration)
    {
        options.HideTrace = true;
        configuration.GetSection(OrleansHostingOptions.DashboardSection).Bind(options);
    }

    /// <summary>Every route of the group (page, assets, the API its page polls) asks the same policy.</summary>
    public static WebApplication MapClusterDashboard(this WebApplication app)
    {
        app.MapOrleansDashboard(Path).RequireAuthorization(AdminDashboards.Policy).ExcludeFromDescription();
        return app;
    }
}
