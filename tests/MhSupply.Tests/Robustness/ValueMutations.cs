using System.Text;
using System.Text.Json.Nodes;

namespace MhSupply.Tests.Robustness;

/// <summary>Makes the new value of a field from its valid value; null <see cref="Mutation.Make"/> removes the field.</summary>
internal delegate JsonNode? ValueMaker(JsonNode? original, RawBytes raws);

internal sealed record Mutation(string Label, ValueMaker? Make);

/// <summary>
/// What a JSON field is replaced with, field by field: wrong types, boundary and overflow numbers and dates, bad text
/// (NUL, lone surrogates, bytes that are not UTF-8), huge and injection strings. <see cref="Core"/> is applied to every
/// field; a seeded sample of <see cref="Extended"/> and one seeded random value are added per field.
/// </summary>
internal static class ValueMutations
{
    public static IReadOnlyList<Mutation> Core { get; } =
    [
        new("missing", null),
        new("null", (_, _) => null),
        new("true", (_, _) => JsonValue.Create(true)),
        new("zero", (_, _) => JsonValue.Create(0)),
        new("int-max+1", (_, _) => JsonValue.Create(2147483648L)),
        new("past-long", (_, r) => r.Value("9223372036854775808"u8.ToArray())),
        new("empty-string", (_, _) => JsonValue.Create("")),
        new("number-in-quotes", (_, _) => JsonValue.Create("5")),
        new("object", (_, _) => new JsonObject { ["a"] = 1 }),
        new("nul-inside", (o, _) => JsonValue.Create(Text(o) + "\u0000x")),
        new("lone-high-surrogate", (o, r) => JsonValue.Create(Text(o) + r.InText("\\ud800"))),
        new("bytes-ff", (o, r) => JsonValue.Create(Text(o) + r.InText([0xFF, 0xFE]))),
        new("utf8-encoded-surrogate", (o, r) => JsonValue.Create(r.InText([0xED, 0xA0, 0x80]) + Text(o))),
        new("long-4k", (_, _) => JsonValue.Create(new string('x', 4096))),
        new("sql-injection", (_, _) => JsonValue.Create("x'); DROP TABLE mh.facility; --")),
        new("year-9999", (_, _) => JsonValue.Create("9999-12-31")),
        new("instant-0001", (_, _) => JsonValue.Create("0001-01-01T00:00:00Z")),
        new("instant-9999", (_, _) => JsonValue.Create("9999-12-31T23:59:59Z")),
        new("no-offset", (_, _) => JsonValue.Create("2026-03-01T09:30:00")),
    ];

