using System.Text.RegularExpressions;

namespace MhSupply.Gateway.Errors;

/// <summary>Identifiers chosen by people (facility, district, medicine codes) stay URL- and CSV-safe.</summary>
public static partial class Ids
{
    public const string Rule = "use 1-64 letters, digits, '-', '_' or '.'";

    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex Pattern();
}
