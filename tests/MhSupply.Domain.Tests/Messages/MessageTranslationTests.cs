using System.Text.Json;
using System.Text.RegularExpressions;
using MhSupply.Messages;

namespace MhSupply.Domain.Tests.Messages;

/// <summary>
/// Every message code of every catalogue has its words in the web app's three languages (the i18n files the web app and
/// the server's MessageCatalog read), naming exactly the parameters the server sends; French and Arabic are translated.
/// </summary>
public sealed partial class MessageTranslationTests
{
    public static TheoryData<string> Languages => new() { "en", "fr", "ar" };

    public static IEnumerable<(string Code, string Template)> AllMessages() =>
        MessageCatalogues.All.Values.SelectMany(t => t.Select(p => (p.Key, p.Value)));

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_message_code_has_its_key_with_the_same_parameters(string language)
    {
        var strings = Load(language);
        var problems = new List<string>();
        foreach (var (code, template) in AllMessages())
        {
            if (!strings.TryGetValue(MessageKeys.Of(code), out var text))
            {
                problems.Add($"{MessageKeys.Of(code)} is missing");
            }
            else if (!Placeholders(text).SetEquals(Placeholders(template)))
            {
                problems.Add($"{MessageKeys.Of(code)} names {{{string.Join("}, {", Placeholders(text))}}}, the server sends {{{string.Join("}, {", Placeholders(template))}}}");
            }
        }
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("ar")]
    public void Messages_are_translated_not_copied_from_English(string language)
    {
        var english = Load("en");
        var strings = Load(language);
        // A template of parameters and signs alone ("{field} {rule}", "{code}: {why}") has nothing to translate.
        var copied = AllMessages().Select(m => MessageKeys.Of(m.Code))
            .Where(k => Words().IsMatch(Placeholder().Replace(english[k], "")) && strings[k] == english[k])
            .ToList();
        Assert.Empty(copied);
    }

    [Fact]
    public void Codes_are_unique_across_catalogues()
    {
        var codes = AllMessages().Select(m => m.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_message_carries_its_code_the_wire_form_of_its_parameters_and_the_english_text()
    {
        var message = ReferralMessages.Of("referral.birth_year_implausible", ("value", "1850"), ("min", 1906), ("max", 2026));

        Assert.Equal("referral.birth_year_implausible", message.Code);
        Assert.Equal("The birth year 1850 cannot be right: give a year from 1906 to 2026.", message.Text);
        Assert.Equal(1906, message.Params["min"]);
        var day = RequestMessages.Of("request.day_out_of_range", ("field", "asOf"), ("from", new DateOnly(2000, 1, 1)), ("to", new DateOnly(2030, 12, 31)));
        Assert.Equal("The asOf must be between 1 Jan 2000 and 31 Dec 2030. Check the year.", day.Text);
        Assert.Equal("2000-01-01", day.Params["from"]);
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    internal static Dictionary<string, string> Load(string language)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(StringsFolder(), language + ".json")));
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
    }

    private static string StringsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Gateway", "wwwroot", "i18n");
            if (File.Exists(Path.Combine(candidate, "en.json")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("src/Gateway/wwwroot/i18n not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{L}{3,}")]
    private static partial Regex Words();
}
