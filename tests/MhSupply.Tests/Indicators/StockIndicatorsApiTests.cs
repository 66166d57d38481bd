using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Indicators;

/// <summary>
/// The stock indicators through <c>GET /api/v1/indicators</c>, worked by hand over one district: facility A holds two
/// tracer cards (fluoxetine, stocked out from the 16th; haloperidol, stocked) and a non-tracer card with expired
/// losses, facility B one stocked tracer card, facility C never reported (no card, so in no stock denominator). Then a
/// late receipt for the stock-out rewrites the month it occurred in.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class StockIndicatorsApiTests(GatewayFactory gateway)
{
    private const string District = "ind-stk-d";
    private const string Tracer1 = "fluoxetine-cap-20mg";
    private const string Tracer2 = "haloperidol-tab-5mg";
    private const string Other = "risperidone-tab-2mg";

    [Fact]
    public async Task A_month_counts_cards_at_its_end_stockout_days_per_card_and_expired_units_and_a_late_receipt_rewrites_it()
    {
        var month = FirstOf(gateway.Clock.GetUtcNow()).AddMonths(1);
        var days = DateTime.DaysInMonth(month.Year, month.Month);
        gateway.Clock.SetUtcNow(At(month.AddMonths(1).AddDays(1)));   // the 2nd of M+1
        foreach (var id in new[] { "ind-stk-a", "ind-stk-b", "ind-stk-c" })
        {
            await Register(id, month.AddMonths(-2));
        }
        // A reason an admin added (OpenLMIS's "passed open-vial time limit") in the expiry category counts as expired;
        // a damaged bottle does not.
        using (var reasonAdmin = await gateway.ClientFor("admin"))
        {
            (await reasonAdmin.PutAsJsonAsync("/api/v1/adjustment-reasons/ind-open-vial",
                new { name = "Passed open-vial time limit", direction = "debit", category = "expiry" })).EnsureSuccessStatusCode();
        }
        using var a = await gateway.ClientFor("pharmacist", facilities: ["ind-stk-a"]);
        await a.PostAccepted("ind-stk-a",
            ApiSteps.StockEvent(Tracer1, "receipt", 100, Noon(month)),
            ApiSteps.StockEvent(Tracer1, "issue", 100, Noon(month.AddDays(15))),
            ApiSteps.StockEvent(Tracer2, "receipt", 50, Noon(month)),
            ApiSteps.StockEvent(Other, "receipt", 10, Noon(month)),
            new { id = Guid.NewGuid(), medicine = Other, type = "adjustment", quantity = 4, reason = "expired", occurredAt = Noon(month.AddDays(9)) },
            new { id = Guid.NewGuid(), medicine = Other, type = "adjustment", quantity = 2, reason = "ind-open-vial", occurredAt = Noon(month.AddDays(10)) },
            new { id = Guid.NewGuid(), medicine = Other, type = "adjustment", quantity = 1, reason = "damaged", occurredAt = Noon(month.AddDays(10)) });
        using var b = await gateway.ClientFor("pharmacist", facilities: ["ind-stk-b"]);
        await b.PostAccepted("ind-stk-b", ApiSteps.StockEvent(Tracer1, "receipt", 30, Noon(month)));

        using var manager = await gateway.ClientFor("district_manager", districts: [District]);
        var m = await Indicators(manager, month);
        // Facilities holding a tracer card: A and B; A has one at 0 on the last day.
        Assert.Equal((0.5m, 1m, 2m), Figures(m, "tracer_stockout_rate"));
        // Tracer cards: A's two and B's one; A's fluoxetine is empty.
        Assert.Equal((0.6667m, 2m, 3m), Figures(m, "tracer_availability"));
        Assert.Equal((0.5m, 1m, 2m), Figures(m, "tracer_availability", Tracer1));
        Assert.Equal((1m, 1m, 1m), Figures(m, "tracer_availability", Tracer2));
        Assert.DoesNotContain(Members(m, "tracer_availability"), member => member == Other);
        // Four cards; only A's fluoxetine closed days at 0: the 16th to the month's last day.
        var stockedOut = days - 15;
        Assert.Equal((Math.Round(stockedOut / 4m, 4), stockedOut, 4m), Figures(m, "stockout_days"));
        Assert.Equal((Math.Round(stockedOut / 2m, 4), stockedOut, 2m), Figures(m, "stockout_days", Tracer1));
        Assert.Equal((0m, 0m, 1m), Figures(m, "stockout_days", Other));
        // Stocked out counts as below the emergency order point; the other three have no consumption to judge by.
        Assert.Equal((0.25m, 1m, 4m), Figures(m, "below_eop_share"));
        Assert.Equal(6m, Count(m, "expired_losses"));
        Assert.Equal(6m, Count(m, "expired_losses", Other));

        // The month before had no card anywhere: nothing to measure, which is not 0%.
        var before = await Indicators(manager, month.AddMonths(-1));
        Assert.Equal(JsonValueKind.Null, Entry(before, "tracer_stockout_rate").GetProperty("value").ValueKind);
        Assert.Equal(0m, Count(before, "expired_losses"));

        // The month in progress, as of today (its 2nd): A's fluoxetine is still empty, two days so far.
        var now = await Indicators(manager, month.AddMonths(1));
        Assert.Equal((0.5m, 1m, 2m), Figures(now, "tracer_stockout_rate"));
        Assert.Equal((1m, 2m, 2m), Figures(now, "stockout_days", Tracer1));

        // A late receipt on the 20th of M (typed in today): the month-end card had 20, four days at 0 (16th to 19th).
        await a.PostAccepted("ind-stk-a", ApiSteps.StockEvent(Tracer1, "receipt", 20, Noon(month.AddDays(19))));
        var rewritten = await Indicators(manager, month);
        Assert.Equal((0m, 0m, 2m), Figures(rewritten, "tracer_stockout_rate"));
        Assert.Equal((2m, 4m, 2m), Figures(rewritten, "stockout_days", Tracer1));
        Assert.Equal((0m, 0m, 4m), Figures(rewritten, "below_eop_share"));

        // One facility: C never reported, so it holds no card to count.
        using var admin = await gateway.ClientFor("admin");
        var c = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?period={Month(month)}&level=facility&id=ind-stk-c");
        Assert.Equal(0m, Figures(c, "tracer_stockout_rate", allowNull: true).Denominator);
        var aOnly = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?period={Month(month)}&level=facility&id=ind-stk-a");
        Assert.Equal((1m, 2m, 2m), Figures(aOnly, "tracer_availability"));
        Assert.Equal((0m, 0m, 3m), Figures(aOnly, "below_eop_share"));
    }

    private async Task<JsonElement> Indicators(HttpClient client, DateOnly month) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/indicators?period={Month(month)}&level=district&id={District}");

    private static JsonElement Entry(JsonElement answer, string indicator, string? medicine = null) =>
        answer.GetProperty("values").EnumerateArray().Single(e => e.GetProperty("indicator").GetString() == indicator && MedicineOf(e) == medicine);

    private static string? MedicineOf(JsonElement e) =>
        e.TryGetProperty("breakdown", out var b) && b.ValueKind == JsonValueKind.Object ? b.GetProperty("medicine").GetString() : null;

    private static IEnumerable<string?> Members(JsonElement answer, string indicator) =>
        answer.GetProperty("values").EnumerateArray().Where(e => e.GetProperty("indicator").GetString() == indicator).Select(MedicineOf);

    private static (decimal Value, decimal Numerator, decimal Denominator) Figures(JsonElement answer, string indicator, string? medicine = null,
        bool allowNull = false)
    {
        var v = Entry(answer, indicator, medicine);
        var value = v.GetProperty("value");
        return (allowNull && value.ValueKind == JsonValueKind.Null ? 0m : value.GetDecimal(), v.GetProperty("numerator").GetDecimal(),
            v.GetProperty("denominator").GetDecimal());
    }

    private static decimal Count(JsonElement answer, string indicator, string? medicine = null) =>
        Entry(answer, indicator, medicine).GetProperty("value").GetDecimal();

    private async Task Register(string id, DateOnly openedOn)
    {
        using var admin = await gateway.ClientFor("admin");
        (await admin.PutAsJsonAsync($"/api/v1/facilities/{id}", new { name = id, level = "phc", district = District, region = "ind-stk-r", openedOn }))
            .EnsureSuccessStatusCode();
    }

    private static string Month(DateOnly m) => $"{m.Year:D4}-{m.Month:D2}";

    private static DateOnly FirstOf(DateTimeOffset t) => new(t.UtcDateTime.Year, t.UtcDateTime.Month, 1);

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static DateTimeOffset Noon(DateOnly day) => At(day).AddHours(12);
}
