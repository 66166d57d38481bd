using System.Reflection;

namespace MhSupply;

/// <summary>
/// The one spelling of every enum on the wire (API JSON, path segments, database columns): snake_case of the member
/// name, or the member's <see cref="WireNameAttribute"/> where the API spells it otherwise. Parsing is exact and
/// case-sensitive: the wire names are part of the fixed API.
/// </summary>
public static class WireNames
{
    public static string ToWireName<T>(this T value) where T : struct, Enum =>
        WireNames<T>.ByValue.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Unknown {typeof(T).Name}.");

    /// <summary>On failure <paramref name="value"/> is <c>default</c>.</summary>
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        if (text is not null && WireNames<T>.ByName.TryGetValue(text, out value))
        {
            return true;
        }
        value = default;
        return false;
    }

    public static T Parse<T>(string text) where T : struct, Enum =>
        TryParse<T>(text, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a wire name of {typeof(T).Name} ({string.Join(", ", WireNames<T>.All)}).");

    /// <summary><c>BelowEop</c> → <c>below_eop</c>.</summary>
    public static string SnakeCase(string memberName) =>
        string.Concat(memberName.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}

/// <summary>The wire names of <typeparamref name="T"/>, built once per enum, in declaration order.</summary>
public static class WireNames<T> where T : struct, Enum
{
    private static readonly (T Value, string Name)[] Members =
    [
        .. typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static)
            .OrderBy(f => f.MetadataToken)
            .Select(f => ((T)f.GetValue(null)!, f.GetCustomAttribute<WireNameAttribute>()?.Name ?? WireNames.SnakeCase(f.Name))),
    ];

    internal static readonly Dictionary<T, string> ByValue = Members.ToDictionary(m => m.Value, m => m.Name);

    internal static readonly Dictionary<string, T> ByName = Members.ToDictionary(m => m.Name, m => m.Value, StringComparer.Ordinal);

    public static IReadOnlyList<string> All { get; } = [.. Members.Select(m => m.Name)];

    public static bool IsValid(string? text) => text is not null && ByName.ContainsKey(text);
}
