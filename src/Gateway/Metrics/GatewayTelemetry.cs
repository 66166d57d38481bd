using MhSupply.Telemetry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MhSupply.Gateway.Metrics;

/// <summary>
/// The shared telemetry (Orleans, Npgsql, ours) plus ASP.NET Core, the gauges read from PostgreSQL, and the Prometheus
/// scrape at /metrics.
/// </summary>
public static class GatewayTelemetry
{
    public const string Path = "/metrics";

    public static WebApplicationBuilder AddGatewayTelemetry(this WebApplicationBuilder builder)
    {
        var telemetry = builder.AddMhSupplyTelemetry("mhsupply-gateway")
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddPrometheusExporter()
                .AddMhSupplyDatabaseGauges(sp => sp.GetRequiredService<IOptions<MetricsOptions>>().Value.DatabaseReadInterval));
        if (TelemetryExtensions.ExportsTraces(builder.Configuration))
        {
            telemetry.WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = http => !IsQuiet(http.Request.Path)));
        }
        builder.Services.AddOptions<MetricsOptions>()
            .Bind(builder.Configuration.GetSection(MetricsOptions.Section))
            .Validate(o => o.IsValid(), "Metrics:AllowedNetworks holds CIDR ranges such as 127.0.0.1/32; Metrics:DatabaseReadInterval is not negative")
            .ValidateOnStart();
        builder.Services.AddSingleton<IAuthorizationHandler, MetricsAccess.Handler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(MetricsAccess.Policy, p => p.AddRequirements(new MetricsAccess.Requirement()));
        return builder;
    }

    /// <summary>Not under /api/: outside the OpenAPI document.</summary>
    public static WebApplication MapMetricsEndpoint(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(Path).RequireAuthorization(MetricsAccess.Policy).ExcludeFromDescription();
        return app;
    }

    /// <summary>Scrapes and probes every few seconds would drown the traces of real requests.</summary>
    private static bool IsQuiet(PathString path) => path.StartsWithSegments(Path) || path.StartsWithSegments("/health");
}
