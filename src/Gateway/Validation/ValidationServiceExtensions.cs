using Microsoft.AspNetCore.Http.Json;

namespace MhSupply.Gateway.Validation;

/// <summary>Wires the input rules into the gateway: JSON converters for every bound body, date bounds, the request-text check.</summary>
public static class ValidationServiceExtensions
{
    public static WebApplicationBuilder AddInputValidation(this WebApplicationBuilder builder)
    {
        // InputBoundsOptions are bound with the application services: the facility grain checks occurredAt against them too.
        builder.Services.AddSingleton<InputBounds>();
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new CheckedStringConverter());
            o.SerializerOptions.Converters.Add(new OffsetDateTimeConverter());
        });
        return builder;
    }

    /// <summary>After routing (route values are known) and authentication (an anonymous caller still gets its 401 first).</summary>
    public static IApplicationBuilder UseRequestTextRules(this IApplicationBuilder app) => app.UseMiddleware<RequestTextMiddleware>();
}
