using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Indicators;

/// <summary>
/// The referral indicators through <c>GET /api/v1/indicators</c>, on a small network driven through the real API and
/// worked by hand. Two months M1 and M2 (UTC, the tests' Stock:TimeZone). District A has a PHC and the specialist
/// service; district B a PHC that refers into A. Both districts make one region.
/// <list type="bullet">
/// <item>R2 (A, emergency, male, 10 years): requested M1 day 4 09:00, seen the same day 12:00; no back-referral.</item>
/// <item>R3 (A, routine, female, 70 years): requested M1 day 6, never seen; another that day entered in error.</item>
/// <item>R4 (B, routine, other, 40 years): requested M1 day 7 09:00, seen M2 day 1 08:00, back-referred prescribing
/// biperiden, which PHC B has none of.</item>
/// <item>R1 (A, urgent, female, 30 years): requested M1 day 25 09:00, booked for and seen M2 day 1 09:00, back-referred
/// prescribing haloperidol (in stock), biperiden and fluoxetine (none); four follow-ups every 3 days: the first attended
/// a day late (within the 3-day grace), the second 4 days late, the third missed and never traced (tracing fails 14 days
/// after it was recorded missed), the fourth on the day. Fluoxetine arrives at PHC A the day before the fourth visit, so the
/// first three visits lack biperiden and fluoxetine and the fourth biperiden only: each visit is an interruption.</item>
/// </list>
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class ReferralIndicatorsApiTests(GatewayFactory gateway)
{
    private const string DistrictA = "ind-ref-a";
    private const string DistrictB = "ind-ref-b";
    private const string Region = "ind-ref-r";
    private const string PhcA = "ind-ref-phc-a";
    private const string PhcB = "ind-ref-phc-b";
    private const string Specialist = "ind-ref-smh";
    private const string Haloperidol = "haloperidol-tab-5mg";
    private const string Biperiden = "biperiden-tab-2mg";
    private const string Fluoxetine = "fluoxetine-cap-20mg";

    [Fact]
    public async Task Referral_and_follow_up_indicators_count_each_referral_by_its_requesting_facility_in_the_period_each_step_happened()
    {
        // M1 starts after every step other tests took on the shared clock: the two months hold only this network's referrals.
        var m1 = FirstOf(gateway.Clock.GetUtcNow()).AddMonths(2);
        var m2 = m1.AddMonths(1);
        DateTimeOffset D(DateOnly month, int day, int hour) => At(month).AddDays(day - 1).AddHours(hour);

        using var admin = await gateway.ClientFor("admin");
        foreach (var (id, level, district, services) in new[]
        {
            (PhcA, "phc", DistrictA, Array.Empty<string>()),
            (Specialist, "specialist", DistrictA, new[] { "psychiatric_consultation" }),
            (PhcB, "phc", DistrictB, Array.Empty<string>()),
        })
        {
            (await admin.PutAsJsonAsync($"/api/v1/facilities/{id}", new { name = id, level, district, region = Region, services })).EnsureSuccessStatusCode();
        }
        using var clinicianA = await gateway.ClientFor("clinician", facilities: [PhcA], sub: "ind-ref.clinician-a");
        using var clinicianB = await gateway.ClientFor("clinician", facilities: [PhcB], sub: "ind-ref.clinician-b");
        using var psychiatrist = await gateway.ClientFor("clinician", facilities: [Specialist], sub: "ind-ref.psychiatrist");
        using var pharmacist = await gateway.ClientFor("pharmacist", facilities: [PhcA], sub: "ind-ref.pharmacist");

        Now(D(m1, 1, 8));
        await pharmacist.PostAccepted(PhcA, ApiSteps.StockEvent(Haloperidol, "receipt", 500, D(m1, 1, 8)));

        Now(D(m1, 4, 9));
        var r2 = await Refer(clinicianA, PhcA, "emergency", "male", m1.Year - 10, "epilepsy");
        Now(D(m1, 4, 10));
        await Step(psychiatrist, r2, "accept");
        Now(D(m1, 4, 12));
        await Step(psychiatrist, r2, "start");
        Now(D(m1, 6, 9));
        await Refer(clinicianA, PhcA, "routine", "female", m1.Year - 70, "depression");
        Now(D(m1, 6, 10));
        var wrong = await Refer(clinicianA, PhcA, "routine", "male", m1.Year - 20, "depression");
        await Step(clinicianA, wrong, "entered-in-error", new { reason = "wrong patient" }); // never a referral: counted nowhere
        Now(D(m1, 7, 9));
        var r4 = await Refer(clinicianB, PhcB, "routine", "other", m1.Year - 40, "psychosis");
        Now(D(m1, 7, 10));
        await Step(psychiatrist, r4, "accept");
        Now(D(m1, 25, 9));
        var r1 = await Refer(clinicianA, PhcA, "urgent", "female", m1.Year - 30, "psychosis");
        Now(D(m1, 25, 10));
        await Step(psychiatrist, r1, "accept");
        await Step(psychiatrist, r1, "book", new { appointmentAt = D(m2, 1, 9) });

        Now(D(m2, 1, 8));
        await Step(psychiatrist, r4, "start");
        Now(D(m2, 1, 9));
        await Step(psychiatrist, r1, "attend");
        Now(D(m2, 1, 10));
        await Step(psychiatrist, r1, "back-refer", new
        {
            diagnosis = "psychosis", plan = "Haloperidol with biperiden; fluoxetine for the low mood.", followUpEveryDays = 3, courseDays = 12,
            medicines = new[]
            {
                new { medicine = Haloperidol, dose = "5 mg", durationDays = 12 },
                new { medicine = Biperiden, dose = "2 mg", durationDays = 12 },
                new { medicine = Fluoxetine, dose = "20 mg", durationDays = 12 },
            },
        });
        Now(D(m2, 1, 11));
        var view = await Json(await clinicianA.PostAsJsonAsync($"/api/v1/referrals/{r1}/back-referral/acknowledge", new { at = D(m2, 1, 11) }));
        var visits = view.GetProperty("followUps").EnumerateArray().Select(f => (Id: f.GetProperty("id").GetString()!, Due: f.GetProperty("dueAt").GetDateTimeOffset())).ToList();
        Assert.Equal([D(m2, 4, 11), D(m2, 7, 11), D(m2, 10, 11), D(m2, 13, 11)], visits.Select(v => v.Due));
        Now(D(m2, 1, 12));
        await Step(psychiatrist, r4, "back-refer", new
        {
            diagnosis = "psychosis", plan = "Biperiden for the stiffness.", followUpEveryDays = 30,
            medicines = new[] { new { medicine = Biperiden, dose = "2 mg", durationDays = 30 } },
        });

        Now(D(m2, 5, 11));
        await Visit(clinicianA, visits[0].Id, "attend");                  // a day after due: within grace
        Now(D(m2, 11, 11));
        await Visit(clinicianA, visits[1].Id, "attend");                  // 4 days after due: after the 3-day grace
        Now(D(m2, 12, 9));
        await pharmacist.PostAccepted(PhcA, ApiSteps.StockEvent(Fluoxetine, "receipt", 500, D(m2, 12, 9)));
        Now(D(m2, 13, 11));
        await Visit(clinicianA, visits[3].Id, "attend");                  // on the day
        Now(D(m2, 13, 12));
        await Visit(clinicianA, visits[2].Id, "missed", new { reason = "not at home" }); // tracing fails at day 27 12:00

        using var manager = await gateway.ClientFor("district_manager", districts: [DistrictA, DistrictB], sub: "ind-ref.manager");
        Now(D(m2, 21, 0));
        var beforeFailure = await Indicators(manager, Month(m2), "district", DistrictA);
        Assert.Equal((0m, 0m, 1m), Figures(beforeFailure, "loss_to_follow_up"));
        Now(D(m2, 28, 0));

        // District A, M1: three requested; R2 and R1 were seen (R1 only in M2), R3 never.
        var a1 = await Indicators(manager, Month(m1), "district", DistrictA);
        Assert.Equal(3m, Value(a1, "referrals_made"));
        Assert.Equal(
            [("category", "bipolar_disorder", 0m), ("category", "child_adolescent", 0m), ("category", "dementia", 0m), ("category", "depression", 1m),
             ("category", "epilepsy", 1m), ("category", "other", 0m), ("category", "psychosis", 1m), ("category", "self_harm", 0m),
             ("category", "substance_use", 0m)],
            Members(a1, "referrals_made", "category"));
        Assert.Equal([("sex", "female", 2m), ("sex", "male", 1m)], Members(a1, "referrals_made", "sex"));
        Assert.Equal([("age_band", "0-4", 0m), ("age_band", "18-59", 1m), ("age_band", "5-17", 1m), ("age_band", "60+", 1m)],
            Members(a1, "referrals_made", "age_band"));
        Assert.Equal([("urgency", "emergency", 1m), ("urgency", "routine", 1m), ("urgency", "urgent", 1m)], Members(a1, "referrals_made", "urgency"));
        Assert.Equal((0.6667m, 2m, 3m), Figures(a1, "referral_completion"));
        Assert.Equal((1m, 1m, 1m), Figures(a1, "referral_completion", "urgency", "emergency"));
        Assert.Equal((0m, 0m, 1m), Figures(a1, "referral_completion", "urgency", "routine"));
        Assert.Equal((1m, 1m, 1m), Figures(a1, "referral_completion", "urgency", "urgent"));
        Assert.Equal((0m, 0m, 1m), Figures(a1, "back_referral_rate"));              // R2 seen in M1, no back-referral
        Assert.Equal(0.125m, Value(a1, "median_days_to_first_appointment"));       // R2: 3 hours
        Assert.Equal(0.125m, Value(a1, "median_days_to_first_appointment", "urgency", "emergency"));
        Assert.Null(Value(a1, "median_days_to_first_appointment", "urgency", "urgent"));
        Assert.Null(Value(a1, "follow_up_adherence"));
        Assert.Equal(0m, Value(a1, "treatment_interruptions"));

        // District A, M2: nothing requested; R1 first seen, back-referred; its four visits; its PHC lacked two medicines.
        var a2 = await Indicators(manager, Month(m2), "district", DistrictA);
        var r1Days = (decimal)(D(m2, 1, 9) - D(m1, 25, 9)).TotalDays;
        Assert.Equal(0m, Value(a2, "referrals_made"));
        Assert.Null(Value(a2, "referral_completion"));
        Assert.Equal((1m, 1m, 1m), Figures(a2, "back_referral_rate"));
        Assert.Equal(r1Days, Value(a2, "median_days_to_first_appointment"));
        Assert.Equal(r1Days, Value(a2, "median_days_to_first_appointment", "urgency", "urgent"));
        Assert.Equal((0.5m, 2m, 4m), Figures(a2, "follow_up_adherence"));
        Assert.Equal((1m, 1m, 1m), Figures(a2, "loss_to_follow_up"));              // one person, four visits due
        // The back-referral and the three visits attended: four steps without a prescribed medicine (the missed visit is none).
        Assert.Equal(4m, Value(a2, "treatment_interruptions"));
        Assert.Equal([("medicine", Biperiden, 4m), ("medicine", Fluoxetine, 3m)], Members(a2, "treatment_interruptions", "medicine"));

        // District B: R4 is coordinated in A (its specialist's district) but counts where it was requested.
        var b1 = await Indicators(manager, Month(m1), "district", DistrictB);
        Assert.Equal(1m, Value(b1, "referrals_made"));
        Assert.Equal([("sex", "other", 1m)], Members(b1, "referrals_made", "sex"));
        Assert.Equal((1m, 1m, 1m), Figures(b1, "referral_completion"));              // seen in M2: "any time"

        // The region adds both districts: R1's four steps and R4's back-referral, biperiden missing at both PHCs.
        using var regional = await gateway.ClientFor("admin", sub: "ind-ref.admin");
        var reg1 = await Indicators(regional, Month(m1), "region", Region);
        Assert.Equal(4m, Value(reg1, "referrals_made"));
        Assert.Equal((0.75m, 3m, 4m), Figures(reg1, "referral_completion"));
        var reg2 = await Indicators(regional, Month(m2), "region", Region);
        var r4Days = (decimal)(D(m2, 1, 8) - D(m1, 7, 9)).TotalDays;
        Assert.Equal((1m, 2m, 2m), Figures(reg2, "back_referral_rate"));
        Assert.Equal(Math.Round((r1Days + r4Days) / 2, 4), Value(reg2, "median_days_to_first_appointment"));
        Assert.Equal(Math.Round(r4Days, 4), Value(reg2, "median_days_to_first_appointment", "urgency", "routine"));
        Assert.Equal(5m, Value(reg2, "treatment_interruptions"));
        Assert.Equal([("medicine", Biperiden, 5m), ("medicine", Fluoxetine, 3m)], Members(reg2, "treatment_interruptions", "medicine"));

        // National holds at least the region (other tests may refer in these months too), and never less.
        var national = await Indicators(regional, Month(m1), "national", null);
        Assert.True(Value(national, "referrals_made") >= 4m);
        var nationalByUrgency = Members(national, "referrals_made", "urgency").ToDictionary(m => m.Member, m => m.Value);
        Assert.True(nationalByUrgency["urgent"] >= 1m && nationalByUrgency["emergency"] >= 1m && nationalByUrgency["routine"] >= 2m);

        // Both months in one request: the trend.
        var trend = await manager.GetFromJsonAsync<JsonElement>(
            $"/api/v1/indicators/trend?indicator=referrals_made&level=district&id={DistrictA}&from={Month(m1)}&to={Month(m2)}");
        Assert.Equal([3m, 0m], trend.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").GetDecimal()));
    }

    private void Now(DateTimeOffset t) => gateway.Clock.SetUtcNow(t);

    private async Task<Guid> Refer(HttpClient client, string from, string urgency, string sex, int birthYear, string reason)
    {
        var id = Guid.NewGuid();
        await Json(await client.PostAsJsonAsync("/api/v1/referrals", new
        {
            id,
            patient = new { code = "IR-" + id.ToString()[..8], sex, birthYear },
            fromFacility = from,
            toFacility = Specialist,
            reason,
            urgency,
            consent = true,
            at = gateway.Clock.GetUtcNow(),
        }));
        return id;
    }

    private async Task Step(HttpClient client, Guid id, string action, object? body = null)
    {
        var json = JsonSerializer.SerializeToElement(body ?? new { });
        var withAt = json.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
        withAt["at"] = gateway.Clock.GetUtcNow();
        await Json(await client.PostAsJsonAsync($"/api/v1/referrals/{id}/{action}", withAt));
    }

    private async Task Visit(HttpClient client, string followUp, string action, object? body = null)
    {
        var json = JsonSerializer.SerializeToElement(body ?? new { });
        var withAt = json.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
        withAt["at"] = gateway.Clock.GetUtcNow();
        await Json(await client.PostAsJsonAsync($"/api/v1/follow-ups/{followUp}/{action}", withAt));
    }

    private static async Task<JsonElement> Indicators(HttpClient client, string period, string level, string? id) =>
        await Json(await client.GetAsync($"/api/v1/indicators?period={period}&level={level}" + (id is null ? "" : $"&id={id}")));

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    private static JsonElement Entry(JsonElement answer, string indicator, string? dimension = null, string? member = null) =>
        answer.GetProperty("values").EnumerateArray().Single(e => e.GetProperty("indicator").GetString() == indicator && (dimension is null
            ? !e.TryGetProperty("breakdown", out var none) || none.ValueKind == JsonValueKind.Null
            : e.TryGetProperty("breakdown", out var b) && b.ValueKind == JsonValueKind.Object && b.TryGetProperty(dimension, out var m) && m.GetString() == member));

    private static decimal? Value(JsonElement answer, string indicator, string? dimension = null, string? member = null) =>
        Entry(answer, indicator, dimension, member).TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;

    private static (decimal? Value, decimal Numerator, decimal Denominator) Figures(JsonElement answer, string indicator, string? dimension = null, string? member = null)
    {
        var e = Entry(answer, indicator, dimension, member);
        return (Value(answer, indicator, dimension, member), e.GetProperty("numerator").GetDecimal(), e.GetProperty("denominator").GetDecimal());
    }

    /// <summary>The members of one breakdown of an indicator, in the answer's order (by member).</summary>
    private static List<(string Dimension, string Member, decimal Value)> Members(JsonElement answer, string indicator, string dimension) =>
        [.. answer.GetProperty("values").EnumerateArray()
            .Where(e => e.GetProperty("indicator").GetString() == indicator && e.TryGetProperty("breakdown", out var b)
                && b.ValueKind == JsonValueKind.Object && b.TryGetProperty(dimension, out _))
            .Select(e => (dimension, e.GetProperty("breakdown").GetProperty(dimension).GetString()!, e.GetProperty("value").GetDecimal()))];

    private static string Month(DateOnly m) => $"{m.Year:D4}-{m.Month:D2}";

    private static DateOnly FirstOf(DateTimeOffset t) => new(t.UtcDateTime.Year, t.UtcDateTime.Month, 1);

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
