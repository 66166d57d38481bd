using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace MhSupply.Tests.Infrastructure;

/// <summary>Reads the gateway's /metrics (Prometheus text): samples of one metric, by their labels.</summary>
public static partial class PrometheusText
{
    public static async Task<string> Scrape(HttpClient admin)
    {
        var response = await admin.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Scrapes until <paramref name="shows"/> holds or <paramref name="within"/> has passed; answers the last scrape.</summary>
    public static async Task<string> ScrapeUntil(HttpClient admin, Func<string, bool> shows, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var text = await Scrape(admin);
            if (shows(text) || DateTime.UtcNow > deadline)
            {
                return text;
            }
            await Task.Delay(200);
        }
    }

    /// <summary>The samples named <paramref name="metric"/> (exactly), with their labels.</summary>
    public static IEnumerable<(IReadOnlyDictionary<string, string> Labels, double Value)> Samples(string text, string metric) =>
        text.Split('\n')
            .Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) || l.StartsWith(metric + " ", StringComparison.Ordinal))
            .Select(l =>
            {
                var close = l.LastIndexOf('}');
                var labels = close < 0
                    ? new Dictionary<string, string>()
                    : Label().Matches(l[..close]).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
                var value = l[((close < 0 ? metric.Length : close) + 1)..].Trim().Split(' ')[0];
                return ((IReadOnlyDictionary<string, string>)labels, double.Parse(value, CultureInfo.InvariantCulture));
            });

    /// <summary>The sum of the samples of <paramref name="metric"/> whose labels include all of <paramref name="labels"/> (0 when none).</summary>
    public static double Sum(string text, string metric, params (string Name, string Value)[] labels) =>
        Samples(text, metric).Where(s => labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value)).Sum(s => s.Value);

    [GeneratedRegex("""(\w+)="((?:[^"\\]|\\.)*)"\s*,?""")]
    private static partial Regex Label();
}
