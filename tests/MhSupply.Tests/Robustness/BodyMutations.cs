using System.Text;

namespace MhSupply.Tests.Robustness;

/// <summary>
/// Whole-body mutations of a valid JSON body: not JSON, the wrong JSON, broken encodings, duplicated keys, huge and
/// deeply nested bodies, and the right body under the wrong content type.
/// </summary>
internal static class BodyMutations
{
    /// <summary>The first <see cref="Core"/> are sent to every JSON endpoint, a seeded sample of the rest besides.</summary>
    public const int Core = 9;

    public static IEnumerable<(string Label, byte[] Body, string? ContentType)> Of(byte[] valid)
    {
        const string json = "application/json";
        yield return ("empty", [], json);
        yield return ("json-null", "null"u8.ToArray(), json);
        yield return ("json-array", "[]"u8.ToArray(), json);
        yield return ("unterminated", "{\"a\":"u8.ToArray(), json);
        yield return ("bytes-ff-first", [0xFF, .. valid], json);
        yield return ("deep-arrays", Encoding.ASCII.GetBytes(new string('[', 10_000) + new string(']', 10_000)), json);
        yield return ("huge-2mb", Padded(valid, 2 * 1024 * 1024), json);
        yield return ("type-text-plain", valid, "text/plain");
        yield return ("type-none", valid, null);
        yield return ("json-empty-object", "{}"u8.ToArray(), json);
        yield return ("json-string", "\"x\""u8.ToArray(), json);
        yield return ("json-number", "123"u8.ToArray(), json);
        yield return ("trailing-garbage", [.. valid, .. "}}"u8.ToArray()], json);
        yield return ("comment", [.. "/* x */"u8.ToArray(), .. valid], json);
        yield return ("single-quotes", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(valid).Replace('"', '\'')), json);
        yield return ("utf8-bom", [0xEF, 0xBB, 0xBF, .. valid], json);
        yield return ("utf16", Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(valid)), json);
        yield return ("raw-nul-byte", [.. valid[..1], 0x00, .. valid[1..]], json);
        yield return ("duplicate-keys", DuplicateFirstKey(valid), json);
        yield return ("deep-objects", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000)), json);
        yield return ("type-xml", valid, "application/xml");
        yield return ("type-form", valid, "application/x-www-form-urlencoded");
        yield return ("type-multipart", valid, "multipart/form-data; boundary=x");
        yield return ("type-json-utf16-charset", valid, "application/json; charset=utf-16");
        yield return ("type-garbage", valid, "application/%%%");
    }

    /// <summary>The first key of the object repeated with another value in front of the body.</summary>
    private static byte[] DuplicateFirstKey(byte[] valid)
    {
        var text = Encoding.UTF8.GetString(valid);
        var open = text.IndexOf('{');
        var colon = open < 0 ? -1 : text.IndexOf(':', open);
        return open < 0 || colon < 0 ? valid : Encoding.UTF8.GetBytes(text[..(open + 1)] + text[(open + 1)..colon] + ":\"dup\"," + text[(open + 1)..]);
    }

    /// <summary>The valid body with a padding field that takes it to about <paramref name="size"/> bytes.</summary>
    private static byte[] Padded(byte[] valid, int size)
    {
        var text = Encoding.UTF8.GetString(valid);
        var open = text.IndexOf('{');
        var pad = $"\"padding\":\"{new string('p', size)}\",";
        return open < 0
            ? Encoding.UTF8.GetBytes($"[{{{pad[..^1]}}}," + text.TrimStart('[')) // an array body: a padded first item
            : Encoding.UTF8.GetBytes(text[..(open + 1)] + pad + text[(open + 1)..]);
    }
}
