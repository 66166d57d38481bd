using System.Text.Json.Serialization;
using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Health;
using MhSupply.Hosting;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.Http.Json;

namespace MhSupply.Gateway.Hosting;

public static class GatewayServiceExtensions
{
    public static WebApplicationBuilder AddGatewayServices(this WebApplicationBuilder builder)
    {
        builder.AddMhSupplyLogging();
        builder.AddClusterConnection();
        builder.AddMhSupplyAuth();
        builder.Services.AddMhSupplyHealthChecks();
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Binding failures reach the exception handler, which names the offending field.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddHttpLogging(o =>
        {
            o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.ResponseStatusCode
                | HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });
        builder.Services.AddSingleton<Referrals.ContactProtector>();
        builder.Services.AddScoped<Referrals.ReferralAccess>();
        builder.Services.AddScoped<Referrals.ReferralViews>();
        builder.AddMhSupplyOpenApi();
        return builder;
    }

    public static WebApplication UseGatewayPipeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHttpLogging();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
