namespace MhSupply.Tests.Robustness;

/// <summary>
/// Values for query parameters and route segments, already percent-encoded as a client would put them in a URL: bad
/// text ("%00", bytes that are not UTF-8), boundary and overflow numbers and dates, huge and injection strings.
/// </summary>
internal static class TextMutations
{
    /// <summary>The first <see cref="CoreQuery"/> are sent for every parameter, a seeded sample of the rest besides.</summary>
    public static IReadOnlyList<(string Label, string Encoded)> Query { get; } =
    [
        ("nul", "%00"),
        ("bytes-ff", "%FF%FE"),
        ("minus-one", "-1"),
        ("zero", "0"),
        ("int-max", "2147483647"),
        ("int-max+1", "2147483648"),
        ("year-9999", "9999-12-31"),
        ("long-5k", new string('q', 5000)),
        ("empty", ""),
        ("nul-inside", "a%00b"),
        ("utf8-encoded-surrogate", "%ED%A0%80"),
        ("overlong-utf8", "%C0%AF"),
        ("past-long", "99999999999999999999"),
        ("fraction", "1.5"),
        ("word", "abc"),
        ("year-0001", "0001-01-01"),
        ("instant-9999", "9999-12-31T23:59:59Z"),
        ("sql-injection", "x%27%3B%20DROP%20TABLE%20mh.facility%3B--"),
        ("emoji", "%F0%9F%99%82"),
        ("blank", "%20%20"),
        ("plus-sign", "+1"),
    ];

    public const int CoreQuery = 8;

    /// <summary>The first <see cref="CoreRoute"/> are sent for every route value, a seeded sample of the rest besides.</summary>
    public static IReadOnlyList<(string Label, string Encoded)> Route { get; } =
    [
        ("nul", "%00"),
        ("bytes-ff", "%FF%FE"),
        ("long-3k", new string('r', 3000)),
        ("sql-injection", "x%27%20OR%20%271%27%3D%271"),
        ("zero-uuid", "00000000-0000-0000-0000-000000000000"),
        ("nul-inside", "a%00b"),
        ("utf8-encoded-surrogate", "%ED%A0%80"),
        ("dot-dot", "%2E%2E"),
        ("encoded-slash", "a%2Fb"),
        ("script", "%3Cscript%3E"),
        ("emoji", "%F0%9F%99%82"),
        ("blank", "%20"),
        ("int-max+1", "2147483648"),
    ];

    public const int CoreRoute = 5;

    /// <summary>CSV cells: the same kinds of bad text, as raw bytes where UTF-8 cannot say them (the first eight are sent for every column).</summary>
    public static IReadOnlyList<(string Label, Func<RawBytes, string> Make)> Cell { get; } =
    [
        ("empty", _ => ""),
        ("nul", _ => "a\u0000b"),
        ("bytes-ff", r => "a" + r.InText([0xFF, 0xFE])),
        ("utf8-encoded-surrogate", r => r.InText([0xED, 0xA0, 0x80])),
        ("int-max+1", _ => "2147483648"),
        ("year-9999", _ => "9999-12-31"),
        ("no-offset", _ => "2026-03-01T09:30:00"),
        ("long-4k", _ => new string('c', 4096)),
        ("latin1-e-acute", r => "caf" + r.InText([0xE9])),
        ("minus-one", _ => "-1"),
        ("fraction", _ => "1.5"),
        ("instant-0001", _ => "0001-01-01T00:00:00Z"),
        ("csv-formula", _ => "=cmd|' /C calc'!A0"),
        ("sql-injection", _ => "x'); DROP TABLE mh.facility; --"),
        ("quote-inside", _ => "a\"b"),
    ];
}
