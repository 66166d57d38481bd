using System.Text.Json;
using System.Text.RegularExpressions;
using MhSupply.Stock;

namespace MhSupply.Tests.Stock;

/// <summary>
/// Every stock message the server can send has its translation key <c>error.{code}</c> in the web app's three languages,
/// naming the same parameters, and the English file says what the server says (one template, <see cref="StockMessages"/>).
/// </summary>
public sealed partial class StockMessageTranslationTests
{
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("ar")]
    public void Every_stock_message_code_has_a_translation_with_the_same_parameters(string language)
    {
        var strings = Strings(language);
        foreach (var (code, template) in StockMessages.Templates)
        {
            Assert.True(strings.TryGetValue("error." + code, out var translated), $"{language}.json lacks error.{code}");
            Assert.Equal(Parameters(template), Parameters(translated!));
            if (language == "en")
            {
                Assert.Equal(template, translated);
            }
            else
            {
                Assert.NotEqual(template, translated);
            }
        }
    }

    [Fact]
    public void Messages_name_days_as_people_write_them_and_never_ask_for_iso_8601()
    {
        var message = StockMessages.Of("occurred_in_future", ("day", new DateOnly(2026, 12, 3)), ("today", new DateOnly(2026, 12, 1)));

        Assert.Equal("The date 3 Dec 2026 is in the future: today is 1 Dec 2026. Check the date.", message.Text);
        Assert.Equal("2026-12-03", message.Params["day"]);
        Assert.All(StockMessages.Templates.Values, t => Assert.DoesNotContain("ISO", t, StringComparison.Ordinal));
    }

    private static Dictionary<string, string> Strings(string language) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(RepoRoot(), "src", "Gateway", "wwwroot", "i18n", $"{language}.json")))!;

    private static string[] Parameters(string template) =>
        [.. ParameterPattern().Matches(template).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex ParameterPattern();

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MhSupply.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The repository root (MhSupply.sln) was not found above the test's folder.");
    }
}
