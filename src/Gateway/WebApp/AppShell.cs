using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Net.Http.Headers;

namespace MhSupply.Gateway.WebApp;

/// <summary>
/// The app shell: the template wwwroot/index.html with an import map that names, for each file of the web app, its
/// fingerprinted static-asset URL (<c>/js/api.js</c> → <c>/js/api.{fingerprint}.js</c>, cached for a year), so every
/// module import, and every file the app looks up with <c>import.meta.resolve</c>, is versioned by its content.
/// The shell itself is revalidated, and its Content-Security-Policy allows that one inline script by its hash.
/// In the template, <c>&lt;!--importmap--&gt;</c> becomes the map, <c>{{v}}</c> the version of the whole app (which
/// names the service worker's cache) and <c>{{/path}}</c> that file's fingerprinted URL.
/// </summary>
internal sealed partial class AppShell(IEndpointRouteBuilder endpoints, IWebHostEnvironment environment)
{
    private const string TemplatePath = "index.html";
    // Registered at its own URL so that it controls the whole origin, and revalidated by the browser on each visit.
    private const string ServiceWorkerPath = "sw.js";
    private IReadOnlyList<Asset>? _assets;
    private Page? _page;

    private sealed record Asset(string Url, string FingerprintedUrl, string Path);

    private sealed record Page(byte[] Html, EntityTagHeaderValue ETag, string Csp);

    /// <summary>The shell, or a 404 when there is no template (a build folder run outside Development has no wwwroot).</summary>
    public IResult Serve(HttpResponse response)
    {
        // In Development every request builds it again: the template, or a file the static assets now serve edited, may have changed.
        var page = environment.IsDevelopment() ? Build() : _page ??= Build();
        if (page is null)
        {
            return TypedResults.NotFound();
        }
        var headers = response.Headers;
        headers.CacheControl = "no-cache";
        headers.ContentSecurityPolicy = page.Csp;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        // The result answers If-None-Match with a 304.
        return TypedResults.Bytes(page.Html, "text/html; charset=utf-8", entityTag: page.ETag);
    }

    private Page? Build()
    {
        var template = environment.WebRootFileProvider.GetFileInfo(TemplatePath);
        if (!template.Exists)
        {
            return null;
        }
        var assets = _assets ??= Assets();
        var urls = assets.ToDictionary(a => a.Url, a => a.FingerprintedUrl, StringComparer.Ordinal);
        var importMap = JsonSerializer.Serialize(new { imports = new SortedDictionary<string, string>(urls, StringComparer.Ordinal) });
        var version = Version(importMap, assets);
        string html;
        using (var reader = new StreamReader(template.CreateReadStream(), Encoding.UTF8))
        {
            html = reader.ReadToEnd();
        }
        html = Placeholder().Replace(html, m => m.Groups[1].Value == "v" ? version : urls.GetValueOrDefault(m.Groups[1].Value, m.Groups[1].Value))
            .Replace("<!--importmap-->", $"<script type=\"importmap\">{importMap}</script>", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(html);
        var mapHash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap)));
        // Everything comes from this origin: no CDN, no inline script but the import map (allowed by its hash).
        var csp = $"default-src 'self'; script-src 'self' 'sha256-{mapHash}'; style-src 'self'; img-src 'self' data:; " +
            "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        var etag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"");
        return new Page(bytes, etag, csp);
    }

    /// <summary>Each file's fingerprinted endpoint, as the build's static assets manifest describes it (uncompressed representation).</summary>
    private List<Asset> Assets()
    {
        var assets = new List<Asset>();
        var descriptors = endpoints.DataSources.SelectMany(s => s.Endpoints).Select(e => e.Metadata.GetMetadata<StaticAssetDescriptor>());
        foreach (var descriptor in descriptors.OfType<StaticAssetDescriptor>())
        {
            var label = Property(descriptor, "label");
            if (label is null || label == ServiceWorkerPath || Property(descriptor, "fingerprint") is null
                || descriptor.ResponseHeaders.Any(h => h.Name.Equals(HeaderNames.ContentEncoding, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            assets.Add(new Asset("/" + label, "/" + descriptor.Route, descriptor.AssetPath));
        }
        return assets;
    }

    /// <summary>
    /// Changes whenever a fingerprint does. In Development a file edited since the build keeps its fingerprint (the static
    /// assets serve the new content under it), so each file's size and time count too: the service worker then starts afresh.
    /// </summary>
    private string Version(string importMap, IEnumerable<Asset> assets)
    {
        var text = new StringBuilder(importMap);
        foreach (var asset in assets.OrderBy(a => a.Url, StringComparer.Ordinal))
        {
            var file = environment.WebRootFileProvider.GetFileInfo(asset.Path);
            text.Append('\n').Append(asset.Path).Append(' ').Append(file.Length).Append(' ').Append(file.LastModified.ToUnixTimeSeconds());
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }

    private static string? Property(StaticAssetDescriptor descriptor, string name) =>
        descriptor.Properties.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))?.Value;

    [GeneratedRegex(@"\{\{([^{}]+)\}\}")]
    private static partial Regex Placeholder();
}
