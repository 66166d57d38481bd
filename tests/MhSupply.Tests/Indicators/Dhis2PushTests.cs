using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MhSupply.Indicators;
using MhSupply.Jobs;
using MhSupply.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MhSupply.Tests.Indicators;

/// <summary>
/// The dhis2-push job against a real HTTP receiver on 127.0.0.1 (<see cref="Dhis2PushReceiver"/>): what it sends (DHIS2's
/// data value set of the mapped figures, with the configured credentials), what it records of DHIS2's import summary, how
/// it retries a DHIS2 that is down, and that a period DHIS2 took is not sent again unless forced. Each test pushes its own
/// period; the scheduled run may also push last month, which no test here asks about.
/// </summary>
[Collection(Dhis2PushCollection.Name)]
public sealed class Dhis2PushTests(Dhis2PushGatewayFactory gateway)
{
    private Dhis2PushReceiver Receiver => gateway.Receiver;

    [Fact]
    public async Task A_push_sends_the_mapped_figures_with_the_token_and_records_the_import_counts()
    {
        await gateway.EnsureWorldAsync();
        var period = Dhis2PushGatewayFactory.Dhis2Period(gateway.MonthsAgo(2));

        var run = await Run($"?period={period}");

        Assert.Equal("delivered", run.GetProperty("outcome").GetString());
        var request = Assert.Single(Receiver.For(period));
        Assert.Equal("POST", request.Method);
        Assert.Equal("/dhis/api/dataValueSets", request.Path);
        Assert.StartsWith("application/json", request.ContentType);
        Assert.Equal($"ApiToken {Dhis2PushGatewayFactory.Token}", request.Authorization);
        Assert.Equal("pBOMPrpg1QX", request.Body["dataSet"]!.GetValue<string>());
        Assert.Equal("DistrictOU1", request.Body["orgUnit"]!.GetValue<string>());
        Assert.Null(request.Body["unmapped"]);
        var values = request.DataValues
            .Select(v => (v["dataElement"]!.GetValue<string>(), v["categoryOptionCombo"]!.GetValue<string>(), v["orgUnit"]!.GetValue<string>(),
                v["period"]!.GetValue<string>(), v["value"]!.GetValue<string>()))
            .OrderBy(v => v.Item3, StringComparer.Ordinal).ToList();
        // push-a reported that month, push-b did not: the district's rate is one of two.
        Assert.Equal([("ReportRate1", "HllvX50cXC0", "DistrictOU1", period, "0.5"), ("ReportRate1", "HllvX50cXC0", "FacilityOUa", period, "1"),
            ("ReportRate1", "HllvX50cXC0", "FacilityOUb", period, "0")], values);

        var push = run.GetProperty("push");
        Assert.Equal("delivered", push.GetProperty("state").GetString());
        Assert.Equal("SUCCESS", push.GetProperty("status").GetString());
        Assert.Equal(3, push.GetProperty("importCount").GetProperty("imported").GetInt32());
        Assert.Equal(1, push.GetProperty("attempts").GetInt32());
        Assert.Equal(Dhis2PushGatewayFactory.District, push.GetProperty("orgUnit").GetString());
        Assert.Equal("dhis2.push_delivered", run.GetProperty("message").GetProperty("code").GetString());
        Assert.Contains("3 imported", run.GetProperty("summary").GetString());

        var listed = await Pushes(period);
        Assert.Equal(push.GetProperty("id").GetInt64(), Assert.Single(listed).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Conflicts_of_an_import_with_warnings_are_recorded_and_the_period_counts_as_pushed()
    {
        await gateway.EnsureWorldAsync();
        var period = Dhis2PushGatewayFactory.Dhis2Period(gateway.MonthsAgo(4));
        // DHIS2 before 2.38 answers the summary bare; one value is refused.
        Receiver.Answers[period] = r => (200, JsonSerializer.Serialize(Dhis2PushReceiver.Bare("WARNING", imported: r.DataValues.Count - 1, ignored: 1,
            conflicts: [new { @object = "FacilityOUb", value = "Organisation unit not in hierarchy of user", errorCode = "E7617" }])));

        var run = await Run($"?period={period}");

        var push = run.GetProperty("push");
        Assert.Equal("WARNING", push.GetProperty("status").GetString());
        Assert.Equal(2, push.GetProperty("importCount").GetProperty("imported").GetInt32());
        Assert.Equal(1, push.GetProperty("importCount").GetProperty("ignored").GetInt32());
        var conflict = Assert.Single(push.GetProperty("conflicts").EnumerateArray());
        Assert.Equal("FacilityOUb", conflict.GetProperty("object").GetString());
        Assert.Equal("Organisation unit not in hierarchy of user", conflict.GetProperty("value").GetString());
        var listed = Assert.Single(await Pushes(period));
        Assert.Equal("FacilityOUb", listed.GetProperty("conflicts")[0].GetProperty("object").GetString());

        Assert.Equal("already_pushed", (await Run($"?period={period}")).GetProperty("outcome").GetString());
        Assert.Single(Receiver.For(period));
    }

    [Fact]
    public async Task An_import_DHIS2_refused_is_recorded_and_sent_again_when_an_admin_asks()
    {
        await gateway.EnsureWorldAsync();
        var period = Dhis2PushGatewayFactory.Dhis2Period(gateway.MonthsAgo(6));
        // DHIS2 2.38+ answers an import with errors 409, the summary wrapped.
        Receiver.Answers[period] = r => (409, Dhis2PushReceiver.Wrapped("ERROR", imported: 0, ignored: r.DataValues.Count,
            conflicts: [new { @object = "pBOMPrpg1QX", value = "Data set is locked for period" }]));

        var refused = await Run($"?period={period}");
        Assert.Equal("ERROR", refused.GetProperty("push").GetProperty("status").GetString());
        Assert.Equal("Data set is locked for period", refused.GetProperty("push").GetProperty("conflicts")[0].GetProperty("value").GetString());

        Receiver.Answers.TryRemove(period, out _);
        var again = await Run($"?period={period}");
        Assert.Equal("SUCCESS", again.GetProperty("push").GetProperty("status").GetString());
        Assert.Equal(2, Receiver.For(period).Count);
        Assert.Equal(2, (await Pushes(period)).Count);
    }

    [Fact]
    public async Task A_DHIS2_that_is_down_is_retried_after_its_back_off_and_receives_the_period_once()
    {
        await gateway.EnsureWorldAsync();
        var period = Dhis2PushGatewayFactory.Dhis2Period(gateway.MonthsAgo(3));
        Receiver.Down();
        try
        {
            var first = await Run($"?period={period}");
            Assert.Equal("retry", first.GetProperty("outcome").GetString());
            var pending = first.GetProperty("push");
            Assert.Equal("pending", pending.GetProperty("state").GetString());
            Assert.Equal(1, pending.GetProperty("attempts").GetInt32());
            Assert.False(string.IsNullOrEmpty(pending.GetProperty("error").GetString()));
            Assert.Equal(gateway.Clock.GetUtcNow().AddMinutes(1), pending.GetProperty("nextAttemptAt").GetDateTimeOffset(), TimeSpan.FromSeconds(1));

            // The schedule does not try before the back-off has passed.
            await Scheduled();
            Assert.Equal(1, await Attempts(period));

            gateway.Clock.Advance(TimeSpan.FromMinutes(1));
            await Scheduled();
            Assert.Equal(2, await Attempts(period));
        }
        finally
        {
            Receiver.Up();
        }
        // Up, but behind a proxy that answers 502 without an import summary: one more failed attempt, retried later.
        Receiver.Answers[period] = _ => (502, "<html><body>502 Bad Gateway</body></html>");
        gateway.Clock.Advance(TimeSpan.FromMinutes(2));
        await Scheduled();
        Assert.Equal(3, await Attempts(period));
        Assert.Contains("502", Assert.Single(await Pushes(period)).GetProperty("error").GetString());
        Receiver.Answers.TryRemove(period, out _);

        // The back-off doubled: a minute later is too early, four minutes after the third attempt is not.
        gateway.Clock.Advance(TimeSpan.FromMinutes(1));
        await Scheduled();
        Assert.Equal(3, await Attempts(period));
        gateway.Clock.Advance(TimeSpan.FromMinutes(3));
        await Scheduled();
        await Scheduled();

        var push = Assert.Single(await Pushes(period));
        Assert.Equal("delivered", push.GetProperty("state").GetString());
        Assert.Equal("SUCCESS", push.GetProperty("status").GetString());
        Assert.Equal(4, push.GetProperty("attempts").GetInt32());
        Assert.False(push.TryGetProperty("error", out var error) && error.ValueKind != JsonValueKind.Null);
        // Two requests reached the receiver for the period: the proxy's 502 and the one DHIS2 imported.
        Assert.Equal(2, Receiver.For(period).Count);
        Assert.Equal("already_pushed", (await Run($"?period={period}")).GetProperty("outcome").GetString());
        Assert.Equal(2, Receiver.For(period).Count);
    }

    [Fact]
    public async Task A_request_DHIS2_refuses_itself_is_given_up_at_once_and_not_repeated_by_the_schedule()
    {
        await gateway.EnsureWorldAsync();
        var period = Dhis2PushGatewayFactory.Dhis2Period(gateway.MonthsAgo(7));
        // Bad credentials: DHIS2's web message has a status but no import summary, and trying again cannot help.
        Receiver.Answers[period] = _ => (401, """{"httpStatus":"Unauthorized","httpStatusCode":401,"status":"ERROR","message":"Unauthorized"}""");

        var run = await Run($"?period={period}");

        Assert.Equal("failed", run.GetProperty("outcome").GetString());
        var push = run.GetProperty("push");
        Assert.Equal("failed", push.GetProperty("state").GetString());
        Assert.Equal(1, push.GetProperty("attempts").GetInt32());
        Assert.Contains("401", push.GetProperty("error").GetString());
        Assert.False(push.TryGetProperty("status", out var status) && status.ValueKind != JsonValueKind.Null);

        // Past the longest back-off: a pending push would be tried now; a failed one waits for an admin.
        gateway.Clock.Advance(TimeSpan.FromMinutes(10));
        await Scheduled();
        Assert.Single(Receiver.For(period));
        Assert.Equal(1, await Attempts(period));
    }

    [Fact]
    public async Task A_DHIS2_down_at_every_attempt_is_given_up_after_the_last_one_and_left_for_an_admin()
    {
        await gateway.EnsureWorldAsync();
        var period = Dhis2PushGatewayFactory.Dhis2Period(gateway.MonthsAgo(8));
        Receiver.Down();
        try
        {
            Assert.Equal("retry", (await Run($"?period={period}")).GetProperty("outcome").GetString());
            for (var attempt = 2; attempt <= Dhis2PushGatewayFactory.MaxAttempts; attempt++)
            {
                gateway.Clock.Advance(TimeSpan.FromMinutes(10)); // the longest back-off: each scheduled run is due
                await Scheduled();
                Assert.Equal(attempt, await Attempts(period));
            }
            var push = Assert.Single(await Pushes(period));
            Assert.Equal("failed", push.GetProperty("state").GetString());
            Assert.False(string.IsNullOrEmpty(push.GetProperty("error").GetString()));
            Assert.False(push.TryGetProperty("nextAttemptAt", out var next) && next.ValueKind != JsonValueKind.Null);

            // Given up: the schedule does not try again, however long it waits.
            gateway.Clock.Advance(TimeSpan.FromMinutes(30));
            await Scheduled();
            Assert.Equal(Dhis2PushGatewayFactory.MaxAttempts, await Attempts(period));
        }
        finally
        {
            Receiver.Up();
        }
        // An admin's run sends it again once DHIS2 is back.
        Assert.Equal("delivered", (await Run($"?period={period}")).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_period_DHIS2_took_is_not_sent_again_unless_forced()
    {
        await gateway.EnsureWorldAsync();
        var period = Dhis2PushGatewayFactory.Dhis2Period(gateway.MonthsAgo(5));

        Assert.Equal("delivered", (await Run($"?period={period}")).GetProperty("outcome").GetString());
        var again = await Run($"?period={period}");
        Assert.Equal("already_pushed", again.GetProperty("outcome").GetString());
        Assert.Equal("dhis2.push_already_pushed", again.GetProperty("message").GetProperty("code").GetString());
        Assert.Single(Receiver.For(period));

        var forced = await Run($"?period={period}&force=true");

        Assert.Equal("delivered", forced.GetProperty("outcome").GetString());
        Assert.True(forced.GetProperty("push").GetProperty("forced").GetBoolean());
        Assert.Equal(2, Receiver.For(period).Count);
        var listed = await Pushes(period);
        Assert.Equal(2, listed.Count);
        // Newest first.
        Assert.True(listed[0].GetProperty("forced").GetBoolean());
        Assert.False(listed[1].GetProperty("forced").GetBoolean());
    }

    [Fact]
    public async Task Basic_credentials_are_sent_as_basic_authentication()
    {
        var options = Options.Create(new Dhis2PushOptions { BaseUrl = Receiver.BaseUrl, Username = "mhsupply", Password = "s3cret:pass" });
        var sender = new Dhis2PushSender(gateway.Services.GetRequiredService<IHttpClientFactory>(), options, gateway.Clock);
        var set = new Dhis2DataValueSet(null, "202001", "DistrictOU1", [new Dhis2DataValue("ReportRate1", null, "DistrictOU1", "202001", "0.25")], []);

        var delivery = await sender.SendAsync(set, CancellationToken.None);

        Assert.Equal("SUCCESS", delivery.Summary?.Status);
        var request = Assert.Single(Receiver.For("202001"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("mhsupply:s3cret:pass")), request.Authorization);
        var value = Assert.Single(request.DataValues);
        Assert.Null(value["categoryOptionCombo"]);
        Assert.Null(request.Body["dataSet"]);
    }

    [Fact]
    public async Task A_DHIS2_that_does_not_answer_within_the_timeout_is_a_failed_attempt_worth_another()
    {
        var options = Options.Create(new Dhis2PushOptions { BaseUrl = Receiver.BaseUrl, Token = "d2pat_slow", Timeout = TimeSpan.FromSeconds(30) });
        var sender = new Dhis2PushSender(gateway.Services.GetRequiredService<IHttpClientFactory>(), options, gateway.Clock);
        var hold = (Arrived: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
            Release: new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        Receiver.Holds["202002"] = hold;
        try
        {
            var sending = sender.SendAsync(new Dhis2DataValueSet(null, "202002", null, [new Dhis2DataValue("ReportRate1", null, "DistrictOU1", "202002", "1")], []),
                CancellationToken.None);
            await hold.Arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.False(sending.IsCompleted);

            gateway.Clock.Advance(TimeSpan.FromSeconds(30));
            var delivery = await sending.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Null(delivery.Summary);
            Assert.True(delivery.Retryable);
            Assert.Contains("no answer within", delivery.Error);
        }
        finally
        {
            hold.Release.TrySetResult();
        }
    }

    [Fact]
    public async Task The_pushes_are_for_admins_only()
    {
        using var manager = await gateway.ClientFor("district_manager", districts: [Dhis2PushGatewayFactory.District]);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/hmis/dhis2/pushes")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync("/api/v1/admin/jobs/dhis2-push/run", null)).StatusCode);
    }

    private async Task<JsonElement> Run(string query)
    {
        using var admin = await gateway.ClientFor("admin");
        var response = await admin.PostAsync("/api/v1/admin/jobs/dhis2-push/run" + query, null);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A run as Hangfire starts it on schedule (no period, no force), on a silo.</summary>
    private Task<string> Scheduled() => gateway.Services.GetRequiredService<IGrainFactory>().GetGrain<IRecurringJobGrain>(JobNames.Dhis2Push).Run();

    private async Task<List<JsonElement>> Pushes(string period)
    {
        using var admin = await gateway.ClientFor("admin");
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/hmis/dhis2/pushes");
        return [.. list.GetProperty("pushes").EnumerateArray().Where(p => p.GetProperty("period").GetString() == period)];
    }

    private async Task<int> Attempts(string period) => Assert.Single(await Pushes(period)).GetProperty("attempts").GetInt32();
}

/// <summary>The admin run of dhis2-push where DHIS2 is not configured, and its refusals of a bad period.</summary>
[Collection(GatewayCollection.Name)]
public sealed class Dhis2PushUnconfiguredTests(GatewayFactory gateway)
{
    [Fact]
    public async Task Without_a_DHIS2_the_run_sends_nothing_and_says_so()
    {
        using var admin = await gateway.ClientFor("admin");

        var run = await admin.PostAsync("/api/v1/admin/jobs/dhis2-push/run", null);

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var body = await run.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("not_configured", body.GetProperty("outcome").GetString());
        Assert.Equal("dhis2.push_not_configured", body.GetProperty("message").GetProperty("code").GetString());
        Assert.False(body.TryGetProperty("push", out var push) && push.ValueKind != JsonValueKind.Null);
        var now = gateway.Clock.GetUtcNow();
        Assert.Equal(Dhis2PushGatewayFactory.Dhis2Period(new DateOnly(now.Year, now.Month, 1).AddMonths(-1)), body.GetProperty("period").GetString());
        Assert.Contains("dhis2-push", await admin.GetFromJsonAsync<List<string>>("/api/v1/admin/jobs") ?? []);
    }

    [Theory]
    [InlineData("2026-13", "indicator.period_invalid")]
    [InlineData("2099-01", "dhis2.push_period_open")]
    public async Task A_period_that_is_not_one_or_has_not_ended_is_refused_naming_the_field(string period, string code)
    {
        using var admin = await gateway.ClientFor("admin");

        var run = await admin.PostAsync($"/api/v1/admin/jobs/dhis2-push/run?period={period}", null);

        Assert.Equal(HttpStatusCode.BadRequest, run.StatusCode);
        var problem = await run.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("period", out _));
        Assert.Equal(code, problem.GetProperty("codes").GetProperty("period")[0].GetProperty("code").GetString());
    }
}

/// <summary>The "Dhis2" section is checked at start-up.</summary>
public sealed class Dhis2PushOptionsTests
{
    [Theory]
    [InlineData(null, null, null, null, true)]
    [InlineData("https://hmis.example.org/dhis", null, null, "d2pat_abc", true)]
    [InlineData("http://127.0.0.1:8080", "admin", "district", null, true)]
    [InlineData("ftp://hmis.example.org", null, null, null, false)]
    [InlineData("hmis.example.org", null, null, null, false)]
    [InlineData("https://hmis.example.org?x=1", null, null, null, false)]
    [InlineData("https://hmis.example.org", "admin", null, null, false)]
    [InlineData("https://hmis.example.org", "admin", "district", "d2pat_abc", false)]
    public void The_base_url_is_an_absolute_http_url_and_one_kind_of_credentials_is_given(string? baseUrl, string? user, string? password, string? token, bool valid)
    {
        var result = new Dhis2PushOptionsValidator().Validate(null,
            new Dhis2PushOptions { BaseUrl = baseUrl, Username = user, Password = password, Token = token });

        Assert.Equal(valid, result.Succeeded);
    }
}
