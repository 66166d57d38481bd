using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

// Referral lifecycle benchmark (bench/README.md, "referrals"): N referrals each moved through create, receive, accept,
// book, attend, back-refer and the PHC's acknowledgement through the HTTP API by C concurrent clients; then, on the same
// PostgreSQL, the baseline: the same number of single-row commits a plain Npgsql loop can make.
// Usage: MhSupply.ReferralBench <base url> <connection string> [--referrals N] [--clients C]
var baseUrl = args[0];
var connectionString = args[1];
int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
var referrals = Arg("--referrals", 100_000);
var clients = Arg("--clients", 16);
const int Phcs = 20, Specialists = 5;
const string District = "bench-district";

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2 }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
async Task<string> Token(object body)
{
    var response = await http.PostAsJsonAsync("/dev/token", body);
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
}
var phcs = Enumerable.Range(1, Phcs).Select(i => $"bench-phc-{i}").ToArray();
var specialists = Enumerable.Range(1, Specialists).Select(i => $"bench-smh-{i}").ToArray();
var admin = await Token(new { sub = "bench-admin", role = "admin" });
foreach (var (id, level) in phcs.Select(p => (p, "phc")).Concat(specialists.Select(s => (s, "specialist"))))
{
    using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/facilities/{id}")
    {
        Content = JsonContent.Create(new { name = id, level, district = District, region = "bench", services = level == "specialist" ? new[] { "psychiatric_consultation" } : [] }),
    };
    put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
    (await http.SendAsync(put)).EnsureSuccessStatusCode();
}
var referrer = await Token(new { sub = "bench-phc", role = "clinician", facilities = phcs });
var pharmacist = await Token(new { sub = "bench-pharmacist", role = "pharmacist", facilities = phcs });
var head = await Token(new { sub = "bench-head", role = "facility_head", facilities = phcs });
var medicineCodes = new List<string>();
using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/medicines?pageSize=500"))
{
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
    using var response = await http.SendAsync(request);
    var page = await response.Content.ReadFromJsonAsync<JsonElement>();
    medicineCodes.AddRange(page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("code").GetString()!));
}
var psychiatrist = await Token(new { sub = "bench-smh", role = "clinician", facilities = specialists });

