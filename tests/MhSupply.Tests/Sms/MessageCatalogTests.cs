using MhSupply.Messages;

namespace MhSupply.Tests.Sms;

/// <summary>
/// The server's words in a reader's language (MessageCatalog), read from the web app's own i18n files embedded at build:
/// days and numbers as the web app writes them, English where a language or key is missing.
/// </summary>
public sealed class MessageCatalogTests
{
    private static readonly MessageCatalog Catalog = MessageCatalog.FromEmbeddedFiles();

    [Fact]
    public void The_catalogue_holds_the_three_languages_of_the_web_app()
    {
        Assert.Equal(["ar", "en", "fr"], Catalog.Languages.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("en", "1 Dec 2026")]
    [InlineData("fr", "1 déc. 2026")]
    [InlineData("ar", "1 ديسمبر 2026")]
    [InlineData("fr-FR", "1 déc. 2026")]
    [InlineData("de", "1 Dec 2026")]
    public void Days_read_in_the_language_with_western_digits(string language, string expected)
    {
        Assert.Equal(expected, Catalog.Day(language, new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public void A_stock_message_is_rendered_in_French_with_its_day_and_figures_in_French()
    {
        var message = MhSupply.Stock.StockMessages.Of("occurred_in_future", ("day", new DateOnly(2026, 12, 24)), ("today", new DateOnly(2026, 12, 2)));

        Assert.Equal("La date 24 déc. 2026 est dans le futur : nous sommes le 2 déc. 2026. Vérifiez la date.", Catalog.Render("fr", message));
        Assert.Equal(message.Text, Catalog.Render("en", message));
    }

    [Fact]
    public void Numbers_are_grouped_as_the_web_app_groups_them()
    {
        var parameters = new Dictionary<string, object?> { ["code"] = "FLX20", ["value"] = 12345 };

        Assert.Equal("Count for FLX20 is not a whole number: 12,345.", Catalog.Render("en", "sms.count_invalid", parameters));
        Assert.Equal("Le nombre pour FLX20 n'est pas un nombre entier : 12\u202f345.", Catalog.Render("fr", "sms.count_invalid", parameters));
    }

    [Fact]
    public void A_language_or_code_without_words_falls_back_to_English_then_to_the_code()
    {
        var parameters = new Dictionary<string, object?>();

        Assert.Equal(SmsMessages.Templates["sms.no_counts"], Catalog.Render("sw", "sms.no_counts", parameters));
        Assert.Equal("no.such_code", Catalog.Render("fr", "no.such_code", parameters));
    }
}
