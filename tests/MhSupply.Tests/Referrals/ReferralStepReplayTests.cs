using System.Net;
using System.Net.Http.Json;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Referrals.ReferralTestKit;

namespace MhSupply.Tests.Referrals;

/// <summary>
/// A phone that took a step offline resends it, with its client id, until it gets an answer: a step whose answer was lost
/// is answered again as it was and done once; the same id for another step is refused.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ReferralStepReplayTests(GatewayFactory gateway)
{
    [Fact]
    public async Task A_step_resent_with_its_id_is_done_once_and_answered_as_replayed()
    {
        var kit = await new ReferralTestKit(gateway, "replay").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var (id, created) = await kit.Refer(phc, "urgent");
        created.EnsureSuccessStatusCode();
        var step = Guid.NewGuid();

        var first = await Act(psychiatrist, id, "receive", new { id = step });
        var again = await Act(psychiatrist, id, "receive", new { id = step });

        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("true", Assert.Single(again.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal((await Json(first)).GetProperty("history").GetRawText(), (await Json(again)).GetProperty("history").GetRawText());
        var history = (await Json(await psychiatrist.GetAsync($"/api/v1/referrals/{id}"))).GetProperty("history");
        Assert.Equal(1, history.EnumerateArray().Count(h => h.GetProperty("action").GetString() == "receive"));

        // Without an id, the same step again is the state machine's to refuse: received twice is not a step.
        Assert.Equal(HttpStatusCode.Conflict, (await Act(psychiatrist, id, "receive")).StatusCode);
        // The id of the receipt used for acceptance: refused, and nothing accepted.
        var reused = await Act(psychiatrist, id, "accept", new { id = step });
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Contains("already used", await reused.Content.ReadAsStringAsync());
        Assert.Equal("received", (await Json(await psychiatrist.GetAsync($"/api/v1/referrals/{id}"))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_follow_up_visit_resent_with_its_id_is_recorded_once()
    {
        var kit = await new ReferralTestKit(gateway, "replay-fu").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        // The visit is recorded when it is due: the referral's steps happened weeks ago, so its first follow-up is due now.
        var start = gateway.Clock.GetUtcNow().AddDays(-40);
        var (id, _) = await kit.Refer(phc, "urgent", at: start);
        foreach (var (action, body) in new (string, object)[]
        {
            ("accept", new { at = start.AddHours(1) }),
            ("book", new { at = start.AddHours(2), appointmentAt = start.AddDays(1) }),
            ("attend", new { at = start.AddDays(1).AddHours(1) }),
            ("back-refer", new
            {
                at = start.AddDays(4),
                diagnosis = "depression",
                plan = "Fluoxetine; review monthly.",
                medicines = new[] { new { medicine = "fluoxetine-cap-20mg", dose = "20 mg daily", durationDays = 90 } },
                followUpEveryDays = 30,
                courseDays = 90,
            }),
        })
        {
            await Json(await Act(psychiatrist, id, action, body));
        }
        var acknowledged = await Json(await phc.PostAsJsonAsync($"/api/v1/referrals/{id}/back-referral/acknowledge", new { at = start.AddDays(4) }));
        var followUp = acknowledged.GetProperty("followUps")[0].GetProperty("id").GetString();
        var visit = Guid.NewGuid();

        var first = await phc.PostAsJsonAsync($"/api/v1/follow-ups/{followUp}/attend", new { id = visit });
        var again = await phc.PostAsJsonAsync($"/api/v1/follow-ups/{followUp}/attend", new { id = visit });

        await Json(first);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        var history = (await Json(await phc.GetAsync($"/api/v1/referrals/{id}"))).GetProperty("history");
        Assert.Equal(1, history.EnumerateArray().Count(h => h.GetProperty("action").GetString() == "follow-up-attend"));
        // Another visit under that id (the second follow-up) is not the same step.
        var second = acknowledged.GetProperty("followUps")[1].GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Conflict, (await phc.PostAsJsonAsync($"/api/v1/follow-ups/{second}/attend", new { id = visit })).StatusCode);
    }
}
