namespace MhSupply.Alerts;

/// <summary>
/// The languages an alert is written in for a subscriber (e-mail, SMS): those the web app has strings for
/// (src/Gateway/wwwroot/i18n/{language}.json). English is the default and the fallback of a missing template.
/// </summary>
public static class AlertLanguages
{
    public const string Default = "en";

    public static IReadOnlyList<string> All { get; } = [Default, "fr", "ar"];

    public static bool IsValid(string? language) => language is not null && All.Contains(language, StringComparer.Ordinal);
}
