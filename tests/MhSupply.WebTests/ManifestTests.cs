using System.Buffers.Binary;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using MhSupply.WebTests.Infrastructure;

namespace MhSupply.WebTests;

/// <summary>
/// The web app can be installed on a phone's home screen: the shell links a web app manifest whose icons exist at the
/// sizes it claims, and Chromium itself reports no reason not to install it.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed partial class ManifestTests(WebAppFixture app)
{
    [Fact]
    public async Task The_shell_links_a_manifest_whose_icons_are_pngs_of_the_sizes_it_says()
    {
        using var http = app.Http();
        var html = await http.GetStringAsync("/");
        var href = ManifestLink().Match(html).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(href), "the shell links no manifest");

        using var response = await http.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = manifest.RootElement;
        Assert.Equal("standalone", root.GetProperty("display").GetString());
        Assert.Equal("/", root.GetProperty("start_url").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("short_name").GetString()));

        var pngs = new List<(int Size, string Purpose)>();
        foreach (var icon in root.GetProperty("icons").EnumerateArray())
        {
            var src = icon.GetProperty("src").GetString()!;
            using var image = await http.GetAsync(src);
            Assert.True(image.IsSuccessStatusCode, $"{src}: {(int)image.StatusCode}");
            if (icon.GetProperty("type").GetString() != "image/png")
            {
                continue;
            }
            var bytes = await image.Content.ReadAsByteArrayAsync();
            // A PNG: its signature, then the IHDR chunk with width and height.
            Assert.True(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 }), $"{src} is not a PNG");
            var (width, height) = (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
            Assert.Equal(icon.GetProperty("sizes").GetString(), $"{width}x{height}");
            pngs.Add((width, icon.GetProperty("purpose").GetString() ?? "any"));
        }
        // What Android asks for: 192 and 512 px, and a maskable one for its round and squircle masks.
        Assert.Contains(pngs, p => p.Size == 192);
        Assert.Contains(pngs, p => p.Size == 512 && p.Purpose.Contains("any", StringComparison.Ordinal));
        Assert.Contains(pngs, p => p.Purpose.Contains("maskable", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Chromium_reads_the_manifest_without_errors_and_finds_nothing_against_installing_the_app()
    {
        await using var session = await app.OpenAsync(Browsing.Phone);
        var page = session.Page;
        await page.GotoAsync("/signin");
        await Microsoft.Playwright.Assertions.Expect(session.Heading("signin.title")).ToBeVisibleAsync();
        var cdp = await page.Context.NewCDPSessionAsync(page);

        var manifest = await cdp.SendAsync("Page.getAppManifest");
        Assert.NotNull(manifest);
        var errors = manifest.Value.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToList();
        Assert.True(errors.Count == 0, "manifest errors: " + string.Join(" | ", errors));
        Assert.EndsWith("/manifest.webmanifest", manifest.Value.GetProperty("url").GetString());

        // Chromium decides installability once the service worker controls the page; ask until it has an answer.
        // "in-incognito" is the test's browser context (Playwright's are incognito), not the app.
        string[] problems = ["not yet asked"];
        for (var i = 0; i < 30 && problems.Length > 0; i++)
        {
            var answer = await cdp.SendAsync("Page.getInstallabilityErrors");
            problems = answer!.Value.GetProperty("installabilityErrors").EnumerateArray()
                .Select(e => e.GetProperty("errorId").GetString()!).Where(e => e != "in-incognito").ToArray();
            if (problems.Length > 0)
            {
                await page.WaitForTimeoutAsync(500);
            }
        }
        Assert.True(problems.Length == 0, "Chromium would not install the app: " + string.Join(", ", problems));
    }

    [GeneratedRegex("""<link rel="manifest" href="([^"]+)">""")]
    private static partial Regex ManifestLink();
}
