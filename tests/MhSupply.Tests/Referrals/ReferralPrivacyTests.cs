using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Referrals.ReferralTestKit;

namespace MhSupply.Tests.Referrals;

[Collection(GatewayCollection.Name)]
public sealed class ReferralPrivacyTests(GatewayFactory gateway)
{
    [Fact]
    public async Task Name_and_phone_are_stored_encrypted_and_shown_only_to_those_who_care_for_the_person()
    {
        var kit = await new ReferralTestKit(gateway, "priv-contact").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var manager = await kit.Manager();
        var (id, _) = await kit.Refer(phc, name: "Amina Yusuf", phone: "+211 912 000 111");

        var clinicianView = await phc.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}");
        var managerView = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}");

        Assert.Equal("Amina Yusuf", clinicianView.GetProperty("patient").GetProperty("name").GetString());
        Assert.False(managerView.GetProperty("patient").TryGetProperty("name", out _));
        Assert.False(managerView.GetProperty("patient").TryGetProperty("phone", out _));
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        var stored = await connection.QuerySingleAsync<byte[]>("SELECT name_enc FROM mh.referral_contact WHERE referral_id = @id", new { id });
        Assert.DoesNotContain("Amina", Encoding.UTF8.GetString(stored));
        var snapshot = await connection.QuerySingleAsync<string>("SELECT snapshot::text FROM mh.referral WHERE id = @id", new { id });
        Assert.DoesNotContain("Amina", snapshot);
    }

    [Fact]
    public async Task Community_service_sees_no_diagnosis_without_consent()
    {
        var kit = await new ReferralTestKit(gateway, "priv-dx").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var chw = await kit.CommunityWorker();
        var (withoutConsent, _) = await kit.Refer(phc, to: kit.Community, consent: false, reason: "self_harm");
        var (withConsent, _) = await kit.Refer(phc, to: kit.Community, consent: true, reason: "self_harm");

        var hidden = await chw.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{withoutConsent}");
        var shown = await chw.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{withConsent}");

        Assert.False(hidden.TryGetProperty("reason", out _));
        Assert.Equal("self_harm", shown.GetProperty("reason").GetString());
        Assert.Equal("self_harm", (await phc.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{withoutConsent}")).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Every_read_and_change_writes_an_audit_row_readable_by_admins_and_district_managers_only()
    {
        var kit = await new ReferralTestKit(gateway, "priv-audit").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        using var manager = await kit.Manager();
        var (id, _) = await kit.Refer(phc);
        await Json(await Act(psychiatrist, id, "receive"));
        await psychiatrist.GetAsync($"/api/v1/referrals/{id}");

        var forbidden = await psychiatrist.GetAsync($"/api/v1/referrals/{id}/audit");
        var audit = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}/audit");

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        var rows = audit.EnumerateArray().Select(a => (a.GetProperty("actor").GetString(), a.GetProperty("action").GetString())).ToList();
        Assert.Contains(("priv-audit.phc-clinician", "create"), rows);
        Assert.Contains(("priv-audit.psychiatrist", "receive"), rows);
        Assert.Contains(("priv-audit.psychiatrist", "read"), rows);
        Assert.All(audit.EnumerateArray(), a => Assert.False(string.IsNullOrEmpty(a.GetProperty("at").GetString())));
    }

    [Fact]
    public async Task The_audit_of_a_referral_out_of_reach_answers_as_one_that_does_not_exist()
    {
        var kit = await new ReferralTestKit(gateway, "priv-audit-reach").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var pharmacist = await kit.Pharmacist();
        var (id, _) = await kit.Refer(phc);

        var existing = await pharmacist.GetAsync($"/api/v1/referrals/{id}/audit");
        var missing = await pharmacist.GetAsync($"/api/v1/referrals/{Guid.NewGuid()}/audit");

        Assert.Equal(HttpStatusCode.NotFound, existing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var title = (await existing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString();
        Assert.Equal((await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), title);
    }
}
