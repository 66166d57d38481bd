using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using MhSupply.Reference;
using MhSupply.Stock;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace MhSupply.Gateway.WebApp;

/// <summary>
/// The web app (wwwroot: plain JS modules, no build step) served by the gateway itself, same origin as the API.
/// Files are read once, compressed once (Brotli and gzip) and kept in memory; index.html gets an import map that
/// versions every module with a content hash, so versioned URLs are cached for a year and only index.html is revalidated.
/// Any other GET that is not a server path (/api, /health, ...) and names no file answers index.html (client routing).
/// </summary>
public static class WebAppExtensions
{
    private static readonly string[] ServerPrefixes = ["/api", "/health", "/openapi", "/scalar", "/hangfire", "/dev"];

    public static WebApplication MapWebApp(this WebApplication app)
    {
        var assets = new WebAssets(app.Environment.WebRootFileProvider, watch: app.Environment.IsDevelopment());
        if (app.Environment.IsDevelopment())
        {
            // The sign-in page offers these demo users; a 404 here tells it to ask for a token instead (Production).
            app.MapGet("/dev/demo-users", () => Results.Ok(DemoDistrict.Users)).AllowAnonymous().ExcludeFromDescription();
        }
        // What the sign-in page and the stock card need before anyone is signed in: where Production tokens come from, and the
        // max-min policy (in months) that draws the band on the stock chart. Nothing secret.
        app.MapGet("/app-config.json", (IConfiguration configuration, IOptions<StockOptions> stock) =>
            {
                var section = configuration.GetSection(WebAppSection);
                return Results.Ok(new AppConfig(
                    NullIfEmpty(section["SignInUrl"]),
                    NullIfEmpty(section["SignInName"]),
                    stock.Value.Policies.ToDictionary(p => p.Key, p => new PolicyDto(p.Value.Max, p.Value.Min, p.Value.EmergencyOrderPoint)),
                    stock.Value.ExpiryWarningDays));
            })
            .AllowAnonymous().ExcludeFromDescription();
        app.Use((context, next) =>
            context.GetEndpoint() is null && IsWebAppRequest(context.Request) ? assets.ServeAsync(context, () => next(context)) : next(context));
        return app;
    }

    /// <summary>Configuration section of the web app: <c>WebApp:SignInUrl</c> (the issuer's authorize URL) and <c>WebApp:SignInName</c>.</summary>
    public const string WebAppSection = "WebApp";

    public sealed record PolicyDto(decimal Max, decimal Min, decimal EmergencyOrderPoint);

