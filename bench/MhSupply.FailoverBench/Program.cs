using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

// Failover benchmark (bench/README.md, "failover"): a mixed stock and referral load from C clients through the gateway of
// a 2-silo cluster, first as a baseline with both silos up, then the same load while one silo is killed with SIGKILL.
// Reports acknowledged writes lost (must be 0), 5xx answers by kind (must be 0 for the retry-safe kinds), the longest
// request around the kill, and how long the cluster took to declare the killed silo dead (membership table).
// Usage: MhSupply.FailoverBench --url URL --pg CONNECTION --kill-pid PID --kill-port SILO_PORT --cluster ID
//        [--clients 8] [--seconds 30] [--kill-after 8] [--warmup 5]
var options = Options.Parse(args);
var culture = CultureInfo.InvariantCulture;
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients * 2 })
{
    BaseAddress = new Uri(options.Url),
    Timeout = TimeSpan.FromSeconds(90),
};

const string District = "failover-district";
var phcs = Enumerable.Range(1, 16).Select(i => $"fo-phc-{i}").ToArray();
var specialists = Enumerable.Range(1, 4).Select(i => $"fo-smh-{i}").ToArray();
string[] medicines = ["fluoxetine-cap-20mg", "haloperidol-tab-5mg", "carbamazepine-tab-200mg", "amitriptyline-tab-25mg", "diazepam-tab-5mg"];

async Task<string> Token(object body)
{
    var response = await http.PostAsJsonAsync("/dev/token", body);
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
}
var admin = await Token(new { sub = "fo-admin", role = "admin" });
foreach (var (id, level) in phcs.Select(p => (p, "phc")).Concat(specialists.Select(s => (s, "specialist"))))
{
    using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/facilities/{id}")
    {
        Content = JsonContent.Create(new { name = id, level, district = District, region = "fo", services = level == "specialist" ? new[] { "psychiatric_consultation" } : [] }),
    };
    put.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
    (await http.SendAsync(put)).EnsureSuccessStatusCode();
}
var pharmacist = await Token(new { sub = "fo-pharmacist", role = "pharmacist", facilities = phcs });
var referrer = await Token(new { sub = "fo-phc", role = "clinician", facilities = phcs });
var psychiatrist = await Token(new { sub = "fo-smh", role = "clinician", facilities = specialists });

// Opening stock large enough that no issue of the run can break a balance.
var opening = DateTimeOffset.UtcNow.AddDays(-30);
foreach (var facility in phcs)
{
    var events = medicines.Select(m => new { id = Guid.NewGuid(), medicine = m, type = "receipt", quantity = 1_000_000, occurredAt = opening }).ToArray();
    using var request = Request(HttpMethod.Post, $"/api/v1/facilities/{facility}/stock-events", pharmacist, new { events });
    (await http.SendAsync(request)).EnsureSuccessStatusCode();
}

var acknowledgedEvents = new ConcurrentBag<Guid>();
var acknowledgedReferrals = new ConcurrentBag<Guid>();
var acknowledgedActions = new ConcurrentBag<Guid>();
var awaitingAction = new ConcurrentQueue<Guid>();
var known = new ConcurrentQueue<Guid>();

await Phase("warm-up", TimeSpan.FromSeconds(options.WarmupSeconds), kill: false);
var baseline = await Phase("baseline (2 silos, no kill)", TimeSpan.FromSeconds(options.Seconds), kill: false);
var failover = await Phase("failover (1 silo killed)", TimeSpan.FromSeconds(options.Seconds), kill: true);

