using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using MhSupply.Stock;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace MhSupply.Tests.Robustness;

/// <summary>
/// Issue 11, item 3: no client input gets a 5xx. A corpus generated from one seed (Corpus, mutations of a valid request
/// to every endpoint) is sent to the real gateway and silo on a fresh PostgreSQL; no answer may be 5xx, and a refused
/// request (4xx, or a stock report whose events were all rejected) must not write any table of schema mh (WriteLog).
/// Replay a failure with MHSUPPLY_FUZZ_SEED=&lt;seed&gt; (the failure message prints it).
/// </summary>
[Collection(RobustnessCollection.Name)]
public sealed class MalformedRequestTests(RobustnessGatewayFactory gateway, ITestOutputHelper output)
{
    /// <summary>Issue 11; any other seed gives another corpus of the same shape.</summary>
    private const int DefaultSeed = 11;

    [Fact]
    public async Task No_malformed_request_gets_a_5xx_and_a_refused_one_changes_no_table()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("MHSUPPLY_FUZZ_SEED"), out var s) ? s : DefaultSeed;
        var clients = await Subjects.ClientsAsync(gateway);
        var subjects = new Subjects(gateway, clients);
        await subjects.SetUpAsync();
        var probes = Corpus.Generate(ApiTemplates.All(gateway.Clock.GetUtcNow()), seed);
        var writes = await WriteLog.InstallAsync(gateway.Database.DataSource);
        var catchUp = gateway.Services.GetRequiredService<StockProjectionCatchUp>();

        var failures = new List<(int Order, string Text)>();
        var byStatus = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var watch = Stopwatch.StartNew();
        var sending = new Stopwatch();
        await catchUp.CatchUpAllAsync();
        var before = await writes.PositionAsync();
        foreach (var probe in probes)
        {
            var prepared = subjects.Prepared;
            var path = await subjects.ResolveAsync(probe.Path);
            if (subjects.Prepared != prepared)
            {
                await catchUp.CatchUpAllAsync();
                before = await writes.PositionAsync();
            }
            sending.Start();
            var (status, refused, detail) = await SendAsync(clients[probe.Client], probe, path);
            sending.Stop();
            var bucket = status == NotSent ? "not sent" : status.ToString(CultureInfo.InvariantCulture);
            byStatus[bucket] = byStatus.GetValueOrDefault(bucket) + 1;
            if (status is < 400 and > 0)
            {
                await catchUp.CatchUpAllAsync();
                if (probe.ChangesSubject)
                {
                    subjects.Spend(probe.TemplatePath);
                }
            }
            var after = await writes.PositionAsync();
            if (status >= 500 || status == Threw)
            {
                failures.Add((0, probe.Describe(status, detail)));
            }
            else if (probe.Mutation == "valid" && (status >= 400 || refused || status == NotSent))
            {
                failures.Add((2, "the valid request itself was refused, so its mutations test nothing: " + probe.Describe(status, detail)));
            }
            else if (refused || status >= 400 || status == NotSent)
            {
                if (after != before)
                {
                    var written = await writes.WrittenSinceAsync(before);
                    failures.Add((1, $"refused but wrote {string.Join(", ", written)}: " + probe.Describe(status, detail)));
                }
            }
            before = after;
        }
        watch.Stop();

        output.WriteLine($"seed {seed}: {probes.Count} requests to {probes.Select(p => p.Endpoint).Distinct().Count()} endpoints in "
            + $"{watch.Elapsed.TotalSeconds:F1} s ({sending.Elapsed.TotalSeconds:F1} s in requests); "
            + $"by status: {string.Join(", ", byStatus.Select(kv => $"{kv.Key}: {kv.Value}"))}");
        output.WriteLine("by kind of mutation: " + string.Join(", ", probes.GroupBy(p => p.Mutation.Split(':', '=', '+')[0] switch
            {
                "valid" or "body" or "query" or "route" or "csv" or "auth" => p.Mutation.Split(':')[0],
                _ => "json-field",
            }).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key}: {g.Count()}")));
        if (byStatus.ContainsKey("not sent"))
        {
            output.WriteLine("not sent: the test host's client refuses a path with %00 before sending it, as Kestrel answers it 400 "
                + "(RequestRejectionReason.PathContainsNullCharacters) before any routing; RequestTextRulesTests covers such a route value.");
        }
        Assert.True(probes.Count >= 2000, $"the corpus has {probes.Count} requests; it should have at least 2,000");
        Assert.True(failures.Count == 0,
            $"seed {seed} (replay: MHSUPPLY_FUZZ_SEED={seed}): {failures.Count} of {probes.Count} requests failed:\n"
            + string.Join("\n", failures.OrderBy(f => f.Order).Take(60).Select(f => f.Text)));
    }

    /// <summary>The client threw (a server failure the test host surfaces as an exception): a failure like a 5xx.</summary>
    private const int Threw = 0;

    /// <summary>The test host's client would not send the request (a path holding a NUL): Kestrel answers those 400.</summary>
    private const int NotSent = -1;

    /// <summary>The status, whether the request was refused (a 200 stock report whose every event was rejected counts), and an excerpt.</summary>
    private static async Task<(int Status, bool Refused, string? Detail)> SendAsync(HttpClient client, Probe probe, string path)
    {
        using var request = new HttpRequestMessage(probe.Method, path);
        if (probe.Body is not null)
        {
            request.Content = new ByteArrayContent(probe.Body);
            if (probe.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", probe.ContentType);
            }
        }
        if (probe.Authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", probe.Authorization);
        }
        try
        {
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            return (status, status == 200 && AllRejected(text), status >= 400 ? Excerpt(text) : null);
        }
        catch (InvalidOperationException e) when (e.Message == "The path contains null characters.")
        {
            return (NotSent, false, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return (Threw, false, $"threw {e.GetType().Name}: {e.Message}");
        }
    }

    private static bool AllRejected(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array
                && results.EnumerateArray().All(r => r.GetProperty("outcome").GetString() == "rejected");
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