    public sealed record AppConfig(string? SignInUrl, string? SignInName, IReadOnlyDictionary<string, PolicyDto> Policies, int ExpiryWarningDays);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsWebAppRequest(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !ServerPrefixes.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase));

    private sealed record Asset(string ContentType, byte[] Raw, byte[]? Brotli, byte[]? Gzip, string ETag, string? Csp);

    private sealed record Snapshot(IReadOnlyDictionary<string, Asset> Files, Asset? Index, string Version);

    private sealed class WebAssets
    {
        private const string IndexPath = "/index.html";
        private const string Immutable = "public, max-age=31536000, immutable";
        private static readonly FileExtensionContentTypeProvider ContentTypes = new();
        private readonly IFileProvider _files;
        private readonly Lock _gate = new();
        private Snapshot? _snapshot;

        public WebAssets(IFileProvider files, bool watch)
        {
            _files = files;
            if (watch)
            {
                // Development: an edited file is picked up on the next request.
                ChangeToken.OnChange(() => _files.Watch("**/*"), () => _snapshot = null);
            }
        }

        public Task ServeAsync(HttpContext context, Func<Task> next)
        {
            var snapshot = Current();
            var path = context.Request.Path.Value ?? "/";
            if (path == "/" || path.Equals(IndexPath, StringComparison.OrdinalIgnoreCase))
            {
                return snapshot.Index is null ? next() : WriteAsync(context, snapshot.Index, "no-cache");
            }
            if (snapshot.Files.TryGetValue(path, out var asset))
            {
                var versioned = context.Request.Query.TryGetValue("v", out var v) && v == snapshot.Version;
                return WriteAsync(context, asset, versioned ? Immutable : "no-cache");
            }
            // A missing asset is a 404; a path without an extension is a client-side route: the app shell answers it.
            var last = path[(path.LastIndexOf('/') + 1)..];
            return last.Contains('.') || snapshot.Index is null ? next() : WriteAsync(context, snapshot.Index, "no-cache");
        }

        private Snapshot Current()
        {
            var snapshot = _snapshot;
            if (snapshot is not null)
            {
                return snapshot;
            }
            lock (_gate)
            {
                return _snapshot ??= Load();
            }
        }

        private Snapshot Load()
        {
            var raw = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
            Collect("", raw);
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var (path, bytes) in raw)
            {
                sha.AppendData(Encoding.UTF8.GetBytes(path));
                sha.AppendData(SHA256.HashData(bytes));
            }
            var version = Convert.ToHexStringLower(sha.GetHashAndReset())[..12];
            var files = new Dictionary<string, Asset>(StringComparer.Ordinal);
            foreach (var (path, bytes) in raw)
            {
                if (path != IndexPath)
                {
                    files[path] = Build(path, bytes, null);
                }
            }
            Asset? index = null;
            if (raw.TryGetValue(IndexPath, out var template))
            {
                var importMap = "{\"imports\":{" + string.Join(",", raw.Keys.Where(p => p.EndsWith(".js", StringComparison.Ordinal))
                    .Select(p => $"\"{p}\":\"{p}?v={version}\"")) + "}}";
                var html = Encoding.UTF8.GetString(template)
                    .Replace("<!--importmap-->", $"<script type=\"importmap\">{importMap}</script>", StringComparison.Ordinal)
                    .Replace("{{v}}", version, StringComparison.Ordinal);
                var mapHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap)));
                // Everything comes from this origin: no CDN, no inline script but the import map (allowed by its hash).
                var csp = $"default-src 'self'; script-src 'self' 'sha256-{mapHash}'; style-src 'self'; img-src 'self' data:; " +
                    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
                index = Build(IndexPath, Encoding.UTF8.GetBytes(html), csp);
            }
            return new Snapshot(files, index, version);
        }

        private void Collect(string folder, SortedDictionary<string, byte[]> into)
        {
            foreach (var entry in _files.GetDirectoryContents(folder))
            {
                var path = folder + "/" + entry.Name;
                if (entry.IsDirectory)
                {
                    Collect(path, into);
                    continue;
                }
                if (entry.Name.EndsWith(".gz", StringComparison.Ordinal) || entry.Name.EndsWith(".br", StringComparison.Ordinal))
                {
                    // The SDK's own precompressed copies (build manifest, publish output): we compress in memory instead.
                    continue;
                }
                using var stream = entry.CreateReadStream();
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                into[path] = buffer.ToArray();
            }
        }

        private static Asset Build(string path, byte[] bytes, string? csp)
        {
            if (!ContentTypes.TryGetContentType(path, out var type))
            {
                type = "application/octet-stream";
            }
            var text = type.StartsWith("text/", StringComparison.Ordinal) || type is "application/json" or "image/svg+xml"
                || type.EndsWith("javascript", StringComparison.Ordinal) || path.EndsWith(".webmanifest", StringComparison.Ordinal);
            if (text && !type.Contains("charset", StringComparison.Ordinal))
            {
                type += "; charset=utf-8";
            }
            var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"";
            return new Asset(type, bytes, text ? Compress(bytes, brotli: true) : null, text ? Compress(bytes, brotli: false) : null, etag, csp);
        }

        private static byte[]? Compress(byte[] bytes, bool brotli)
        {
            using var output = new MemoryStream();
            using (Stream compressor = brotli
                       ? new BrotliStream(output, CompressionLevel.SmallestSize, leaveOpen: true)
                       : new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                compressor.Write(bytes);
            }
            return output.Length < bytes.Length ? output.ToArray() : null;
        }

        private static Task WriteAsync(HttpContext context, Asset asset, string cacheControl)
        {
            var request = context.Request;
            var response = context.Response;
            var accepts = request.Headers.AcceptEncoding.ToString();
            var (body, encoding) = asset.Brotli is not null && Accepts(accepts, "br") ? (asset.Brotli, "br")
                : asset.Gzip is not null && Accepts(accepts, "gzip") ? (asset.Gzip, "gzip")
                : (asset.Raw, (string?)null);
            // One ETag per representation: a cache must not answer a gzip request with the Brotli body.
            var etag = encoding is null ? asset.ETag : asset.ETag.Insert(asset.ETag.Length - 1, "-" + encoding);
            var headers = response.Headers;
            headers.CacheControl = cacheControl;
            headers.ETag = etag;
            headers.Vary = HeaderNames.AcceptEncoding;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (asset.Csp is not null)
            {
                headers.ContentSecurityPolicy = asset.Csp;
                headers.XFrameOptions = "DENY";
            }
            if (request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == etag || t.Trim() == "*")))
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return Task.CompletedTask;
            }
            response.ContentType = asset.ContentType;
            if (encoding is not null)
            {
                headers.ContentEncoding = encoding;
            }
            response.ContentLength = body.Length;
            return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
        }

        private static bool Accepts(string acceptEncoding, string coding)
        {
            foreach (var part in acceptEncoding.Split(','))
            {
                var pieces = part.Split(';');
                if (!pieces[0].Trim().Equals(coding, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }
                // "br;q=0" refuses it.
                return !pieces.Skip(1).Any(p => p.Trim().Replace(" ", "", StringComparison.Ordinal) is "q=0" or "q=0.0" or "q=0.00" or "q=0.000");
            }
            return false;
        }
    }
}
