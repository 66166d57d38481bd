using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MhSupply.WebTests.Infrastructure;

namespace MhSupply.WebTests;

/// <summary>
/// How the gateway serves the web app's files, over plain HTTP: ASP.NET Core's static assets at fingerprinted URLs,
/// and the shell (index.html) that points the app at them.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed partial class StaticAssetsTests(WebAppFixture app)
{
    [Fact]
    public async Task The_shell_is_revalidated_and_its_policy_allows_no_inline_script_but_its_import_map()
    {
        using var http = app.Http();

        using var first = await http.GetAsync("/");
        var html = await first.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl?.NoCache, "the shell must be revalidated");
        var csp = string.Join(" ", first.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        var importMap = ImportMap().Match(html).Groups[1].Value;
        var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(importMap)));
        Assert.Contains($"script-src 'self' 'sha256-{hash}';", csp, StringComparison.Ordinal);
        Assert.Single(InlineScript().Matches(html));
        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var revalidated = await http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task Every_file_the_import_map_names_is_served_compressed_at_a_url_that_changes_with_its_content()
    {
        using var http = app.Http();
        var imports = await Imports(http);

        Assert.Contains("/js/app.js", imports.Keys);
        Assert.Contains("/i18n/en.json", imports.Keys);
        foreach (var (name, url) in imports)
        {
            Assert.NotEqual(name, url);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.AcceptEncoding.ParseAdd("br, gzip");
            using var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            // A PNG (the app's icons) is compressed by its own format; static assets rightly leave it as it is.
            if (name.EndsWith(".png", StringComparison.Ordinal))
            {
                continue;
            }
            Assert.True(response.Content.Headers.ContentEncoding.Count == 1, $"{url} came uncompressed");
        }
    }

    [Fact]
    public void Fingerprinted_files_are_cached_for_a_year_outside_Development_and_the_shell_template_has_no_endpoint()
    {
        // Development answers no-cache everywhere (a file edited since the build keeps its fingerprint there), so this reads
        // what the build gives Production: the endpoints manifest static assets serve from.
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MhSupply.Gateway.staticwebassets.endpoints.json")));
        var endpoints = manifest.RootElement.GetProperty("Endpoints").EnumerateArray().ToList();
        var fingerprinted = endpoints.Where(e => e.GetProperty("EndpointProperties").EnumerateArray().Any(p => p.GetProperty("Name").GetString() == "fingerprint")).ToList();

        Assert.Contains(fingerprinted, e => Regex.IsMatch(e.GetProperty("Route").GetString()!, @"^js/app\.[a-z0-9]+\.js$"));
        Assert.All(fingerprinted, e => Assert.Contains(
            e.GetProperty("ResponseHeaders").EnumerateArray(),
            h => h.GetProperty("Name").GetString() == "Cache-Control" && h.GetProperty("Value").GetString() == "max-age=31536000, immutable"));
        Assert.DoesNotContain(endpoints, e => e.GetProperty("Route").GetString()!.StartsWith("index.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_route_answers_the_shell_while_a_missing_file_or_server_path_stays_not_found()
    {
        using var http = app.Http();

        using var route = await http.GetAsync("/stock/some-card");
        using var file = await http.GetAsync("/js/missing.js");
        using var api = await http.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.OK, route.StatusCode);
        Assert.Equal("text/html", route.Content.Headers.ContentType?.MediaType);
        Assert.True(route.Headers.Contains("Content-Security-Policy"));
        Assert.Equal(HttpStatusCode.NotFound, file.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
    }

    private static async Task<Dictionary<string, string>> Imports(HttpClient http)
    {
        var html = await http.GetStringAsync("/");
        using var map = JsonDocument.Parse(ImportMap().Match(html).Groups[1].Value);
        return map.RootElement.GetProperty("imports").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    [GeneratedRegex("""<script type="importmap">([^<]*)</script>""")]
    private static partial Regex ImportMap();

    [GeneratedRegex("""<script(?![^>]*\bsrc=)[^>]*>""")]
    private static partial Regex InlineScript();
}
