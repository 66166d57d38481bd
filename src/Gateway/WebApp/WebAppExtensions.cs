using MhSupply.Reference;
using MhSupply.Stock;
using Microsoft.Extensions.Options;

namespace MhSupply.Gateway.WebApp;

/// <summary>
/// The web app (wwwroot: plain JS modules, no build step) served by the gateway itself, same origin as the API.
/// ASP.NET Core's static assets serve its files: compressed at build (Brotli, gzip), with ETags, and at a fingerprinted
/// URL each (<c>name.{fingerprint}.ext</c>) cached for a year. The shell (<see cref="AppShell"/>) points the app at
/// those URLs and is revalidated. Any other GET that is not a server path (/api, /health, ...) and names no file
/// answers the shell (client routing).
/// </summary>
public static class WebAppExtensions
{
    private static readonly string[] ServerPrefixes = ["/api", "/health", "/openapi", "/scalar", "/hangfire", "/dashboard", "/metrics", "/dev"];

    public static WebApplication MapWebApp(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.Environment.WebRootFileProvider = new WholeSecondFileProvider(app.Environment.WebRootFileProvider);
        }
        app.MapStaticAssets().AllowAnonymous().Add(endpoint =>
        {
            var serve = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = context =>
            {
                context.Response.Headers.XContentTypeOptions = "nosniff";
                return serve(context);
            };
        });
        var shell = new AppShell(app, app.Environment);
        string[] getOrHead = [HttpMethods.Get, HttpMethods.Head];
        app.MapMethods("/", getOrHead, (HttpResponse response) => shell.Serve(response)).AllowAnonymous().ExcludeFromDescription();
        app.MapMethods("/index.html", getOrHead, (HttpResponse response) => shell.Serve(response)).AllowAnonymous().ExcludeFromDescription();
        if (app.Environment.IsDevelopment())
        {
            // The sign-in page offers these demo users; a 404 here tells it to ask for a token instead (Production).
            app.MapGet("/dev/demo-users", () => Results.Ok(DemoDistrict.Users)).AllowAnonymous().ExcludeFromDescription();
        }
        // What the sign-in page and the stock card need before anyone is signed in: where Production tokens come from, and the
        // max-min policy (in months) that draws the band on the stock chart. Nothing secret. Also the server's own lists the
        // screens choose from (the inbox's alert kinds, the report form's adjustment reasons and their signs), so the web app
        // keeps no copy of them that could fall behind. The indicator catalogue too (codes, units, breakdowns).
        app.MapGet("/app-config.json", async (IConfiguration configuration, IOptions<StockOptions> stock, MhSupply.Reference.AdjustmentReasonCatalog reasons,
                CancellationToken cancellationToken) =>
            {
                var section = configuration.GetSection(WebAppSection);
                return Results.Ok(new AppConfig(
                    NullIfEmpty(section["SignInUrl"]),
                    NullIfEmpty(section["SignInName"]),
                    stock.Value.Policies.ToDictionary(p => p.Key, p => new PolicyDto(p.Value.Max, p.Value.Min, p.Value.EmergencyOrderPoint)),
                    stock.Value.ExpiryWarningDays,
                    MhSupply.Alerts.AlertKinds.All,
                    [.. (await reasons.ListAsync(includeInactive: true, cancellationToken)).Select(AdjustmentReasonDto.From)],
                    [.. MhSupply.Indicators.IndicatorCatalog.All.Select(d => new IndicatorDto(d.Code, d.Unit.ToString().ToLowerInvariant(), d.Breakdowns))],
                    stock.Value.UnknownCounterpart));
            })
            .AllowAnonymous().ExcludeFromDescription();
        // A middleware rather than a fallback endpoint: a fallback would turn the API's 405s and 404s into the shell or a 405.
        app.Use((context, next) =>
            context.GetEndpoint() is null && IsClientRoute(context.Request) ? shell.Serve(context.Response).ExecuteAsync(context) : next(context));
        return app;
    }

    /// <summary>Configuration section of the web app: <c>WebApp:SignInUrl</c> (the issuer's authorize URL) and <c>WebApp:SignInName</c>.</summary>
    public const string WebAppSection = "WebApp";

    public sealed record PolicyDto(decimal Max, decimal Min, decimal EmergencyOrderPoint);

    public sealed record AppConfig(string? SignInUrl, string? SignInName, IReadOnlyDictionary<string, PolicyDto> Policies, int ExpiryWarningDays,
        IReadOnlyList<string> AlertKinds, IReadOnlyList<AdjustmentReasonDto> AdjustmentReasons, IReadOnlyList<IndicatorDto> Indicators,
        string UnknownCounterpart);

    /// <summary>An indicator of the catalogue as the screens list it: its unit (rate, count, days) says how to write its value.</summary>
    public sealed record IndicatorDto(string Code, string Unit, IReadOnlyList<string> Breakdowns);

    /// <summary>
    /// An adjustment reason of the catalogue; <see cref="Credit"/>: it puts stock back on the shelf (found, returned). The
    /// inactive ones are listed too, so a card's history can name them, but the report form offers only the active.
    /// </summary>
    public sealed record AdjustmentReasonDto(string Reason, bool Credit, string Name, string Category, bool Active)
    {
        public static AdjustmentReasonDto From(AdjustmentReason r) => new(r.Code, r.Credit, r.Name, r.Category.ToWireName(), r.Active);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>A GET or HEAD outside the server's paths whose last segment names no file (a missing file stays a 404).</summary>
    private static bool IsClientRoute(HttpRequest request)
    {
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || ServerPrefixes.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }
        var path = request.Path.Value ?? "/";
        return !path[(path.LastIndexOf('/') + 1)..].Contains('.');
    }
}