    public static IReadOnlyList<Mutation> Extended { get; } =
    [
        new("minus-one", (_, _) => JsonValue.Create(-1)),
        new("fraction", (_, _) => JsonValue.Create(1.5)),
        new("empty-array", (_, _) => new JsonArray()),
        new("impossible-date", (_, _) => JsonValue.Create("2026-02-30")),
        new("false", (_, _) => JsonValue.Create(false)),
        new("int-min-1", (_, _) => JsonValue.Create(-2147483649L)),
        new("int-max", (_, _) => JsonValue.Create(int.MaxValue)),
        new("past-double", (_, r) => r.Value("1e400"u8.ToArray())),
        new("minus-zero", (_, r) => r.Value("-0"u8.ToArray())),
        new("leading-zero", (_, r) => r.Value("007"u8.ToArray())),
        new("nan", (_, r) => r.Value("NaN"u8.ToArray())),
        new("bare-word", (_, r) => r.Value("undefined"u8.ToArray())),
        new("huge-double", (_, _) => JsonValue.Create(1e308)),
        new("blank", (_, _) => JsonValue.Create("   ")),
        new("text", (_, _) => JsonValue.Create("x")),
        new("wrapped-in-array", (o, _) => new JsonArray(o?.DeepClone())),
        new("wrapped-in-object", (o, _) => new JsonObject { ["value"] = o?.DeepClone() }),
        new("array-of-null", (_, _) => new JsonArray((JsonNode?)null)),
        new("nul-only", (_, _) => JsonValue.Create("\u0000")),
        new("lone-low-surrogate", (o, r) => JsonValue.Create(r.InText("\\udc00") + Text(o))),
        new("reversed-surrogates", (_, r) => JsonValue.Create(r.InText("\\udc00\\ud800"))),
        new("truncated-utf8", (o, r) => JsonValue.Create(Text(o) + r.InText([0xC3]))),
        new("overlong-utf8", (_, r) => JsonValue.Create(r.InText([0xC0, 0xAF]))),
        new("beyond-unicode", (_, r) => JsonValue.Create(r.InText([0xF4, 0x90, 0x80, 0x80]))),
        new("raw-control-char", (o, r) => JsonValue.Create(Text(o) + r.InText([0x01]))),
        new("long-100k", (_, _) => JsonValue.Create(new string('y', 100_000))),
        new("quote-injection", (_, _) => JsonValue.Create("' OR '1'='1")),
        new("script", (_, _) => JsonValue.Create("<script>alert(1)</script>")),
        new("path-traversal", (_, _) => JsonValue.Create("../../../etc/passwd")),
        new("template-injection", (_, _) => JsonValue.Create("${jndi:ldap://x/a}{{7*7}}")),
        new("percent-escapes", (_, _) => JsonValue.Create("%00%ff%ED%A0%80")),
        new("newlines", (_, _) => JsonValue.Create("a\r\nb\tc")),
        new("csv-formula", (_, _) => JsonValue.Create("=cmd|' /C calc'!A0")),
        new("emoji-and-rtl", (_, _) => JsonValue.Create("\U0001F642\u202Eabc")),
        new("year-0001", (_, _) => JsonValue.Create("0001-01-01")),
        new("instant-0001-east", (_, _) => JsonValue.Create("0001-01-01T00:00:00+14:00")),
        new("instant-9999-west", (_, _) => JsonValue.Create("9999-12-31T23:59:59-14:00")),
        new("year-1999", (_, _) => JsonValue.Create("1999-12-31T23:59:59Z")),
        new("year-2100", (_, _) => JsonValue.Create("2100-01-01T00:00:00Z")),
        new("six-digit-year", (_, _) => JsonValue.Create("+275760-09-13T00:00:00Z")),
        new("date-no-dashes", (_, _) => JsonValue.Create("20260301")),
        new("zero-uuid", (_, _) => JsonValue.Create("00000000-0000-0000-0000-000000000000")),
        new("braced-uuid", (_, _) => JsonValue.Create("{6f9619ff-8b86-d011-b42d-00c04fc964ff}")),
        new("not-a-uuid", (_, _) => JsonValue.Create("not-a-uuid")),
        new("nested-deep", (_, r) => r.Value(Encoding.ASCII.GetBytes(new string('[', 200) + new string(']', 200)))),
    ];

    /// <summary>One value drawn from the seed: a number anywhere in long's range, or random text of random length.</summary>
    public static Mutation Random(Random rng)
    {
        switch (rng.Next(3))
        {
            case 0:
            {
                var n = rng.NextInt64(long.MinValue, long.MaxValue) >> rng.Next(64);
                return new($"random-number:{n}", (_, _) => JsonValue.Create(n));
            }
            case 1:
            {
                var text = RandomText(rng, rng.Next(1, 40));
                return new($"random-text:{Printable(text)}", (_, _) => JsonValue.Create(text));
            }
            default:
            {
                var bytes = new byte[rng.Next(1, 8)];
                rng.NextBytes(bytes);
                return new($"random-bytes:{Convert.ToHexString(bytes)}", (o, r) => JsonValue.Create(Text(o) + r.InText(bytes)));
            }
        }
    }

    /// <summary>Random printable text, including characters outside ASCII and whole surrogate pairs (valid).</summary>
    public static string RandomText(Random rng, int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(rng.Next(4) switch
            {
                0 => (char)rng.Next(0x20, 0x7F),
                1 => (char)rng.Next(0xA0, 0x2FF),
                2 => (char)rng.Next(0x600, 0x6FF),
                _ => char.ConvertFromUtf32(rng.Next(0x1F600, 0x1F64F)),
            });
        }
        return text.ToString();
    }

    private static string Text(JsonNode? original) =>
        original is JsonValue v && v.TryGetValue<string>(out var s) ? s : original?.ToJsonString() ?? "";

    private static string Printable(string text) => new(text.Select(c => c is >= ' ' and < '\u007F' ? c : '?').ToArray());
}
