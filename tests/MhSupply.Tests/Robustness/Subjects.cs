using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Robustness.ApiTemplates;

namespace MhSupply.Tests.Robustness;

/// <summary>
/// The world the corpus runs in (facilities, stock, an open alert, a subscription) and its subjects: a referral in the
/// state an action needs, a follow-up to record. A subject a probe has moved on (its 2xx) is replaced by a fresh one,
/// so every action's mutations reach the state machine rather than a 409.
/// </summary>
internal sealed class Subjects(GatewayFactory gateway, IReadOnlyDictionary<string, HttpClient> clients)
{
    private readonly Dictionary<string, string> _current = new(StringComparer.Ordinal);
    private readonly Queue<string> _scheduledFollowUps = new();

    /// <summary>How many subjects were prepared so far: the requests that made them changed tables.</summary>
    public int Prepared { get; private set; }

    public static async Task<Dictionary<string, HttpClient>> ClientsAsync(GatewayFactory gateway) => new(StringComparer.Ordinal)
    {
        ["anon"] = gateway.CreateClient(),
        ["admin"] = await gateway.ClientFor("admin", sub: "rb-admin"),
        ["pharmacist"] = await gateway.ClientFor("pharmacist", facilities: [Phc], sub: "rb-pharmacist"),
        ["pharmacist-out"] = await gateway.ClientFor("pharmacist", facilities: [StockOutFacility], sub: "rb-pharmacist-out"),
        ["head"] = await gateway.ClientFor("facility_head", facilities: [Phc, StockOutFacility], sub: "rb-head"),
        ["coordinator"] = await gateway.ClientFor("referral_coordinator", districts: [District], sub: "rb-coordinator"),
        ["manager"] = await gateway.ClientFor("district_manager", districts: [District], sub: "rb-manager"),
        ["phc"] = await gateway.ClientFor("clinician", facilities: [Phc], sub: "rb-phc-clinician"),
        ["psychiatrist"] = await gateway.ClientFor("clinician", facilities: [Specialist], sub: "rb-psychiatrist"),
        ["pharmacist-smh"] = await gateway.ClientFor("pharmacist", facilities: [Specialist], sub: "rb-pharmacist-smh"),
    };

    /// <summary>Facilities, the corpus's own medicine, stock to issue and redistribute from, a stock-out alert and a subscription.</summary>
    public async Task SetUpAsync()
    {
        var admin = clients["admin"];
        foreach (var (id, level, services) in new[]
        {
            (Phc, "phc", Array.Empty<string>()), (Specialist, "specialist", ["psychiatric_consultation"]),
            (Community, "community", ["psychosocial_support"]), (StockOutFacility, "phc", []),
        })
        {
            await Ok(await admin.PutAsJsonAsync($"/api/v1/facilities/{id}", new { name = id, level, district = District, region = Region, services }));
        }
        await Ok(await admin.PutAsJsonAsync($"/api/v1/medicines/{OwnMedicine}",
            new { name = "Sertraline", form = "tablet", strength = "50 mg", unit = "tablet", category = "antidepressant" }));
        var yesterday = gateway.Clock.GetUtcNow().AddDays(-1);
        await Report("pharmacist", Phc, ("receipt", 100_000, yesterday));
        await Report("pharmacist-out", StockOutFacility, ("receipt", 10, yesterday), ("issue", 10, yesterday.AddHours(1)));
        // The specialist service holds stock to redistribute: a movement must leave the source its minimum.
        await Report("pharmacist-smh", Specialist, ("receipt", 100_000, yesterday));
    }

    /// <summary>The path with its "{@kind}" placeholders replaced by current subjects (prepared when there is none).</summary>
    public async Task<string> ResolveAsync(string path)
    {
        var start = path.IndexOf("{@", StringComparison.Ordinal);
        if (start < 0)
        {
            return path;
        }
        var end = path.IndexOf('}', start);
        var kind = path[(start + 2)..end];
        if (!_current.TryGetValue(kind, out var id))
        {
            _current[kind] = id = await PrepareAsync(kind);
            Prepared++;
        }
        return await ResolveAsync(path[..start] + id + path[(end + 1)..]);
    }

    /// <summary>The subjects in <paramref name="templatePath"/> were moved on by a 2xx: the next probe gets fresh ones.</summary>
    public void Spend(string templatePath)
    {
        foreach (var kind in _current.Keys.Where(k => templatePath.Contains("{@" + k + "}", StringComparison.Ordinal)).ToList())
        {
            _current.Remove(kind);
        }
    }

