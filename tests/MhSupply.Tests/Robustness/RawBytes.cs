using System.Text;
using System.Text.RegularExpressions;

namespace MhSupply.Tests.Robustness;

/// <summary>
/// Bytes a JSON or CSV writer cannot produce (invalid UTF-8, a lone-surrogate escape, a number past double's range),
/// spliced in after the text is written: mutations put a token where they go, <see cref="Render"/> swaps the bytes in.
/// </summary>
internal sealed partial class RawBytes
{
    private readonly List<byte[]> _raws = [];

    /// <summary>A token that, as a JSON string value, is replaced with its quotes by <paramref name="bytes"/>.</summary>
    public string Value(byte[] bytes)
    {
        _raws.Add(bytes);
        return $"~~V{_raws.Count - 1}~~";
    }

    /// <summary>A token replaced by <paramref name="bytes"/> where it stands (inside a string or a CSV cell).</summary>
    public string InText(byte[] bytes)
    {
        _raws.Add(bytes);
        return $"~~S{_raws.Count - 1}~~";
    }

    public string InText(string ascii) => InText(Encoding.ASCII.GetBytes(ascii));

    public byte[] Render(string text)
    {
        var output = new List<byte>(text.Length + 16);
        var last = 0;
        foreach (Match m in Token().Matches(text))
        {
            output.AddRange(Encoding.UTF8.GetBytes(text[last..m.Index]));
            output.AddRange(_raws[int.Parse(m.Groups["n"].Value)]);
            last = m.Index + m.Length;
        }
        output.AddRange(Encoding.UTF8.GetBytes(text[last..]));
        return output.ToArray();
    }

    [GeneratedRegex("\"~~V(?<n>\\d+)~~\"|~~S(?<n>\\d+)~~")]
    private static partial Regex Token();
}
