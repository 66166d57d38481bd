using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MhSupply.Telemetry;

/// <summary>
/// Metrics and traces for every host, in one place (eShop's ServiceDefaults): Orleans, Npgsql and our own meter. The
/// gateway adds ASP.NET Core and its /metrics endpoint on the builder this returns. Exported by OTLP only when an
/// endpoint is configured, so a laptop without a collector sends nothing.
/// </summary>
public static class TelemetryExtensions
{
    public const string OtlpEndpointSetting = "OpenTelemetry:OtlpEndpoint";
    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Orleans 10's meter ("Microsoft.Orleans") and activity sources (Runtime, Application, Storage, Lifecycle).</summary>
    private const string OrleansMeter = "Microsoft.Orleans";
    private const string OrleansSources = "Microsoft.Orleans.*";

    public static OpenTelemetryBuilder AddMhSupplyTelemetry(this IHostApplicationBuilder builder, string serviceName) =>
        builder.Services.AddMhSupplyTelemetry(builder.Configuration, serviceName);

    /// <summary>Safe to call twice (a process that hosts gateway and silo together adds the same meters once more).</summary>
    public static OpenTelemetryBuilder AddMhSupplyTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(m => m.AddMeter(MhSupplyMeter.Name, OrleansMeter).AddNpgsqlInstrumentation());
        if (ExportsTraces(configuration))
        {
            // Traces are recorded only when something receives them: a listener with no exporter would still create an
            // activity per request, grain call and statement (the stock-ingest bench's gateway used ~30 % more CPU).
            telemetry.WithTracing(t => t.AddSource(OrleansSources).AddNpgsql());
        }
        // An explicit setting wins; else the SDK's own variables (endpoint, protocol, headers) are read by UseOtlpExporter.
        var endpoint = configuration[OtlpEndpointSetting];
        if (!string.IsNullOrWhiteSpace(endpoint) && !services.Any(IsOtlpMarker))
        {
            var protocol = string.Equals(configuration["OpenTelemetry:OtlpProtocol"], "http/protobuf", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            services.AddSingleton<OtlpMarker>();
            telemetry.UseOtlpExporter(protocol, new Uri(endpoint));
        }
        else if (!string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]) && !services.Any(IsOtlpMarker))
        {
            services.AddSingleton<OtlpMarker>();
            telemetry.UseOtlpExporter();
        }
        return telemetry;
    }

    /// <summary>
    /// The outbox and alert gauges read from PostgreSQL (<see cref="DatabaseGauges"/>). Added by one kind of process, the
    /// gateway, whose /metrics is scraped: they count the whole cluster's rows, and a silo reporting them as well would
    /// send the same numbers once more per silo.
    /// </summary>
    public static MeterProviderBuilder AddMhSupplyDatabaseGauges(this MeterProviderBuilder metrics, Func<IServiceProvider, TimeSpan> readInterval) =>
        metrics.AddInstrumentation(sp => new DatabaseGauges(
            sp.GetRequiredService<NpgsqlDataSource>(), readInterval(sp), sp.GetRequiredService<ILogger<DatabaseGauges>>()));

    /// <summary>Whether an OTLP endpoint is configured, the only place traces go.</summary>
    public static bool ExportsTraces(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]) || !string.IsNullOrWhiteSpace(configuration[OtlpEndpointVariable]);

    /// <summary>UseOtlpExporter may be called once per service collection.</summary>
    private static bool IsOtlpMarker(ServiceDescriptor d) => d.ServiceType == typeof(OtlpMarker);

    private sealed class OtlpMarker;
}