Console.WriteLine();
Console.WriteLine("Checks (PostgreSQL):");
await using var connection = new NpgsqlConnection(options.Pg);
await connection.OpenAsync();
var lostEvents = await Missing(connection, "SELECT count(*) FROM unnest(@ids) AS a(id) WHERE NOT EXISTS (SELECT 1 FROM mh.stock_event e WHERE e.event_id = a.id)", acknowledgedEvents);
var lostReferrals = await Missing(connection, "SELECT count(*) FROM unnest(@ids) AS a(id) WHERE NOT EXISTS (SELECT 1 FROM mh.referral r WHERE r.id = a.id)", acknowledgedReferrals);
var lostActions = await Missing(connection, "SELECT count(*) FROM unnest(@ids) AS a(id) WHERE NOT EXISTS (SELECT 1 FROM mh.referral r WHERE r.id = a.id AND r.status <> 'requested')", acknowledgedActions);
Console.WriteLine($"  stock events answered accepted/duplicate: {acknowledgedEvents.Count,9:N0}; not in mh.stock_event: {lostEvents}");
Console.WriteLine($"  referrals answered 201:                   {acknowledgedReferrals.Count,9:N0}; not in mh.referral:    {lostReferrals}");
Console.WriteLine($"  referral actions answered 200:            {acknowledgedActions.Count,9:N0}; not recorded:         {lostActions}");

var retried = new[] { Kind.StockBatch, Kind.ReferralCreate, Kind.ReadStock, Kind.ReadCard, Kind.ReadReferral };
var retried5xx = baseline.FiveXx(retried) + failover.FiveXx(retried);
var failures = new List<string>();
if (lostEvents + lostReferrals + lostActions > 0)
{
    failures.Add($"{lostEvents + lostReferrals + lostActions} acknowledged writes lost");
}
if (retried5xx > 0)
{
    failures.Add($"{retried5xx} 5xx answers to retry-safe requests");
}
if (failover.DeclaredDeadAfter is null)
{
    failures.Add("the killed silo was not declared dead");
}
Console.WriteLine();
Console.WriteLine(failures.Count == 0 ? "PASS: no acknowledged write lost, no 5xx to a retry-safe request." : "FAIL: " + string.Join("; ", failures));
return failures.Count == 0 ? 0 : 2;

async Task<PhaseResult> Phase(string name, TimeSpan duration, bool kill)
{
    Console.WriteLine();
    Console.WriteLine($"{name}: {options.Clients} clients for {duration.TotalSeconds:N0} s" + (kill ? $", SIGKILL of silo pid {options.KillPid} after {options.KillAfterSeconds} s" : ""));
    var samples = new ConcurrentBag<Sample>();
    var clock = Stopwatch.StartNew();
    using var stop = new CancellationTokenSource(duration);
    double? killedAt = null;
    double? deadAt = null;
    Task killer = Task.CompletedTask;
    if (kill)
    {
        killer = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(options.KillAfterSeconds));
            using var process = Process.GetProcessById(options.KillPid);
            process.Kill(); // SIGKILL on Linux: no shutdown, no membership update, no flush.
            killedAt = clock.Elapsed.TotalMilliseconds;
            await using var pg = new NpgsqlConnection(options.Pg);
            await pg.OpenAsync();
            while (clock.Elapsed < TimeSpan.FromSeconds(options.KillAfterSeconds + 120))
            {
                await using var command = new NpgsqlCommand(
                    "SELECT status FROM orleans.orleansmembershiptable WHERE deploymentid = @cluster AND port = @port ORDER BY generation DESC LIMIT 1", pg);
                command.Parameters.AddWithValue("cluster", options.Cluster);
                command.Parameters.AddWithValue("port", options.KillPort);
                if (await command.ExecuteScalarAsync() is int status && status == 6) // SiloStatus.Dead
                {
                    deadAt = clock.Elapsed.TotalMilliseconds;
                    return;
                }
                await Task.Delay(100);
            }
        });
    }
    await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(c => Task.Run(async () =>
    {
        var random = new Random(c * 7919 + (kill ? 1 : 0));
        while (!stop.IsCancellationRequested)
        {
            var kind = Pick(random);
            var started = clock.Elapsed.TotalMilliseconds;
            int status;
            try
            {
                status = await Run(kind, random);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                status = 0;
            }
            samples.Add(new Sample(kind, status, started, clock.Elapsed.TotalMilliseconds - started));
        }
    })));
    await killer;
    var result = new PhaseResult(samples.ToList(), clock.Elapsed.TotalSeconds, killedAt, deadAt is { } d && killedAt is { } k ? d - k : null);
    result.Print();
    return result;
}

