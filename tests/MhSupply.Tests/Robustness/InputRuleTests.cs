using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MhSupply.Gateway.Errors;
using MhSupply.Tests.Infrastructure;
using MhSupply.Tests.Referrals;
using static MhSupply.Tests.Stock.StockApiHelpers;

namespace MhSupply.Tests.Robustness;

/// <summary>
/// One test per input rule of issue 11 (ranges, text, content types, offsets): each would fail if its rule broke. The
/// generated corpus (MalformedRequestTests) shows no input gets a 5xx; these pin the answers themselves.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class InputRuleTests(GatewayFactory gateway)
{
    [Theory]
    [InlineData("/api/v1/alerts?page=0", "page")]
    [InlineData("/api/v1/stock?page=-1", "page")]
    [InlineData("/api/v1/referrals?page=2147483648", "page")]
    [InlineData("/api/v1/medicines?page=two", "page")]
    [InlineData("/api/v1/alerts?pageSize=501", "pageSize")]
    [InlineData("/api/v1/facilities?pageSize=0", "pageSize")]
    [InlineData("/api/v1/services?pageSize=abc", "pageSize")]
    public async Task Paging_out_of_range_is_a_400_naming_the_field_not_a_silent_clamp(string url, string field)
    {
        using var admin = await gateway.ClientFor("admin");

        var response = await admin.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ErrorFields());
    }

    [Fact]
    public async Task PageSize_501_says_the_range_in_plain_words()
    {
        using var admin = await gateway.ClientFor("admin");

        var problem = await (await admin.GetAsync("/api/v1/stock?pageSize=501")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("A page holds 1 to 500 items, not \"501\".", problem.GetProperty("errors").GetProperty("pageSize")[0].GetString());
    }

    [Theory]
    [InlineData("/api/v1/alerts")]
    [InlineData("/api/v1/stock")]
    [InlineData("/api/v1/referrals")]
    [InlineData("/api/v1/medicines")]
    public async Task The_last_page_an_int_can_name_is_an_empty_page_not_an_overflow(string list)
    {
        using var admin = await gateway.ClientFor("admin");

        var page = await admin.GetFromJsonAsync<JsonElement>($"{list}?page={int.MaxValue}&pageSize=500");

        Assert.Empty(page.GetProperty("items").EnumerateArray());
        Assert.Equal(int.MaxValue, page.GetProperty("page").GetInt32());
    }

    [Fact]
    public void The_offset_of_the_last_page_is_computed_without_overflow() =>
        Assert.Equal((long)(int.MaxValue - 1) * 500, new Paging(int.MaxValue.ToString(), "500").Offset);

    [Theory]
    [InlineData("?to=9999-12-31", "to")]
    [InlineData("?from=1999-12-31", "from")]
    [InlineData("?to=2101-01-01T00:00:00Z", "to")]
    public async Task A_stock_card_filter_outside_2000_to_2100_is_a_400_naming_it(string query, string field)
    {
        var (facility, pharmacist) = await Pharmacy("rule-card-" + field);

        var response = await pharmacist.GetAsync($"/api/v1/facilities/{facility}/stock/{Fluoxetine}/card{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ErrorFields());
    }

    [Fact]
    public async Task AsOf_before_2000_is_a_400_naming_asOf()
    {
        var (facility, pharmacist) = await Pharmacy("rule-asof");

        var response = await pharmacist.GetAsync($"/api/v1/facilities/{facility}/stock?asOf=1999-12-31");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["asOf"], await response.ErrorFields());
    }

    [Theory]
    [InlineData("{\"name\":\"Camp\\u0000A\",\"level\":\"phc\",\"district\":\"d\",\"region\":\"r\"}", "name")]
    [InlineData("{\"name\":\"Camp \\ud800\",\"level\":\"phc\",\"district\":\"d\",\"region\":\"r\"}", "name")]
    [InlineData("{\"name\":\"Camp\",\"level\":\"phc\",\"district\":\"d\",\"region\":\"r\",\"services\":[\"a\\u0000\"]}", "services[0]")]
    public async Task Bad_text_in_a_bound_body_is_a_400_naming_the_field_and_stores_nothing(string json, string field)
    {
        using var admin = await gateway.ClientFor("admin");

        var response = await admin.PutAsync("/api/v1/facilities/rule-nul", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ErrorFields());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/facilities/rule-nul")).StatusCode);
    }

    [Fact]
    public async Task A_nul_in_a_name_says_so_in_words()
    {
        using var admin = await gateway.ClientFor("admin");

        var response = await admin.PutAsync("/api/v1/facilities/rule-nul-words",
            new StringContent("{\"name\":\"A\\u0000\",\"level\":\"phc\",\"district\":\"d\",\"region\":\"r\"}", Encoding.UTF8, "application/json"));

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("name must not contain the NUL character (U+0000)", problem.GetProperty("errors").GetProperty("name")[0].GetString());
    }

    [Theory]
    [InlineData("/api/v1/facilities?district=d%00", "district")]
    [InlineData("/api/v1/stock?medicine=%00&district=x", "medicine")]
    [InlineData("/api/v1/facilities/rule-q/stock?asOf=2026-01-01%00", "asOf")]
    public async Task A_nul_in_a_query_value_is_a_400_naming_it(string url, string field)
    {
        using var admin = await gateway.ClientFor("admin");

        var response = await admin.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ErrorFields());
    }

    [Fact]
    public async Task A_stock_csv_that_is_not_utf8_is_a_400_and_records_nothing()
    {
        var (facility, pharmacist) = await Pharmacy("rule-csv-bytes");
        var csv = Encoding.UTF8.GetBytes($"id,medicine,type,quantity,occurredAt,note\n{Guid.NewGuid()},{Fluoxetine},receipt,5,{gateway.Today()},caf")
            .Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray(); // "café" in Latin-1

        var response = await pharmacist.PostAsync($"/api/v1/facilities/{facility}/stock-events/csv", Bytes(csv, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["body"], await response.ErrorFields());
        Assert.Equal(0, await gateway.LedgerRows(facility));
    }

    [Fact]
    public async Task A_medicines_csv_that_is_not_utf8_is_a_400()
    {
        using var admin = await gateway.ClientFor("admin");
        var csv = Encoding.UTF8.GetBytes("code,name,form,strength,unit,category\nrule-x,Clozapin").Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray();

        var response = await admin.PostAsync("/api/v1/medicines/import", Bytes(csv, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["body"], await response.ErrorFields());
    }

    [Fact]
    public async Task A_nul_in_a_stock_csv_cell_rejects_that_row_naming_the_field()
    {
        var (facility, pharmacist) = await Pharmacy("rule-csv-nul");
        var csv = $"id,medicine,type,quantity,occurredAt,lot\n{Guid.NewGuid()},{Fluoxetine},receipt,5,{gateway.Today()},L\u00001\n";

        var results = await (await pharmacist.PostCsv(facility, csv)).Results();

        Assert.Equal("rejected", results.Single().Outcome());
        Assert.Equal("lot", results.Single().ErrorField());
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE }, "note")]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, "note")] // a surrogate encoded as UTF-8 is not UTF-8
    public async Task Bytes_that_are_not_utf8_in_a_stock_event_reject_that_event_naming_the_field(byte[] bad, string field)
    {
        var (facility, pharmacist) = await Pharmacy("rule-json-bytes-" + bad.Length);
        var head = Encoding.UTF8.GetBytes(
            $"{{\"events\":[{{\"id\":\"{Guid.NewGuid()}\",\"medicine\":\"{Fluoxetine}\",\"type\":\"receipt\",\"quantity\":5,\"occurredAt\":\"{gateway.Today()}\",\"note\":\"x");
        var body = head.Concat(bad).Concat(Encoding.UTF8.GetBytes("\"}]}")).ToArray();

        var results = await (await pharmacist.PostAsync($"/api/v1/facilities/{facility}/stock-events", Bytes(body, "application/json"))).Results();

        Assert.Equal("rejected", results.Single().Outcome());
        Assert.Equal(field, results.Single().ErrorField());
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_stock_event_rejects_that_event_naming_the_field()
    {
        var (facility, pharmacist) = await Pharmacy("rule-json-lone");
        var json = $"{{\"events\":[{{\"id\":\"{Guid.NewGuid()}\",\"medicine\":\"{Fluoxetine}\",\"type\":\"receipt\",\"quantity\":5,"
            + $"\"occurredAt\":\"{gateway.Today()}\",\"lot\":\"L\\udc00\"}}]}}";

        var results = await (await pharmacist.PostAsync($"/api/v1/facilities/{facility}/stock-events",
            new StringContent(json, Encoding.UTF8, "application/json"))).Results();

        Assert.Equal("lot", results.Single().ErrorField());
    }

    [Fact]
    public async Task A_quantity_in_quotes_is_rejected_naming_quantity()
    {
        var (facility, pharmacist) = await Pharmacy("rule-quoted");

        var results = await (await pharmacist.PostEvents(facility,
            new { id = Guid.NewGuid(), medicine = Fluoxetine, type = "receipt", quantity = "5", occurredAt = gateway.HoursAgo(1) })).Results();

        Assert.Equal("rejected", results.Single().Outcome());
        Assert.Equal("quantity", results.Single().ErrorField());
        Assert.Equal(0, await gateway.LedgerRows(facility));
    }

    [Fact]
    public async Task An_expiry_beyond_twenty_years_is_rejected_with_the_range()
    {
        var (facility, pharmacist) = await Pharmacy("rule-expiry");
        var latest = gateway.Clock.GetUtcNow().Year + 20;

        var results = await (await pharmacist.PostEvents(facility, new
        {
            id = Guid.NewGuid(), medicine = Fluoxetine, type = "receipt", quantity = 5, occurredAt = gateway.HoursAgo(1), lot = "L1",
            expiry = $"{latest + 1}-01-01",
        })).Results();

        Assert.Equal("expiry", results.Single().ErrorField());
        Assert.Equal($"The expiry 1 Jan {latest + 1} is outside 1 Jan 2000 to 31 Dec {latest}. Check the year.",
            results.Single().GetProperty("error").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/csv")]
    [InlineData(null)]
    public async Task Stock_events_in_another_content_type_than_json_are_a_415_problem(string? contentType)
    {
        var (facility, pharmacist) = await Pharmacy("rule-415-" + (contentType ?? "none").Replace('/', '-'));
        var body = Encoding.UTF8.GetBytes($"{{\"events\":[{{\"id\":\"{Guid.NewGuid()}\",\"medicine\":\"{Fluoxetine}\",\"type\":\"receipt\","
            + $"\"quantity\":5,\"occurredAt\":\"{gateway.Today()}\"}}]}}");

        var response = await pharmacist.PostAsync($"/api/v1/facilities/{facility}/stock-events", Bytes(body, contentType));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await gateway.LedgerRows(facility));
    }

    [Theory]
    [InlineData("2026-03-01T09:30:00")]
    [InlineData("2026-03-01")]
    public async Task A_referral_at_without_an_offset_is_a_400_naming_at(string at)
    {
        var kit = await new ReferralTestKit(gateway, "rule-at-" + at.Length).RegisterAsync();
        using var phc = await kit.ReferringClinician();

        var response = await phc.PostAsync("/api/v1/referrals", Json(new
        {
            id = Guid.NewGuid(), patient = new { code = "PX-AT-1", sex = "female", birthYear = 1990 }, fromFacility = kit.Phc,
            toFacility = kit.Specialist, reason = "psychosis", urgency = "routine", consent = true, at,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["at"], await response.ErrorFields());
    }

    [Theory]
    [InlineData("2026-03-01T09:30:00", "appointmentAt")]
    [InlineData("9999-12-31T10:00:00Z", "appointmentAt")]
    [InlineData("1999-12-31T10:00:00Z", "appointmentAt")]
    public async Task Booking_an_appointment_without_an_offset_or_outside_its_range_is_a_400_naming_it(string appointmentAt, string field)
    {
        var kit = await new ReferralTestKit(gateway, "rule-book-" + appointmentAt[..4]).RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var (id, created) = await kit.Refer(phc);
        await ReferralTestKit.Json(created);
        await ReferralTestKit.Json(await ReferralTestKit.Act(psychiatrist, id, "accept"));

        var response = await psychiatrist.PostAsync($"/api/v1/referrals/{id}/book", Json(new { appointmentAt }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ErrorFields());
        var referral = await ReferralTestKit.Json(await psychiatrist.GetAsync($"/api/v1/referrals/{id}"));
        Assert.Equal("accepted", referral.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_referral_step_before_2000_is_a_400_naming_at()
    {
        var kit = await new ReferralTestKit(gateway, "rule-at-old").RegisterAsync();
        using var phc = await kit.ReferringClinician();

        var (_, response) = await kit.Refer(phc, at: new DateTimeOffset(1999, 12, 31, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["at"], await response.ErrorFields());
    }

    [Fact]
    public async Task A_medicines_import_of_null_items_is_a_400_naming_the_item()
    {
        using var admin = await gateway.ClientFor("admin");

        var response = await admin.PostAsync("/api/v1/medicines/import", new StringContent("[null]", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["medicines[0]"], await response.ErrorFields());
    }

    [Fact]
    public async Task A_nul_in_an_imported_medicine_name_is_a_400_naming_it()
    {
        using var admin = await gateway.ClientFor("admin");
        var json = "[{\"code\":\"rule-nul-med\",\"name\":\"Bad\\u0000\",\"form\":\"tablet\",\"strength\":\"1 mg\",\"unit\":\"tablet\",\"category\":\"other\"}]";

        var response = await admin.PostAsync("/api/v1/medicines/import", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["medicines[0].name"], await response.ErrorFields());
    }

    [Fact]
    public async Task The_api_document_keeps_the_types_the_converters_stand_in_for_and_states_the_paging_bounds()
    {
        using var client = gateway.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var parameters = document.GetProperty("paths").GetProperty("/api/v1/alerts").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("schema"));

        Assert.Equal("string", schemas.GetProperty("FacilityDto").GetProperty("properties").GetProperty("name").GetProperty("type").GetString());
        Assert.Equal("string", schemas.GetProperty("FacilityBody").GetProperty("properties").GetProperty("services").GetProperty("items")
            .GetProperty("type").GetString());
        Assert.Equal("date-time", schemas.GetProperty("ActionBody").GetProperty("properties").GetProperty("appointmentAt").GetProperty("format").GetString());
        Assert.Equal("integer", parameters["pageSize"].GetProperty("type").GetString());
        Assert.Equal("500", parameters["pageSize"].GetProperty("maximum").ToString());
        Assert.Equal("1", parameters["page"].GetProperty("minimum").ToString());
    }

    private async Task<(string Facility, HttpClient Pharmacist)> Pharmacy(string facility)
    {
        await gateway.RegisterFacility(facility, "rule-d");
        return (facility, await gateway.ClientFor("pharmacist", facilities: [facility]));
    }

    private static ByteArrayContent Bytes(byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }
        return content;
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");
}
