using MhSupply.Sms;

namespace MhSupply.Tests.Sms;

/// <summary>The SMS rules of src/Domain/Sms, without a silo: the SOH syntax, the 160-character text, E.164 numbers.</summary>
public sealed class SmsRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    [Fact]
    public void SOH_reads_codes_and_counts_whatever_the_case_and_separators()
    {
        var parsed = SohMessage.Parse("  soh flx20 120,HAL5: 40 ", Today);
        Assert.Null(parsed.Error);
        Assert.Null(parsed.Date);
        Assert.Equal([new SohMessage.Line("FLX20", 120), new SohMessage.Line("HAL5", 40)], parsed.Lines);
    }

    [Theory]
    [InlineData("SOH 01/12 FLX20 1", "2026-12-01")]
    [InlineData("SOH 15/12 FLX20 1", "2025-12-15")] // no year: the latest such day not after today
    [InlineData("SOH 30/11/2026 FLX20 1", "2026-11-30")]
    [InlineData("SOH 30/11/26 FLX20 1", "2026-11-30")]
    public void A_date_is_day_first_with_an_optional_year(string text, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), SohMessage.Parse(text, Today).Date);
    }

    [Theory]
    [InlineData("", "Start with SOH.")]
    [InlineData("STOCK FLX20 1", "Start with SOH.")]
    [InlineData("SOH", "No counts.")]
    [InlineData("SOH FLX20", "No count after FLX20.")]
    [InlineData("SOH FLX20 -3", "Count for FLX20 is not a whole number: -3.")]
    [InlineData("SOH FLX20 1.5", "Count for FLX20 is not a whole number: 1.5.")]
    [InlineData("SOH FLX20 1 FLX20 2", "FLX20 is counted twice.")]
    [InlineData("SOH 31/02 FLX20 1", "Date 31/02 is not a day.")]
    [InlineData("SOH 01/12/2027 FLX20 1", "Date 01/12/2027 is in the future.")]
    public void What_cannot_be_read_is_said_plainly(string text, string start)
    {
        var parsed = SohMessage.Parse(text, Today);
        Assert.StartsWith(start, parsed.Error?.Text);
        Assert.Empty(parsed.Lines);
    }

    [Fact]
    public void An_alert_fits_one_sms_trimmed_at_a_word()
    {
        var message = string.Join(' ', Enumerable.Repeat("Fluoxetine 20 mg is stocked out at Camp A.", 6));
        var text = SmsText.ForAlertChange("raised", message);
        Assert.True(text.Length <= 160, text);
        Assert.StartsWith("MhSupply alert: Fluoxetine 20 mg", text);
        Assert.EndsWith("...", text);
        Assert.DoesNotContain("  ", text);
        Assert.Equal("MhSupply resolved: short.", SmsText.ForAlertChange("resolved", "short.\n"));
    }

    [Theory]
    [InlineData("+254712345678", true)]
    [InlineData("254712345678", false)]
    [InlineData("+0712345678", false)]
    [InlineData("+2547123456789012", false)]
    public void Numbers_are_E164(string phone, bool valid) => Assert.Equal(valid, E164.IsValid(phone));

    [Theory]
    [InlineData("tel:+254 712-345 678", "+254712345678")]
    [InlineData("0712345678", null)]
    public void Senders_are_normalised_without_guessing_a_country(string sender, string? expected) => Assert.Equal(expected, E164.Normalise(sender));

    [Fact]
    public void Event_ids_derive_from_the_message_and_the_medicine()
    {
        Assert.Equal(SmsInboxGrain.EventId("SM-1", "fluoxetine-cap-20mg"), SmsInboxGrain.EventId("SM-1", "fluoxetine-cap-20mg"));
        Assert.NotEqual(SmsInboxGrain.EventId("SM-1", "fluoxetine-cap-20mg"), SmsInboxGrain.EventId("SM-2", "fluoxetine-cap-20mg"));
        Assert.NotEqual(SmsInboxGrain.EventId("SM-1", "fluoxetine-cap-20mg"), SmsInboxGrain.EventId("SM-1", "haloperidol-tab-5mg"));
    }
}
