using System.Text.Json;
using MhSupply.Alerts;
using MhSupply.Referrals;

namespace MhSupply.Tests.Notifications;

/// <summary>
/// The server words alerts with the web app's strings, embedded in the read side: every template an alert can carry is
/// there in every language, filled as the inbox fills it (names, local days with the language's month, waits in words),
/// right-to-left values isolated in Arabic, and an alert its template cannot fill falls back (null) to the English message.
/// </summary>
public sealed class AlertTextCatalogTests
{
    private static readonly AlertTextCatalog Catalog = AlertTextCatalog.Embedded;

    private static JsonElement Params(AlertText text) => JsonSerializer.SerializeToElement(text.Params);

    private static AlertText NotBooked() => AlertMessages.ReferralDeadlinePassed("CAMPA-0042", "urgent",
        new Named("phc-camp-a", "Camp A Health Centre"), new Named("smh-district", "District Hospital Mental Health Unit"),
        ReferralDeadlines.Next(ReferralStatus.Accepted, Urgency.Urgent, new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), null,
            ReferralDeadlineOptions.Default)!, TimeZoneInfo.Utc);

    [Fact]
    public void Every_template_an_alert_can_carry_is_embedded_in_every_language()
    {
        var missing = AlertLanguages.All.SelectMany(l => AlertMessages.Codes.All.Where(c => Catalog.Text(l, $"alertText.{c}") is null).Select(c => $"{l}:{c}"));
        Assert.Empty(missing);
        Assert.NotEqual(Catalog.Text("en", "alertText.referral_not_booked"), Catalog.Text("fr", "alertText.referral_not_booked"));
    }

    [Fact]
    public void The_english_rendering_of_a_referral_alert_says_what_its_english_message_says()
    {
        var text = NotBooked();

        Assert.Equal(text.Message, Catalog.Render("en", text.Code, Params(text)));
    }

    [Fact]
    public void A_referral_alert_in_french_names_the_facilities_words_the_urgency_and_wait_and_writes_the_day_in_french()
    {
        var text = NotBooked();

        Assert.Equal("Patient CAMPA-0042 (orientation urgente de Camp A Health Centre vers District Hospital Mental Health Unit) : acceptée, "
            + "mais aucun rendez-vous fixé dans un délai de 3 jours après l'acceptation ; échéance le 4 déc. 2026.", Catalog.Render("fr", text.Code, Params(text)));
    }

    [Fact]
    public void In_arabic_each_value_is_isolated_from_the_right_to_left_sentence()
    {
        var text = NotBooked();

        var arabic = Catalog.Render("ar", text.Code, Params(text))!;

        Assert.Contains("\u2068CAMPA-0042\u2069", arabic, StringComparison.Ordinal);
        Assert.Contains("\u20684 ديسمبر 2026\u2069", arabic, StringComparison.Ordinal);
        Assert.DoesNotContain("{", arabic, StringComparison.Ordinal);
    }

    [Fact]
    public void Figures_and_months_follow_the_language_with_western_digits()
    {
        var belowEop = AlertMessages.BelowEop(new Named("m", "Fluoxetine 20 mg capsule"), new Named("f", "Camp A"), 1.25m, 12345);
        var overdue = AlertMessages.ReportOverdue(new Named("f", "Camp A"), [new(2026, 5, 1), new(2026, 6, 1)], 10);

        Assert.Contains("il reste 1,3 mois", Catalog.Render("fr", belowEop.Code, Params(belowEop)), StringComparison.Ordinal);
        Assert.Contains("12\u202F345", Catalog.Render("fr", belowEop.Code, Params(belowEop)), StringComparison.Ordinal);
        Assert.Contains("12,345", Catalog.Render("en", belowEop.Code, Params(belowEop)), StringComparison.Ordinal);
        Assert.Contains("mai 2026, juin 2026", Catalog.Render("fr", overdue.Code, Params(overdue)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stock_out_on_plans_with_no_visit_scheduled_is_worded_in_each_language()
    {
        var undated = AlertMessages.StockOut(new Named("m", "Fluoxetine 20 mg capsule"), new Named("f", "Camp A"), (2, null));

        Assert.Contains("aucune visite de suivi n'est prévue", Catalog.Render("fr", undated.Code, Params(undated)), StringComparison.Ordinal);
        Assert.Contains("لا توجد زيارة متابعة مقررة", Catalog.Render("ar", undated.Code, Params(undated)), StringComparison.Ordinal);
        Assert.EndsWith("who depend on it: 2; no follow-up visit is scheduled.", Catalog.Render("en", undated.Code, Params(undated)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_alert_its_template_cannot_fill_renders_nothing_so_the_english_message_is_sent()
    {
        var old = JsonSerializer.SerializeToElement(new Dictionary<string, object> { ["patient"] = "CAMPA-1" });

        Assert.Null(Catalog.Render("fr", "referral_not_booked", old));
        Assert.Null(Catalog.Render("fr", "no_such_template", old));
        Assert.Null(Catalog.Render("fr", null, old));
    }
}
