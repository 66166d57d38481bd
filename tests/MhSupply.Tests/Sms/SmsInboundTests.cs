using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Sms;

/// <summary>Stock counts by SMS through the gateway's inbound webhook: recorded once per message id, answered in plain words.</summary>
[Collection(SmsJsonCollection.Name)]
public sealed class SmsInboundTests(SmsJsonGatewayFactory gateway)
{
    private const string Inbound = "/api/v1/sms/inbound";

    [Fact]
    public async Task A_registered_phone_reports_counts_as_physical_counts_once_per_message_id_with_the_same_reply()
    {
        const string facility = "sms-in-camp-a", phone = "+254722000001";
        using var admin = await gateway.ClientFor("admin");
        (await admin.PutAsJsonAsync($"/api/v1/facilities/{facility}", new { name = "Camp A", level = "phc", district = "sms-in-d", region = "r" }))
            .EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/sms/reporters/{phone}", new { facility, name = "Amina" })).StatusCode);

        // Twilio's form field names, the number as the gateway writes it.
        using var client = Gateway();
        var first = await client.PostAsync(Inbound, Form(("From", "tel:+254 722 000 001"), ("Body", "soh FLX20 120, HAL5 40"), ("MessageSid", "SM-1")));
        var reply = await Reply(first);
        Assert.Equal("saved", reply.GetProperty("outcome").GetString());
        Assert.Equal("Camp A: counts saved - Fluoxetine 20 mg 120, Haloperidol 5 mg 40", reply.GetProperty("reply").GetString());
        Assert.Equal(phone, reply.GetProperty("to").GetString());

        // The same message again, as JSON this time: one set of events, the same reply.
        var again = await client.PostAsJsonAsync(Inbound, new { from = phone, text = "soh FLX20 120, HAL5 40", id = "SM-1" });
        Assert.Equal(reply.GetProperty("reply").GetString(), (await Reply(again)).GetProperty("reply").GetString());

        var events = await Events(facility);
        Assert.Equal([("fluoxetine-cap-20mg", "physical_count", 120), ("haloperidol-tab-5mg", "physical_count", 40)], events);
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]);
        var stock = await pharmacist.GetFromJsonAsync<JsonElement>($"/api/v1/facilities/{facility}/stock");
        var soh = stock.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("medicine").GetString()!, i => i.GetProperty("soh").GetInt32());
        Assert.Equal(120, soh["fluoxetine-cap-20mg"]);
        Assert.Equal(40, soh["haloperidol-tab-5mg"]);

        // A dated count with a new message id is another count, dated that day.
        var dated = await client.PostAsJsonAsync(Inbound, new { from = phone, text = "SOH 01/11 FLX20 7", id = "SM-2" });
        Assert.Equal("saved", (await Reply(dated)).GetProperty("outcome").GetString());
        Assert.Equal(3, (await Events(facility)).Count);
    }

    [Fact]
    public async Task An_unknown_code_or_bad_syntax_is_answered_in_plain_words_and_records_nothing()
    {
        const string facility = "sms-in-camp-b", phone = "+254722000002";
        await gateway.RegisterFacility(facility, "sms-in-d");
        using var admin = await gateway.ClientFor("admin");
        (await admin.PutAsJsonAsync($"/api/v1/sms/reporters/{phone}", new { facility, name = "Omar" })).EnsureSuccessStatusCode();
        using var client = Gateway();

        var unknown = await Reply(await client.PostAsJsonAsync(Inbound, new { from = phone, text = "SOH FLX2 120 HAL5 40", id = "SM-B1" }));
        Assert.Equal("error", unknown.GetProperty("outcome").GetString());
        var text = unknown.GetProperty("reply").GetString()!;
        Assert.StartsWith("Unknown code FLX2. Codes: ", text);
        Assert.Contains("FLX20", text);
        Assert.InRange(text.Length, 30, 160);

        var noCount = await Reply(await client.PostAsJsonAsync(Inbound, new { from = phone, text = "SOH FLX20", id = "SM-B2" }));
        Assert.StartsWith("No count after FLX20.", noCount.GetProperty("reply").GetString());
        Assert.Empty(await Events(facility));
    }

    [Fact]
    public async Task A_phone_not_registered_gets_a_plain_reply_and_nothing_is_recorded()
    {
        using var client = Gateway();
        var reply = await Reply(await client.PostAsJsonAsync(Inbound, new { from = "+254733999999", text = "SOH FLX20 10", id = "SM-C1" }));
        Assert.Equal("unknown_sender", reply.GetProperty("outcome").GetString());
        Assert.Equal("This phone is not registered to report stock. Ask your district manager to register it.", reply.GetProperty("reply").GetString());
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM mh.stock_event WHERE recorded_by = 'sms:+254733999999'"));
    }

    [Fact]
    public async Task A_French_reporter_is_answered_in_French_confirmation_errors_and_the_stock_card_refusal()
    {
        const string facility = "sms-in-camp-fr", phone = "+254722000004";
        await gateway.RegisterFacility(facility, "sms-in-d");
        using var admin = await gateway.ClientFor("admin");
        var registered = await admin.PutAsJsonAsync($"/api/v1/sms/reporters/{phone}", new { facility, name = "Aïcha", language = "fr" });
        Assert.Equal("fr", (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("language").GetString());
        using var client = Gateway();

        var saved = await Reply(await client.PostAsJsonAsync(Inbound, new { from = phone, text = "SOH FLX20 120", id = "SM-FR1" }));
        Assert.Equal("saved", saved.GetProperty("outcome").GetString());
        Assert.Equal($"{facility} : comptages enregistrés - Fluoxetine 20 mg 120", saved.GetProperty("reply").GetString());

        var noCount = await Reply(await client.PostAsJsonAsync(Inbound, new { from = phone, text = "SOH FLX20", id = "SM-FR2" }));
        Assert.Equal("Pas de nombre après FLX20. Envoyez SOH CODE NOMBRE, ex. SOH FLX20 120", noCount.GetProperty("reply").GetString());

        // The stock card's refusal (a count dated days ago that would leave too little for a later issue) is worded in
        // French too, the stock message's event types and days in French words.
        var now = gateway.Clock.GetUtcNow();
        using (var pharmacist = await gateway.ClientFor("pharmacist", facilities: [facility]))
        {
            (await pharmacist.PostAsJsonAsync($"/api/v1/facilities/{facility}/stock-events", new
            {
                events = new[]
                {
                    ApiSteps.StockEvent("haloperidol-tab-5mg", "receipt", 200, now.AddDays(-8)),
                    ApiSteps.StockEvent("haloperidol-tab-5mg", "issue", 150, now.AddDays(-1)),
                },
            })).EnsureSuccessStatusCode();
        }
        var countDay = DateOnly.FromDateTime(now.AddDays(-4).UtcDateTime);
        var early = await Reply(await client.PostAsJsonAsync(Inbound,
            new { from = phone, text = $"SOH {countDay:dd/MM/yyyy} HAL5 5", id = "SM-FR3" }));
        Assert.Equal("error", early.GetProperty("outcome").GetString());
        var text = early.GetProperty("reply").GetString()!;
        Assert.StartsWith($"{facility} : non enregistré HAL5 : Cette inventaire de 5 le {countDay.Day} ", text);
        Assert.DoesNotContain(countDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), text);
        Assert.DoesNotContain("physical_count", text);
        Assert.InRange(text.Length, 40, 160);

        // Replies stay in the reporter's language on a resend; other languages are refused naming the field.
        var again = await Reply(await client.PostAsJsonAsync(Inbound, new { from = phone, text = "SOH FLX20 120", id = "SM-FR1" }));
        Assert.Equal(saved.GetProperty("reply").GetString(), again.GetProperty("reply").GetString());
        var german = await admin.PutAsJsonAsync($"/api/v1/sms/reporters/{phone}", new { facility, name = "Aïcha", language = "de" });
        Assert.Equal(HttpStatusCode.BadRequest, german.StatusCode);
        var problem = await german.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("reference.reporter_language", problem.GetProperty("codes").GetProperty("language")[0].GetProperty("code").GetString());
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/sms/reporters");
        Assert.Contains(listed.EnumerateArray(), r => r.GetProperty("phone").GetString() == phone && r.GetProperty("language").GetString() == "fr");
    }

    [Fact]
    public async Task Without_the_token_or_with_another_the_webhook_answers_401_and_changes_nothing()
    {
        using var anonymous = gateway.CreateClient();
        var none = await anonymous.PostAsJsonAsync(Inbound, new { from = "+254733000001", text = "SOH FLX20 10", id = "SM-D1" });
        var wrongHeader = new HttpRequestMessage(HttpMethod.Post, Inbound) { Content = JsonContent.Create(new { from = "+254733000001", text = "SOH FLX20 10", id = "SM-D1" }) };
        wrongHeader.Headers.Add("X-Sms-Token", "guessed");
        var wrong = await anonymous.SendAsync(wrongHeader);
        var wrongQuery = await anonymous.PostAsJsonAsync(Inbound + "?token=guessed", new { from = "+254733000001", text = "SOH FLX20 10", id = "SM-D1" });
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongQuery.StatusCode);
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM mh.sms_inbound WHERE message_id = 'SM-D1'"));

        // The token in the query works too (gateways that cannot set headers), and a bad body names the field.
        var missing = await anonymous.PostAsJsonAsync($"{Inbound}?token={SmsJsonGatewayFactory.InboundToken}", new { from = "0712", text = "SOH" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var errors = (await missing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("from", out _));
        Assert.True(errors.TryGetProperty("id", out _));
    }

    [Fact]
    public async Task Reporter_phones_are_managed_by_admins_with_the_field_named_on_bad_input()
    {
        using var admin = await gateway.ClientFor("admin");
        using var head = await gateway.ClientFor("facility_head", facilities: ["x"]);
        await gateway.RegisterFacility("sms-rep-phc", "sms-rep-d");
        var badPhone = await admin.PutAsJsonAsync("/api/v1/sms/reporters/0712345678", new { facility = "sms-rep-phc", name = "A" });
        var badFacility = await admin.PutAsJsonAsync("/api/v1/sms/reporters/+254744000001", new { facility = "nowhere", name = "A" });
        Assert.True((await badPhone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("phone", out _));
        Assert.True((await badFacility.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("facility", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await head.PutAsJsonAsync("/api/v1/sms/reporters/+254744000001", new { facility = "sms-rep-phc", name = "A" })).StatusCode);

        (await admin.PutAsJsonAsync("/api/v1/sms/reporters/+254744000001", new { facility = "sms-rep-phc", name = "Amina" })).EnsureSuccessStatusCode();
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/sms/reporters");
        Assert.Contains(listed.EnumerateArray(), r => r.GetProperty("phone").GetString() == "+254744000001");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/v1/sms/reporters/+254744000001")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/v1/sms/reporters/+254744000001")).StatusCode);
        var codes = await admin.GetFromJsonAsync<JsonElement>("/api/v1/sms/codes");
        Assert.Contains(codes.EnumerateArray(), c => c.GetProperty("code").GetString() == "FLX20" && c.GetProperty("medicine").GetString() == "fluoxetine-cap-20mg");
    }

    private HttpClient Gateway()
    {
        var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Add("X-Sms-Token", SmsJsonGatewayFactory.InboundToken);
        return client;
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)));

    private static async Task<JsonElement> Reply(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<List<(string, string, int)>> Events(string facility)
    {
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<(string, string, int)>(
            "SELECT medicine, type, quantity FROM mh.stock_event WHERE facility = @facility ORDER BY occurred_at, medicine", new { facility })).ToList();
    }
}