    private async Task<string> PrepareAsync(string kind)
    {
        var now = gateway.Clock.GetUtcNow();
        switch (kind)
        {
            case "alert":
            {
                var page = await Json(await clients["admin"].GetAsync($"/api/v1/alerts?facility={StockOutFacility}&kind=stock_out&status=open"));
                return page.GetProperty("items")[0].GetProperty("id").GetString()!;
            }
            case "subscription":
            {
                var created = await Json(await clients["manager"].PostAsJsonAsync("/api/v1/subscriptions",
                    new { channel = "email", target = "head@example.org", district = District, kinds = new[] { "stock_out" } }));
                return created.GetProperty("id").GetString()!;
            }
            case "scheduled":
                if (_scheduledFollowUps.Count == 0)
                {
                    var referral = await Referral("completed");
                    // Acknowledged 20 days ago with a daily visit: every visit is due already, so each may be attended or missed.
                    var acknowledged = await Json(await clients["phc"].PostAsJsonAsync($"/api/v1/referrals/{referral}/back-referral/acknowledge",
                        new { at = now.AddDays(-20) }));
                    foreach (var f in acknowledged.GetProperty("followUps").EnumerateArray())
                    {
                        _scheduledFollowUps.Enqueue(f.GetProperty("id").GetString()!);
                    }
                }
                return _scheduledFollowUps.Dequeue();
            case "missed":
            {
                var followUp = await PrepareAsync("scheduled");
                await Ok(await clients["phc"].PostAsJsonAsync($"/api/v1/follow-ups/{followUp}/missed", new { reason = "not seen", at = now.AddHours(-1) }));
                return followUp;
            }
            default:
                return await Referral(kind);
        }
    }

    /// <summary>A new referral taken through the steps to <paramref name="state"/>.</summary>
    private async Task<string> Referral(string state)
    {
        var now = gateway.Clock.GetUtcNow();
        var id = Guid.NewGuid();
        await Ok(await clients["phc"].PostAsJsonAsync("/api/v1/referrals", new
        {
            id, patient = new { code = "PX-RB-SUBJECT", sex = "male", birthYear = 1980 }, fromFacility = Phc, toFacility = Specialist,
            reason = "depression", urgency = "routine", consent = true, at = state == "completed" ? now.AddDays(-30) : now.AddHours(-3),
        }));
        // Steps an hour ago: a probe's own step (at: a minute ago) must not come before the referral's last one. A completed
        // referral's were a month ago, so that its follow-ups (acknowledged 20 days ago) are all due by now.
        var stepAt = state == "completed" ? now.AddDays(-29) : now.AddHours(-1);
        (string Client, string Action, object Body)[] steps = state switch
        {
            "requested" => [],
            "cancelled" => [("phc", "cancel", new { reason = "duplicate", at = stepAt })],
            "accepted" => [("psychiatrist", "accept", new { at = stepAt })],
            "booked" => [("psychiatrist", "accept", new { at = stepAt }), ("psychiatrist", "book", new { appointmentAt = stepAt, at = stepAt })],
            "in_progress" or "completed" =>
            [
                ("psychiatrist", "accept", new { at = stepAt }), ("psychiatrist", "book", new { appointmentAt = stepAt, at = stepAt }),
                ("psychiatrist", "attend", new { at = stepAt }),
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "no such subject"),
        };
        if (state == "completed")
        {
            steps = [.. steps, ("psychiatrist", "back-refer", new
            {
                diagnosis = "depression", plan = "Fluoxetine 20 mg; review monthly.",
                // No course end: the acknowledgement schedules the most visits (12), each a follow-up subject.
                medicines = new[] { new { medicine = Medicine, dose = "20 mg daily", durationDays = 90 } }, followUpEveryDays = 1, at = stepAt,
            })];
        }
        foreach (var (client, action, body) in steps)
        {
            await Ok(await clients[client].PostAsJsonAsync($"/api/v1/referrals/{id}/{action}", body));
        }
        return id.ToString();
    }

    private async Task Report(string client, string facility, params (string Type, int Quantity, DateTimeOffset At)[] events)
    {
        var results = await Json(await clients[client].PostAsJsonAsync($"/api/v1/facilities/{facility}/stock-events", new
        {
            events = events.Select(e => new { id = Guid.NewGuid(), medicine = Medicine, type = e.Type, quantity = e.Quantity, occurredAt = e.At }),
        }));
        Assert.All(results.GetProperty("results").EnumerateArray(), r => Assert.Equal("accepted", r.GetProperty("outcome").GetString()));
    }

    private static async Task Ok(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"setting up the corpus: {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} -> "
                + $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        await Ok(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