async Task<int> Run(Kind kind, Random random)
{
    switch (kind)
    {
        case Kind.StockBatch:
        {
            var facility = phcs[random.Next(phcs.Length)];
            var at = DateTimeOffset.UtcNow.AddSeconds(-10);
            var events = Enumerable.Range(0, 10).Select(i => new
            {
                id = Guid.NewGuid(), medicine = medicines[random.Next(medicines.Length)], type = i < 5 ? "receipt" : "issue",
                quantity = i < 5 ? 10 : 5, occurredAt = at.AddMilliseconds(i),
            }).ToArray();
            using var request = Request(HttpMethod.Post, $"/api/v1/facilities/{facility}/stock-events", pharmacist, new { events });
            using var response = await http.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                foreach (var r in body.GetProperty("results").EnumerateArray())
                {
                    if (r.GetProperty("outcome").GetString() is "accepted" or "duplicate")
                    {
                        acknowledgedEvents.Add(r.GetProperty("id").GetGuid());
                    }
                }
            }
            return (int)response.StatusCode;
        }
        case Kind.ReferralCreate:
        {
            var id = Guid.NewGuid();
            var n = random.Next(1_000_000);
            using var request = Request(HttpMethod.Post, "/api/v1/referrals", referrer, new
            {
                id, patient = new { code = $"FO-{n:D7}", sex = n % 2 == 0 ? "female" : "male", birthYear = 1950 + n % 60 },
                fromFacility = phcs[n % phcs.Length], toFacility = specialists[n % specialists.Length], reason = "depression",
                urgency = "routine", consent = true,
            });
            using var response = await http.SendAsync(request);
            if ((int)response.StatusCode == 201)
            {
                acknowledgedReferrals.Add(id);
                awaitingAction.Enqueue(id);
                known.Enqueue(id);
            }
            return (int)response.StatusCode;
        }
        case Kind.ReferralAction:
        {
            if (!awaitingAction.TryDequeue(out var id))
            {
                return await Run(Kind.ReferralCreate, random);
            }
            using var request = Request(HttpMethod.Post, $"/api/v1/referrals/{id}/receive", psychiatrist, new { });
            using var response = await http.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                acknowledgedActions.Add(id);
            }
            return (int)response.StatusCode;
        }
        case Kind.ReadStock:
        {
            using var request = Request(HttpMethod.Get, $"/api/v1/facilities/{phcs[random.Next(phcs.Length)]}/stock", pharmacist);
            using var response = await http.SendAsync(request);
            return (int)response.StatusCode;
        }
        case Kind.ReadCard:
        {
            var path = $"/api/v1/facilities/{phcs[random.Next(phcs.Length)]}/stock/{medicines[random.Next(medicines.Length)]}/card?from={DateTime.UtcNow:yyyy-MM-dd}";
            using var request = Request(HttpMethod.Get, path, pharmacist);
            using var response = await http.SendAsync(request);
            return (int)response.StatusCode;
        }
        default:
        {
            var id = known.TryPeek(out var k) ? k : Guid.Empty;
            if (id == Guid.Empty)
            {
                return await Run(Kind.ReferralCreate, random);
            }
            // A different known referral each time: rotate the queue.
            if (known.TryDequeue(out var head))
            {
                known.Enqueue(head);
                id = head;
            }
            using var request = Request(HttpMethod.Get, $"/api/v1/referrals/{id}", referrer);
            using var response = await http.SendAsync(request);
            return (int)response.StatusCode;
        }
    }
}

static Kind Pick(Random random) => random.Next(100) switch
{
    < 35 => Kind.StockBatch,
    < 55 => Kind.ReferralCreate,
    < 65 => Kind.ReferralAction,
    < 80 => Kind.ReadStock,
    < 90 => Kind.ReadCard,
    _ => Kind.ReadReferral,
};

static HttpRequestMessage Request(HttpMethod method, string path, string token, object? body = null)
{
    var request = new HttpRequestMessage(method, path);
    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
    if (body is not null)
    {
        request.Content = JsonContent.Create(body);
    }
    return request;
}

static async Task<long> Missing(NpgsqlConnection connection, string sql, IEnumerable<Guid> ids)
{
    await using var command = new NpgsqlCommand(sql, connection);
    command.Parameters.AddWithValue("ids", ids.ToArray());
    return (long)(await command.ExecuteScalarAsync())!;
}

