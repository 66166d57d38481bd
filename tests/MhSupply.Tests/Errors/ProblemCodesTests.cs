using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using MhSupply.Tests.Referrals;

namespace MhSupply.Tests.Errors;

/// <summary>
/// Every problem a user can see carries its message code and parameters beside the English text, in one shape: a 400
/// has <c>errors</c> (field → English) and <c>codes</c> (field → [{ code, params }]), a 403/404/409 has <c>code</c> and
/// <c>params</c>. A sample of each area: referral creation, a forbidden transition naming the state, subscriptions,
/// alerts, paging, reference data.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ProblemCodesTests(GatewayFactory gateway)
{
    [Fact]
    public async Task A_referral_with_bad_fields_is_a_400_with_each_fields_code_and_params()
    {
        var kit = await new ReferralTestKit(gateway, "codes-create").RegisterAsync();
        using var phc = await kit.ReferringClinician();

        var response = await phc.PostAsJsonAsync("/api/v1/referrals", new
        {
            id = Guid.NewGuid(),
            patient = new { code = "x", sex = "female", birthYear = 1800 },
            fromFacility = kit.Phc, toFacility = "nowhere", reason = "depression", urgency = "soon", consent = true,
        });

        var problem = await Problem(response, HttpStatusCode.BadRequest);
        var code = Code(problem, "patient.code");
        Assert.Equal("referral.patient_code_invalid", code.GetProperty("code").GetString());
        Assert.Equal("x", code.GetProperty("params").GetProperty("value").GetString());
        var year = Code(problem, "patient.birthYear");
        Assert.Equal("referral.birth_year_implausible", year.GetProperty("code").GetString());
        Assert.Equal(gateway.Clock.GetUtcNow().Year, year.GetProperty("params").GetProperty("max").GetInt32());
        Assert.Equal("referral.urgency_invalid", Code(problem, "urgency").GetProperty("code").GetString());
        Assert.Equal("nowhere", Code(problem, "toFacility").GetProperty("params").GetProperty("value").GetString());
        // The English texts stay where API clients read them, written for the person at the form.
        Assert.Equal("\"x\" is not a patient code: use 3 to 40 letters, digits, '-', '_' or '/', for example CAMPA-0042.",
            problem.GetProperty("errors").GetProperty("patient.code")[0].GetString());
    }

    [Fact]
    public async Task A_forbidden_transition_is_a_409_naming_the_state_what_it_allows_and_its_code()
    {
        var kit = await new ReferralTestKit(gateway, "codes-409").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var (id, _) = await kit.Refer(phc);
        (await psychiatrist.PostAsJsonAsync($"/api/v1/referrals/{id}/accept", new { })).EnsureSuccessStatusCode();
        (await psychiatrist.PostAsJsonAsync($"/api/v1/referrals/{id}/book", new { appointmentAt = gateway.Clock.GetUtcNow().AddDays(2) }))
            .EnsureSuccessStatusCode();

        var problem = await Problem(await psychiatrist.PostAsJsonAsync($"/api/v1/referrals/{id}/accept", new { }), HttpStatusCode.Conflict);

        Assert.Equal("booked", problem.GetProperty("status").GetString());
        Assert.Equal("referral.forbidden_transition", problem.GetProperty("code").GetString());
        var parameters = problem.GetProperty("params");
        Assert.Equal("booked", parameters.GetProperty("status").GetString());
        Assert.Equal("accept", parameters.GetProperty("action").GetString());
        Assert.Equal("requested,received", parameters.GetProperty("from").GetString());
        Assert.Contains("attend", parameters.GetProperty("next").GetString()!.Split(','));
        Assert.DoesNotContain("accept", parameters.GetProperty("next").GetString()!.Split(','));
        Assert.StartsWith("This referral is booked, so it cannot take the step 'accept' now: that is for a referral that is requested or received. "
            + "From booked it can go on with: ", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Rejecting_without_a_reason_and_a_referral_out_of_reach_carry_their_codes()
    {
        var kit = await new ReferralTestKit(gateway, "codes-reason").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var (id, _) = await kit.Refer(phc);

        var reject = await Problem(await psychiatrist.PostAsJsonAsync($"/api/v1/referrals/{id}/reject", new { }), HttpStatusCode.BadRequest);
        Assert.Equal("referral.reason_required", reject.GetProperty("code").GetString());
        Assert.Equal("reject", reject.GetProperty("params").GetProperty("action").GetString());
        Assert.Equal("referral.reason_required", Code(reject, "reason").GetProperty("code").GetString());

        using var stranger = await gateway.ClientFor("clinician", facilities: ["codes-elsewhere"], sub: "codes.stranger");
        var hidden = await Problem(await stranger.GetAsync($"/api/v1/referrals/{id}"), HttpStatusCode.NotFound);
        Assert.Equal("referral.not_in_scope", hidden.GetProperty("code").GetString());
        var unknown = await Problem(await psychiatrist.PostAsJsonAsync($"/api/v1/referrals/{id}/teleport", new { }), HttpStatusCode.NotFound);
        Assert.Equal("referral.not_an_action", unknown.GetProperty("code").GetString());
        Assert.Equal("teleport", unknown.GetProperty("params").GetProperty("action").GetString());
    }

    [Fact]
    public async Task Subscription_problems_name_the_value_and_who_may_subscribe()
    {
        await gateway.RegisterFacility("codes-sub-phc", "codes-sub-d");
        using var admin = await gateway.ClientFor("admin");
        var bad = await Problem(await admin.PostAsJsonAsync("/api/v1/subscriptions",
            new { channel = "email", target = "not-an-address", kinds = new[] { "stock_out", "meteor" } }), HttpStatusCode.BadRequest);
        Assert.Equal("subscription.email_invalid", Code(bad, "target").GetProperty("code").GetString());
        Assert.Equal("not-an-address", Code(bad, "target").GetProperty("params").GetProperty("value").GetString());
        Assert.Equal("meteor", Code(bad, "kinds").GetProperty("params").GetProperty("value").GetString());

        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: ["codes-sub-phc"]);
        var denied = await Problem(await pharmacist.GetAsync("/api/v1/subscriptions"), HttpStatusCode.Forbidden);
        Assert.Equal("subscription.forbidden", denied.GetProperty("code").GetString());
        var missing = await Problem(await admin.DeleteAsync($"/api/v1/subscriptions/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        Assert.Equal("subscription.not_in_scope", missing.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Alert_problems_carry_their_codes()
    {
        using var head = await gateway.ClientFor("facility_head", facilities: ["codes-alert-phc"]);
        var filter = await Problem(await head.GetAsync("/api/v1/alerts?status=forgotten"), HttpStatusCode.BadRequest);
        var status = Code(filter, "status");
        Assert.Equal("alert.status_invalid", status.GetProperty("code").GetString());
        Assert.Equal("forgotten", status.GetProperty("params").GetProperty("value").GetString());

        var absent = await Problem(await head.PostAsJsonAsync($"/api/v1/alerts/{Guid.NewGuid()}/acknowledge", new { }), HttpStatusCode.NotFound);
        Assert.Equal("alert.not_in_scope", absent.GetProperty("code").GetString());
        var tooLong = await Problem(await head.PostAsJsonAsync($"/api/v1/alerts/{Guid.NewGuid()}/acknowledge", new { note = new string('n', 2001) }),
            HttpStatusCode.BadRequest);
        Assert.Equal(2001, Code(tooLong, "note").GetProperty("params").GetProperty("length").GetInt32());
    }

    [Fact]
    public async Task Paging_out_of_range_names_the_value_and_the_limit()
    {
        using var admin = await gateway.ClientFor("admin");

        var problem = await Problem(await admin.GetAsync("/api/v1/referrals?page=0&pageSize=9000"), HttpStatusCode.BadRequest);

        Assert.Equal("request.page_invalid", Code(problem, "page").GetProperty("code").GetString());
        var size = Code(problem, "pageSize");
        Assert.Equal("request.page_size_invalid", size.GetProperty("code").GetString());
        Assert.Equal("9000", size.GetProperty("params").GetProperty("value").GetString());
        Assert.Equal(500, size.GetProperty("params").GetProperty("max").GetInt32());
    }

    [Fact]
    public async Task Reference_data_problems_carry_codes_for_a_400_and_a_404()
    {
        using var admin = await gateway.ClientFor("admin");

        var facility = await Problem(await admin.PutAsJsonAsync("/api/v1/facilities/codes-ref-phc",
            new { name = "", level = "palace", district = "d", region = "r" }), HttpStatusCode.BadRequest);
        Assert.Equal("request.required", Code(facility, "name").GetProperty("code").GetString());
        var level = Code(facility, "level");
        Assert.Equal("reference.level_invalid", level.GetProperty("code").GetString());
        Assert.Equal("palace", level.GetProperty("params").GetProperty("value").GetString());

        var medicine = await Problem(await admin.PostAsync("/api/v1/medicines/no-such-medicine/retire", null), HttpStatusCode.NotFound);
        Assert.Equal("reference.medicine_not_listed", medicine.GetProperty("code").GetString());
        Assert.Equal("no-such-medicine", medicine.GetProperty("params").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_field_that_breaks_a_text_or_time_rule_has_its_own_code()
    {
        using var admin = await gateway.ClientFor("admin");

        var nul = await Problem(await admin.PutAsync("/api/v1/facilities/codes-nul", new StringContent(
            "{\"name\":\"A\\u0000\",\"level\":\"phc\",\"district\":\"d\",\"region\":\"r\"}", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        Assert.Equal("request.text_nul", Code(nul, "name").GetProperty("code").GetString());
        Assert.Equal("name", Code(nul, "name").GetProperty("params").GetProperty("field").GetString());

        var kit = await new ReferralTestKit(gateway, "codes-offset").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        var (id, _) = await kit.Refer(phc);
        var offset = await Problem(await phc.PostAsync($"/api/v1/referrals/{id}/cancel", new StringContent(
            "{\"reason\":\"duplicate\",\"at\":\"2026-03-01T09:30:00\"}", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        Assert.Equal("request.time_without_offset", Code(offset, "at").GetProperty("code").GetString());
    }

    private static JsonElement Code(JsonElement problem, string field) => problem.GetProperty("codes").GetProperty(field)[0];

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }
}
