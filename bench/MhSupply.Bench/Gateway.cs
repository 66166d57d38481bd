using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MhSupply.Bench;

/// <summary>The gateway side: reference data and tokens through the API, then the timed ingest.</summary>
public sealed class Gateway : IDisposable
{
    private readonly HttpClient _http;
    private readonly BenchOptions _options;

    public Gateway(BenchOptions options)
    {
        _options = options;
        var handler = new SocketsHttpHandler
        {
            // Every client has one request in flight; twice that leaves room for a connection being replaced.
            MaxConnectionsPerServer = options.Clients * 2,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri(options.Url + "/"), Timeout = TimeSpan.FromMinutes(2) };
    }

    public void Dispose() => _http.Dispose();

    public sealed record Setup(IReadOnlyList<string> Facilities, IReadOnlyList<string> Medicines, IReadOnlyDictionary<string, string> Tokens);

    /// <summary>Registers the facilities as admin, picks the medicine codes and mints a pharmacist token per facility.</summary>
    public async Task<Setup> PrepareAsync(string runTag)
    {
        var admin = await TokenAsync(new { sub = "bench", role = "admin" });

        using var listRequest = new HttpRequestMessage(HttpMethod.Get, "api/v1/medicines?pageSize=500");
        listRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var listResponse = await _http.SendAsync(listRequest);
        await EnsureSuccess(listResponse, "GET /api/v1/medicines");
        using var list = JsonDocument.Parse(await listResponse.Content.ReadAsByteArrayAsync());
        // PHC items first (the facilities are PHCs), then the rest in list order.
        var medicines = list.RootElement.GetProperty("items").EnumerateArray()
            .Where(m => !m.TryGetProperty("retired", out var r) || !r.GetBoolean())
            .Select(m => (Code: m.GetProperty("code").GetString()!,
                Phc: m.TryGetProperty("levels", out var levels) && levels.EnumerateArray().Any(l => l.GetString() == "phc")))
            .OrderBy(m => m.Phc ? 0 : 1)
            .Select(m => m.Code)
            .Take(_options.Medicines)
            .ToList();
        if (medicines.Count < _options.Medicines)
        {
            throw new InvalidOperationException($"the medicines list has {medicines.Count} items; --medicines asks for {_options.Medicines}");
        }

        var facilities = Enumerable.Range(1, _options.Facilities).Select(i => $"bench-{runTag}-{i:D3}").ToList();
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (facility, i) in facilities.Select((f, i) => (f, i)))
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, $"api/v1/facilities/{facility}")
            {
                Content = JsonContent.Create(new
                {
                    name = $"Bench PHC {i + 1:D3}",
                    level = "phc",
                    district = $"bench-district-{i % 4 + 1}",
                    region = "bench-region",
                }),
            };
            put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            using var response = await _http.SendAsync(put);
            await EnsureSuccess(response, $"PUT /api/v1/facilities/{facility}");
            tokens[facility] = await TokenAsync(new { sub = $"bench-pharmacist-{i + 1:D3}", role = "pharmacist", facilities = new[] { facility } });
        }
        return new Setup(facilities, medicines, tokens);
    }

    public sealed record IngestResult(
        int AcceptedEvents, int ErrorCount, IReadOnlyList<string> FirstErrors, TimeSpan Elapsed, Latencies BatchLatencies,
        CpuProbe.Sample? CpuBefore, CpuProbe.Sample? CpuAfter);

    /// <summary>
    /// Every client sends its warm-up batches, waits for the others, then sends its timed batches one at a time (so a
    /// facility's batches arrive in order). Elapsed runs from the last client finishing its warm-up to the last answer.
    /// </summary>
    public async Task<IngestResult> IngestAsync(Workload workload, IReadOnlyDictionary<string, string> tokens, CpuProbe? probe,
        Func<Task>? beforeTimedPhase = null)
    {
        var errors = new ConcurrentQueue<string>();
        var errorCount = 0;
        var accepted = 0;
        var latencies = new ConcurrentBag<double[]>();
        var ready = 0;
        var start = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        CpuProbe.Sample? cpuBefore = null;

        async Task Send(Batch batch, List<double>? timings)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/facilities/{batch.Facility}/stock-events")
            {
                Content = new ByteArrayContent(batch.Body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[batch.Facility]);
            var sent = Stopwatch.GetTimestamp();
            string? problem = null;
            try
            {
                using var response = await _http.SendAsync(request);
                var body = await response.Content.ReadAsByteArrayAsync();
                timings?.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    problem = $"{batch.Facility}: HTTP {(int)response.StatusCode}: {Truncate(Encoding.UTF8.GetString(body))}";
                    Interlocked.Add(ref errorCount, batch.Events.Length);
                }
                else
                {
                    var (ok, firstBad, bad) = CountAccepted(body, batch.Events.Length);
                    Interlocked.Add(ref accepted, ok);
                    if (bad > 0)
                    {
                        Interlocked.Add(ref errorCount, bad);
                        problem = $"{batch.Facility}: {bad} of {batch.Events.Length} not accepted, first: {firstBad}";
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                timings?.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                Interlocked.Add(ref errorCount, batch.Events.Length);
                problem = $"{batch.Facility}: {e.GetType().Name}: {e.Message}";
            }
            if (problem is not null && errors.Count < 10)
            {
                errors.Enqueue(problem);
            }
        }

        var tasks = workload.Clients.Select(plan => Task.Run(async () =>
        {
            foreach (var batch in plan.Warmup)
            {
                await Send(batch, null);
            }
            if (Interlocked.Increment(ref ready) == workload.Clients.Count)
            {
                if (beforeTimedPhase is not null)
                {
                    await beforeTimedPhase();
                }
                cpuBefore = probe?.Take();
                start.SetResult(Stopwatch.GetTimestamp());
            }
            await start.Task;
            var timings = new List<double>(plan.Timed.Count);
            foreach (var batch in plan.Timed)
            {
                await Send(batch, timings);
            }
            latencies.Add([.. timings]);
        })).ToList();
        await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(await start.Task);
        var cpuAfter = probe?.Take();
        return new IngestResult(accepted, errorCount, [.. errors], elapsed, new Latencies(latencies.SelectMany(l => l)), cpuBefore, cpuAfter);
    }

    /// <summary>(accepted, the first other result as JSON, how many were not accepted); a short answer counts as errors.</summary>
    private static (int Accepted, string? FirstBad, int Bad) CountAccepted(byte[] body, int expected)
    {
        using var document = JsonDocument.Parse(body);
        var accepted = 0;
        var seen = 0;
        string? firstBad = null;
        foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
        {
            seen++;
            if (result.TryGetProperty("outcome", out var outcome) && outcome.ValueEquals("accepted"u8))
            {
                accepted++;
            }
            else
            {
                firstBad ??= Truncate(result.GetRawText());
            }
        }
        if (seen != expected)
        {
            firstBad ??= $"{seen} results for {expected} events";
        }
        return (accepted, firstBad, expected - accepted);
    }

    private async Task<string> TokenAsync(object body)
    {
        using var response = await _http.PostAsJsonAsync("dev/token", body);
        await EnsureSuccess(response, "POST /dev/token");
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return document.RootElement.GetProperty("token").GetString()!;
    }

    private static async Task EnsureSuccess(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: HTTP {(int)response.StatusCode}: {Truncate(await response.Content.ReadAsStringAsync())}");
        }
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
