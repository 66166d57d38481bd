namespace MhSupply.Referrals;

/// <summary>
/// The pseudonymous patient code the referring facility issues (docs/domain.md, "Privacy"). Restricted to ASCII
/// letters, digits and <c>- _ /</c> so that it stays a code (no names, no spaces) and travels safely in URLs, filters
/// and CSV exports; Unicode letters would also let look-alike codes pass for one another.
/// </summary>
public static class PatientCodes
{
    public const int MinLength = 3;
    public const int MaxLength = 40;

    public static bool IsValid(string? code) =>
        code is { Length: >= MinLength and <= MaxLength } && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '/');
}
