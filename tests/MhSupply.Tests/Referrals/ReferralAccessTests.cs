using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Referrals.ReferralTestKit;

namespace MhSupply.Tests.Referrals;

/// <summary>
/// One access policy for every read of a referral, through HTTP: the worklist lists exactly what the detail opens, with
/// the same fields; consent per recipient; writes in scope; exceptional access with a stated reason; and the audit of
/// list reads, exceptional reads and refusals.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ReferralAccessTests(GatewayFactory gateway, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task For_every_role_the_worklist_lists_exactly_the_referrals_the_detail_opens_with_the_same_reason()
    {
        var kit = await new ReferralTestKit(gateway, "acc-list").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var chwAtCommunity = await kit.CommunityWorker();
        var toSpecialist = await Created(kit.Refer(phc, reason: "psychosis"));
        var toCommunityNoConsent = await Created(kit.Refer(phc, to: kit.Community, consent: false, reason: "depression"));
        var toCommunityConsent = await Created(kit.Refer(phc, to: kit.Community, consent: true, reason: "self_harm"));
        var fromCommunity = await Created(kit.Refer(chwAtCommunity, from: kit.Community, consent: false, reason: "substance_use"));
        var ours = new[] { toSpecialist, toCommunityNoConsent, toCommunityConsent, fromCommunity }.ToHashSet();

        var callers = new (string Who, Task<HttpClient> Client)[]
        {
            ("pharmacist at the PHC", kit.Pharmacist()),
            ("clinician at the PHC", kit.ReferringClinician()),
            ("psychiatrist", kit.Psychiatrist()),
            ("community worker", kit.CommunityWorker()),
            ("head of the community service", kit.Head(kit.Community)),
            ("head of the PHC", kit.Head(kit.Phc)),
            ("coordinator", kit.Coordinator()),
            ("district manager", kit.Manager()),
            ("coordinator of another district", gateway.ClientFor("referral_coordinator", districts: ["acc-elsewhere"], sub: "acc-list.other")),
            ("admin", gateway.ClientFor("admin", sub: "acc-list.admin")),
        };
        var seen = new Dictionary<string, int>();
        foreach (var (who, task) in callers)
        {
            using var client = await task;
            var listed = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/referrals?pageSize=500")).GetProperty("items").EnumerateArray()
                .Where(i => ours.Contains(i.GetProperty("id").GetGuid()))
                .ToDictionary(i => i.GetProperty("id").GetGuid(), i => Reason(i));
            foreach (var id in ours)
            {
                var detail = await client.GetAsync($"/api/v1/referrals/{id}");
                Assert.True(listed.ContainsKey(id) == (detail.StatusCode == HttpStatusCode.OK),
                    $"{who}: referral {id} is {(listed.ContainsKey(id) ? "" : "not ")}listed but its detail answers {(int)detail.StatusCode}");
                if (detail.StatusCode == HttpStatusCode.OK)
                {
                    Assert.True(Reason(await Json(detail)) == listed[id], $"{who}: the list and the detail disagree on the reason of {id}");
                }
            }
            seen[who] = listed.Count;
        }

        // Who reads what (the policy's table through the API): the pharmacist nothing, the community worker its own three.
        Assert.Equal(0, seen["pharmacist at the PHC"]);
        Assert.Equal(0, seen["coordinator of another district"]);
        Assert.Equal(4, seen["coordinator"]);
        Assert.Equal(4, seen["admin"]);
        Assert.Equal(3, seen["community worker"]);
        using var head = await kit.Head(kit.Community);
        Assert.Null(Reason(await Json(await head.GetAsync($"/api/v1/referrals/{fromCommunity}"))));
        using var chw = await kit.CommunityWorker();
        Assert.Null(Reason(await Json(await chw.GetAsync($"/api/v1/referrals/{toCommunityNoConsent}"))));
        Assert.Equal("self_harm", Reason(await Json(await chw.GetAsync($"/api/v1/referrals/{toCommunityConsent}"))));

        // Every list row and every opened or refused detail left an audit row on its referral.
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        var audit = (await Dapper.SqlMapper.QueryAsync<(string Action, long Count)>(connection,
            "SELECT action, count(*) FROM mh.referral_audit WHERE referral_id = ANY(@ids) GROUP BY action ORDER BY action",
            new { ids = ours.ToArray() })).ToDictionary(a => a.Action, a => a.Count);
        output.WriteLine("audit rows of the 4 referrals by action: " + string.Join(", ", audit.Select(a => $"{a.Key} {a.Value}")));
        Assert.Equal(seen.Values.Sum(), audit["list"]);
        Assert.Equal(seen.Values.Sum() + 3, audit["read"]);
        Assert.Equal((callers.Length * ours.Count) - seen.Values.Sum(), audit["denied-read"]);
    }

    [Fact]
    public async Task A_coordinator_refers_only_from_a_facility_of_their_district()
    {
        var kit = await new ReferralTestKit(gateway, "acc-create").RegisterAsync();
        var other = await new ReferralTestKit(gateway, "acc-create2").RegisterAsync();
        using var ours = await kit.Coordinator();
        using var theirs = await other.Coordinator();
        using var pharmacist = await kit.Pharmacist();

        var (_, outside) = await kit.Refer(theirs, to: other.Specialist);
        var (_, byPharmacist) = await kit.Refer(pharmacist);
        var (inside, created) = await kit.Refer(ours);

        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byPharmacist.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var otherPsychiatrist = await other.Psychiatrist();
        Assert.Equal(HttpStatusCode.NotFound, (await otherPsychiatrist.GetAsync($"/api/v1/referrals/{inside}")).StatusCode);
    }

    [Fact]
    public async Task Consent_is_per_recipient_and_changing_it_is_an_audited_step()
    {
        var kit = await new ReferralTestKit(gateway, "acc-consent").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var chw = await kit.CommunityWorker();
        // Referred to the specialist with consent to share with it; a community worker following the person is not named.
        var id = await Created(kit.Refer(phc, consent: true, reason: "depression"));
        await Json(await phc.PostAsJsonAsync($"/api/v1/referrals/{id}/consent",
            new { consentTo = new { receivingService = true, communityServices = false, facilities = new[] { kit.Community } } }));
        var named = await Json(await phc.GetAsync($"/api/v1/referrals/{id}"));

        var disagree = await phc.PostAsJsonAsync($"/api/v1/referrals/{id}/consent",
            new { consent = false, consentTo = new { receivingService = true } });
        var unknown = await phc.PostAsJsonAsync($"/api/v1/referrals/{id}/consent",
            new { consentTo = new { receivingService = true, facilities = new[] { "no-such-facility" } } });
        var byChw = await chw.PostAsJsonAsync($"/api/v1/referrals/{id}/consent", new { consent = false });

        Assert.Equal(new[] { kit.Community }, named.GetProperty("consentTo").GetProperty("facilities").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, disagree.StatusCode);
        Assert.True((await disagree.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("consentTo.receivingService", out _));
        Assert.True((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("consentTo.facilities[0]", out _));
        // The community worker's facility is not a party: it reads nothing of this referral, so cannot change its consent either.
        Assert.Equal(HttpStatusCode.NotFound, byChw.StatusCode);
        var history = named.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()).ToList();
        Assert.Contains("consent", history);
        using var manager = await kit.Manager();
        var audit = (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}/audit")).EnumerateArray()
            .Select(a => (a.GetProperty("actor").GetString(), a.GetProperty("action").GetString())).ToList();
        Assert.Contains(("acc-consent.phc-clinician", "consent"), audit);
        Assert.Contains(("acc-consent.chw", "denied-consent"), audit);
    }

    [Fact]
    public async Task A_community_worker_at_the_receiving_service_sees_clinical_details_only_when_consent_names_it()
    {
        var kit = await new ReferralTestKit(gateway, "acc-cmh").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var chw = await kit.CommunityWorker();
        var toService = await Created(kit.Refer(phc, to: kit.Community, consent: false, reason: "dementia"));

        var before = await Json(await chw.GetAsync($"/api/v1/referrals/{toService}"));
        await Json(await phc.PostAsJsonAsync($"/api/v1/referrals/{toService}/consent", new { consentTo = new { receivingService = false, communityServices = true } }));
        var after = await Json(await chw.GetAsync($"/api/v1/referrals/{toService}"));

        Assert.Null(Reason(before));
        Assert.False(before.GetProperty("clinicalWithheld").GetBoolean(), "consent, not a stated reason, opens it to a community service");
        Assert.Equal("dementia", Reason(after));
        // A stated reason does not override the person's consent.
        var withReason = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/referrals/{await Created(kit.Refer(phc, to: kit.Community, consent: false))}");
        withReason.Headers.Add("X-Access-Justification", "curious");
        Assert.Null(Reason(await Json(await chw.SendAsync(withReason))));
    }

    [Fact]
    public async Task Exceptional_access_needs_a_stated_reason_and_is_audited_with_it_and_refusals_are_audited_too()
    {
        var kit = await new ReferralTestKit(gateway, "acc-exc").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var manager = await kit.Manager();
        using var pharmacist = await kit.Pharmacist();
        using var coordinator = await kit.Coordinator();
        var id = await Created(kit.Refer(phc, reason: "bipolar_disorder"));

        var plain = await Json(await manager.GetAsync($"/api/v1/referrals/{id}"));
        var justified = await Json(await manager.SendAsync(Justified(id, "Complaint 2026-114: reviewing the referral's handling")));
        var tooLong = await manager.SendAsync(Justified(id, new string('x', 501)));
        var denied = await pharmacist.GetAsync($"/api/v1/referrals/{id}");
        await coordinator.GetAsync("/api/v1/referrals?pageSize=500");
        var deniedAction = await pharmacist.PostAsJsonAsync($"/api/v1/referrals/{id}/accept", new { });

        Assert.Null(Reason(plain));
        Assert.True(plain.GetProperty("clinicalWithheld").GetBoolean());
        Assert.Equal("bipolar_disorder", Reason(justified));
        Assert.True(justified.GetProperty("exceptionalAccess").GetBoolean());
        Assert.False(justified.GetProperty("patient").TryGetProperty("name", out _));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True((await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("X-Access-Justification", out _));
        Assert.Equal(HttpStatusCode.NotFound, denied.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, deniedAction.StatusCode);

        var audit = (await manager.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}/audit")).EnumerateArray()
            .Select(a => (Actor: a.GetProperty("actor").GetString(), Action: a.GetProperty("action").GetString(),
                Why: a.TryGetProperty("justification", out var j) ? j.GetString() : null)).ToList();
        Assert.Contains(("acc-exc.manager", "read", null), audit);
        Assert.Contains(("acc-exc.manager", "exceptional-read", "Complaint 2026-114: reviewing the referral's handling"), audit);
        Assert.Contains(("acc-exc.pharmacist", "denied-read", null), audit);
        Assert.Contains(("acc-exc.pharmacist", "denied-accept", null), audit);
        Assert.Contains(("acc-exc.coordinator", "list", null), audit);
    }

    [Fact]
    public async Task Allowed_actions_say_which_need_a_reason()
    {
        var kit = await new ReferralTestKit(gateway, "acc-actions").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var coordinator = await kit.Coordinator();
        var id = await Created(kit.Refer(phc));
        await Json(await Act(coordinator, id, "cancel", new { reason = "entered twice" }));

        var view = await Json(await coordinator.GetAsync($"/api/v1/referrals/{id}"));

        var reopen = view.GetProperty("allowedActions").EnumerateArray().Single(a => a.GetProperty("action").GetString() == "reopen");
        Assert.True(reopen.GetProperty("reasonRequired").GetBoolean());
        var noReason = await Act(coordinator, id, "reopen");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
    }

    [Fact]
    public async Task An_alert_about_a_referral_is_shown_only_to_those_who_may_read_the_referral()
    {
        var kit = await new ReferralTestKit(gateway, "acc-alert").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        var id = await Created(kit.Refer(phc, urgency: "emergency", at: gateway.Clock.GetUtcNow().AddHours(-5)));
        await kit.RunScan();
        var alert = Assert.Single(await kit.Alerts("referral_not_accepted", id));
        var alertId = alert.GetProperty("id").GetString();
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [kit.Specialist], sub: "acc-alert.smh-pharmacist");
        using var coordinator = await kit.Coordinator();

        var pharmacistSees = await pharmacist.AlertItems($"?kind=referral_not_accepted&pageSize=500");
        var coordinatorSees = await coordinator.AlertItems($"?kind=referral_not_accepted&pageSize=500");

        Assert.DoesNotContain(pharmacistSees, a => a.GetProperty("id").GetString() == alertId);
        Assert.Equal(HttpStatusCode.NotFound, (await pharmacist.GetAsync($"/api/v1/alerts/{alertId}")).StatusCode);
        Assert.Contains(coordinatorSees, a => a.GetProperty("id").GetString() == alertId);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/v1/alerts/{alertId}")).StatusCode);
    }

    private HttpRequestMessage Justified(Guid id, string why)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/referrals/{id}");
        request.Headers.Add("X-Access-Justification", why);
        return request;
    }

    private static string? Reason(JsonElement referral) => referral.TryGetProperty("reason", out var r) ? r.GetString() : null;

    private static async Task<Guid> Created(Task<(Guid Id, HttpResponseMessage Response)> refer)
    {
        var (id, response) = await refer;
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return id;
    }
}
