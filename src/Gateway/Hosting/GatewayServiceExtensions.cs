using System.Text.Json.Serialization;
using MhSupply.Gateway.Admin;
using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Faults;
using MhSupply.Gateway.Health;
using MhSupply.Gateway.Metrics;
using MhSupply.Gateway.Validation;
using MhSupply.Hosting;
using System.IO.Compression;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.ResponseCompression;

namespace MhSupply.Gateway.Hosting;

public static class GatewayServiceExtensions
{
    public static WebApplicationBuilder AddGatewayServices(this WebApplicationBuilder builder)
    {
        builder.AddMhSupplyLogging();
        builder.AddGatewayTelemetry();
        builder.AddClusterConnection();
        builder.AddMhSupplyAuth();
        builder.AddAdminDashboards();
        builder.Services.AddMhSupplyHealthChecks();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddMhSupplyFaultOptions(builder.Configuration);
        // Binding failures reach the exception handler, which names the offending field.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.AddInputValidation();
        builder.Services.AddHttpLogging(o =>
        {
            o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.ResponseStatusCode
                | HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });
        // API answers compressed for phones on slow links (the medicines list is 10 KB of JSON, 2 KB in Brotli). Safe
        // over HTTPS here: BREACH needs credentials the browser adds by itself (cookies), and ours is a bearer header a
        // cross-site page cannot make the browser send.
        builder.Services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["application/json", "application/problem+json", "text/csv"];
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        builder.Services.AddSingleton<Referrals.ContactProtector>();
        builder.Services.AddScoped<Referrals.ReferralViews>();
        builder.Services.AddScoped<Orders.OrderViews>();
        builder.AddMhSupplyOpenApi();
        return builder;
    }

    public static WebApplication UseGatewayPipeline(this WebApplication app)
    {
        // The contact key is read now: a gateway without one stops at start-up, not at the first referral.
        app.Services.GetRequiredService<Referrals.ContactProtector>();
        app.UseResponseCompression();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHttpLogging();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRequestTextRules();
        return app;
    }
}
