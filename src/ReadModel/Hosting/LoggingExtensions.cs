using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MhSupply.Hosting;

public static class LoggingExtensions
{
    /// <summary>
    /// Structured logs: one JSON object per line (with scopes such as the request id) unless
    /// Logging:Format is "simple", which humans reading a terminal may prefer.
    /// </summary>
    public static IHostApplicationBuilder AddMhSupplyLogging(this IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (string.Equals(builder.Configuration["Logging:Format"], "simple", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        }
        else
        {
            builder.Logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
        }
        return builder;
    }
}