var latencies = new ConcurrentDictionary<string, ConcurrentBag<double>>();
var errors = new ConcurrentQueue<string>();
async Task Call(string name, string token, string path, object body)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    var watch = Stopwatch.StartNew();
    using var response = await http.SendAsync(request);
    watch.Stop();
    latencies.GetOrAdd(name, _ => []).Add(watch.Elapsed.TotalMilliseconds);
    if (!response.IsSuccessStatusCode && errors.Count < 10)
    {
        errors.Enqueue($"{name} {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}

async Task Lifecycle(int n)
{
    var id = Guid.NewGuid();
    var phc = phcs[n % Phcs];
    var smh = specialists[n % Specialists];
    await Call("create", referrer, "/api/v1/referrals", new
    {
        id, patient = new { code = $"BX-{n:D7}", sex = n % 2 == 0 ? "female" : "male", birthYear = 1950 + n % 60 },
        fromFacility = phc, toFacility = smh, reason = "depression", urgency = (n % 3) switch { 0 => "emergency", 1 => "urgent", _ => "routine" },
        consent = true,
    });
    await Call("receive", psychiatrist, $"/api/v1/referrals/{id}/receive", new { });
    await Call("accept", psychiatrist, $"/api/v1/referrals/{id}/accept", new { });
    await Call("book", psychiatrist, $"/api/v1/referrals/{id}/book", new { appointmentAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
    await Call("attend", psychiatrist, $"/api/v1/referrals/{id}/attend", new { });
    await Call("back-refer", psychiatrist, $"/api/v1/referrals/{id}/back-refer", new
    {
        diagnosis = "depression", plan = "Fluoxetine 20 mg daily; review monthly.", followUpEveryDays = 30, courseDays = 90,
        medicines = new[] { new { medicine = "fluoxetine-cap-20mg", dose = "20 mg daily", durationDays = 90 } },
    });
    await Call("acknowledge", referrer, $"/api/v1/referrals/{id}/back-referral/acknowledge", new { });
}

// Warm-up, not timed.
await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Lifecycle(referrals + c)));
latencies.Clear();

Console.WriteLine($"Moving {referrals:N0} referrals through 7 steps with {clients} clients...");
var next = -1;
// Alert latency under that load: an issue empties a card; how long from its 200 until GET /api/v1/alerts shows the stock-out.
var alertLatencies = new ConcurrentBag<double>();
using var stopProbe = new CancellationTokenSource();
var probe = Task.Run(async () =>
{
    var sample = 0;
    while (!stopProbe.IsCancellationRequested)
    {
        var facility = phcs[sample % Phcs];
        var medicine = medicineCodes[sample / Phcs % medicineCodes.Count];
        sample++;
        var at = DateTimeOffset.UtcNow.AddSeconds(-5);
        await Stock(facility, medicine, "receipt", at);
        await Stock(facility, medicine, "issue", at.AddSeconds(1));
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/alerts?facility={facility}&kind=stock_out&status=open&pageSize=500");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", head);
            using var response = await http.SendAsync(request);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (page.GetProperty("items").EnumerateArray().Any(a => a.GetProperty("medicine").GetString() == medicine))
            {
                alertLatencies.Add(watch.Elapsed.TotalMilliseconds);
                break;
            }
        }
        await Stock(facility, medicine, "receipt", at.AddSeconds(2));
        await Task.Delay(50);
    }
});
async Task Stock(string facility, string medicine, string type, DateTimeOffset at)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/facilities/{facility}/stock-events")
    {
        Content = JsonContent.Create(new { events = new[] { new { id = Guid.NewGuid(), medicine, type, quantity = 1, occurredAt = at } } }),
    };
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", pharmacist);
    using var response = await http.SendAsync(request);
    response.EnsureSuccessStatusCode();
}
var total = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
{
    int n;
    while ((n = Interlocked.Increment(ref next)) < referrals)
    {
        await Lifecycle(n);
    }
}));
total.Stop();
stopProbe.Cancel();
await probe;
var calls = latencies.Values.Sum(b => b.Count);
var apiRate = calls / total.Elapsed.TotalSeconds;
Console.WriteLine($"  {referrals:N0} referrals, {calls:N0} calls in {total.Elapsed.TotalSeconds:N1} s: {referrals / total.Elapsed.TotalSeconds:N0} referrals/s, {apiRate:N0} steps/s");
foreach (var (name, values) in latencies.OrderBy(l => l.Key))
{
    var sorted = values.Order().ToArray();
    Console.WriteLine($"  {name,-12} p50 {Percentile(sorted, 50),7:N1} ms   p99 {Percentile(sorted, 99),7:N1} ms   max {sorted[^1],7:N1} ms");
}
var alertSorted = alertLatencies.Order().ToArray();
Console.WriteLine($"  stock-out alert visible after the event's 200, under this load: {alertSorted.Length} samples, p50 {Percentile(alertSorted, 50):N1} ms, p99 {Percentile(alertSorted, 99):N1} ms, max {(alertSorted.Length > 0 ? alertSorted[^1] : 0):N1} ms (target p99 < 1000 ms)");
if (!errors.IsEmpty)
{
    Console.WriteLine($"  ERRORS (first {errors.Count}):");
    foreach (var e in errors)
    {
        Console.WriteLine("    " + e);
    }
}

// Checks: every referral completed with its back-referral acknowledged and 3 follow-ups; 7 history rows each.
await using var dataSource = NpgsqlDataSource.Create(connectionString);
await using (var check = dataSource.CreateCommand("""
    SELECT count(*) FILTER (WHERE status = 'completed'), (SELECT count(*) FROM mh.referral_history), (SELECT count(*) FROM mh.follow_up)
    FROM mh.referral
    """))
await using (var reader = await check.ExecuteReaderAsync())
{
    await reader.ReadAsync();
    Console.WriteLine($"  check: {reader.GetInt64(0):N0} completed referrals, {reader.GetInt64(1):N0} history rows, {reader.GetInt64(2):N0} follow-ups");
}

// Baseline: the same number of steps as plain single-row commits from C connections (one transaction each, like a step).
await using (var create = dataSource.CreateCommand("CREATE TABLE IF NOT EXISTS bench_referral_baseline (id bigserial PRIMARY KEY, referral uuid, action text, at timestamptz, body jsonb)"))
{
    await create.ExecuteNonQueryAsync();
}
var remaining = calls;
var baseline = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
{
    await using var connection = await dataSource.OpenConnectionAsync();
    while (Interlocked.Decrement(ref remaining) >= 0)
    {
        await using var insert = new NpgsqlCommand("INSERT INTO bench_referral_baseline (referral, action, at, body) VALUES (@r, 'accept', now(), '{\"a\":1}')", connection);
        insert.Parameters.AddWithValue("r", Guid.NewGuid());
        await insert.ExecuteNonQueryAsync();
    }
}));
baseline.Stop();
var baselineRate = calls / baseline.Elapsed.TotalSeconds;
Console.WriteLine($"  baseline: {calls:N0} single-row commits in {baseline.Elapsed.TotalSeconds:N1} s: {baselineRate:N0} commits/s");
Console.WriteLine($"  ratio: API steps/s ÷ plain commits/s = {apiRate / baselineRate:P0}");
return errors.IsEmpty ? 0 : 1;

static double Percentile(double[] sorted, int p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100.0 * sorted.Length) - 1)];