internal enum Kind
{
    StockBatch,
    ReferralCreate,
    ReferralAction,
    ReadStock,
    ReadCard,
    ReadReferral,
}

internal sealed record Sample(Kind Kind, int Status, double StartedMs, double DurationMs);

internal sealed record PhaseResult(List<Sample> Samples, double Seconds, double? KilledAtMs, double? DeclaredDeadAfter)
{
    private static readonly Dictionary<Kind, string> Names = new()
    {
        [Kind.StockBatch] = "stock batch (10 events)  retried",
        [Kind.ReferralCreate] = "referral create          retried",
        [Kind.ReadStock] = "read stock               retried",
        [Kind.ReadCard] = "read stock card          retried",
        [Kind.ReadReferral] = "read referral            (gateway SQL)",
        [Kind.ReferralAction] = "referral action receive  not retried",
    };

    public long FiveXx(IEnumerable<Kind> kinds) => Samples.Count(s => kinds.Contains(s.Kind) && (s.Status >= 500 || s.Status == 0));

    public void Print()
    {
        Console.WriteLine($"  {Samples.Count:N0} requests in {Seconds:N1} s: {Samples.Count / Seconds:N0}/s");
        Console.WriteLine($"  {"kind",-40} {"requests",9} {"5xx",6} {"other",6} {"p50 ms",8} {"p99 ms",8} {"max ms",9}");
        foreach (var (kind, name) in Names)
        {
            var of = Samples.Where(s => s.Kind == kind).ToList();
            if (of.Count == 0)
            {
                continue;
            }
            var durations = of.Select(s => s.DurationMs).Order().ToArray();
            var fiveXx = of.Count(s => s.Status >= 500 || s.Status == 0);
            var other = of.Count(s => s.Status is > 0 and < 500 && s.Status / 100 != 2);
            Console.WriteLine($"  {name,-40} {of.Count,9:N0} {fiveXx,6} {other,6} {Percentile(durations, 0.5),8:N1} {Percentile(durations, 0.99),8:N1} {durations[^1],9:N1}");
        }
        var statuses = Samples.Where(s => s.Status / 100 != 2).GroupBy(s => (s.Kind, s.Status)).OrderBy(g => g.Key.Kind).ToList();
        if (statuses.Count > 0)
        {
            Console.WriteLine("  non-2xx answers: " + string.Join(", ", statuses.Select(g => $"{g.Key.Kind} {(g.Key.Status == 0 ? "no answer" : g.Key.Status.ToString(CultureInfo.InvariantCulture))} × {g.Count()}")));
        }
        if (KilledAtMs is { } killed)
        {
            var around = Samples.Where(s => s.StartedMs + s.DurationMs >= killed).ToList();
            var longest = around.MaxBy(s => s.DurationMs);
            Console.WriteLine($"  killed at {killed / 1000:N1} s; declared dead in the membership table after "
                + (DeclaredDeadAfter is { } dead ? $"{dead / 1000:N1} s" : "(never)"));
            if (longest is not null)
            {
                Console.WriteLine($"  longest request in flight at or after the kill: {longest.DurationMs:N0} ms ({longest.Kind}, answered {longest.Status})");
            }
        }
        else
        {
            Console.WriteLine($"  longest request: {Samples.Max(s => s.DurationMs):N0} ms");
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

internal sealed record Options(string Url, string Pg, int KillPid, int KillPort, string Cluster, int Clients, int Seconds, int KillAfterSeconds, int WarmupSeconds)
{
    public static Options Parse(string[] args)
    {
        string? Get(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var options = new Options(Get("--url") ?? throw new ArgumentException("--url is required"), Get("--pg") ?? throw new ArgumentException("--pg is required"),
            Int("--kill-pid", 0), Int("--kill-port", 0), Get("--cluster") ?? "mhsupply", Int("--clients", 8), Int("--seconds", 30),
            Int("--kill-after", 8), Int("--warmup", 5));
        if (options.KillPid <= 0 || options.KillPort <= 0 || options.Clients <= 0 || options.Seconds <= options.KillAfterSeconds)
        {
            throw new ArgumentException("--kill-pid and --kill-port are required; --seconds must exceed --kill-after");
        }
        return options;
    }
}
