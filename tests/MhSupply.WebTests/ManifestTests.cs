using System.Net;
using System.Text.Json;
using MhSupply.WebTests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace MhSupply.WebTests;

/// <summary>The web app can be installed: the shell links a manifest Chromium parses, with icons that load and a start URL in scope.</summary>
[Collection(WebAppCollection.Name)]
public sealed class ManifestTests(WebAppFixture app, ITestOutputHelper output)
{
    [Fact]
    public async Task The_manifest_is_served_with_its_content_type_and_its_icons_load()
    {
        using var http = app.Http();
        var response = await http.GetAsync("/manifest.webmanifest");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = manifest.RootElement;
        Assert.Equal("/", root.GetProperty("start_url").GetString());
        Assert.Equal("standalone", root.GetProperty("display").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("short_name").GetString()));
        var icons = root.GetProperty("icons").EnumerateArray().ToList();
        foreach (var size in new[] { "192x192", "512x512" })
        {
            Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == size && i.GetProperty("purpose").GetString() == "any");
            Assert.Contains(icons, i => i.GetProperty("sizes").GetString() == size && i.GetProperty("purpose").GetString() == "maskable");
        }
        foreach (var icon in icons)
        {
            var src = icon.GetProperty("src").GetString()!;
            var image = await http.GetAsync(src);
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
            var bytes = await image.Content.ReadAsByteArrayAsync();
            // PNG signature, then IHDR's width and height (big-endian) must be the size the manifest claims.
            Assert.Equal(0x89, bytes[0]);
            var side = (bytes[16] << 24) | (bytes[17] << 16) | (bytes[18] << 8) | bytes[19];
            Assert.Equal(icon.GetProperty("sizes").GetString(), $"{side}x{side}");
        }
    }

    [Fact]
    public async Task Chromium_finds_the_manifest_from_the_shell_and_sees_no_installability_error_but_the_private_window()
    {
        await using var session = await app.OpenAsync(Browsing.Phone);
        var page = session.Page;
        await page.GotoAsync("/signin");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var cdp = await page.Context.NewCDPSessionAsync(page);

        var manifest = (await cdp.SendAsync("Page.getAppManifest"))!.Value;
        output.WriteLine(manifest.ToString());
        Assert.EndsWith("/manifest.webmanifest", manifest.GetProperty("url").GetString());
        Assert.Empty(manifest.GetProperty("errors").EnumerateArray());
        var parsed = manifest.GetProperty("manifest");
        var start = new Uri(parsed.GetProperty("startUrl").GetString()!);
        var scope = new Uri(parsed.GetProperty("scope").GetString()!);
        Assert.True(scope.IsBaseOf(start), $"start_url {start} outside scope {scope}");

        // Chromium's own check, the one behind the install prompt: a test's browser context is a private window, the
        // only reason it may give.
        var result = (await cdp.SendAsync("Page.getInstallabilityErrors"))!.Value;
        output.WriteLine(result.ToString());
        var errors = result.GetProperty("installabilityErrors").EnumerateArray().Select(e => e.GetProperty("errorId").GetString()).ToList();
        Assert.All(errors, e => Assert.Equal("in-incognito", e));
    }
}
