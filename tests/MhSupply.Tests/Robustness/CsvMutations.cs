using System.Text;

namespace MhSupply.Tests.Robustness;

/// <summary>A CSV file as header and rows of cells (cells may hold <see cref="RawBytes"/> tokens).</summary>
internal sealed record CsvFile(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public byte[] Render(RawBytes raws, string newline = "\n") =>
        raws.Render(string.Join(newline, new[] { Header }.Concat(Rows).Select(r => string.Join(",", r.Select(Quote)))) + newline);

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
}

/// <summary>Broken CSV files made from a valid one: cell by cell (<see cref="TextMutations.Cell"/>) and as a whole.</summary>
internal static class CsvMutations
{
    /// <summary>Cell mutations per column: the first <see cref="CoreCells"/> of <see cref="TextMutations.Cell"/>, and a seeded few more.</summary>
    private const int CoreCells = 8;
    private const int ExtraCells = 2;

    public static IEnumerable<(string Label, byte[] Body, string? ContentType)> Of(CsvFile valid, Func<int, IReadOnlyList<string>> row, Random rng)
    {
        const string csv = "text/csv";
        var raws = new RawBytes();
        for (var column = 0; column < valid.Header.Count; column++)
        {
            var cellMutations = TextMutations.Cell.Take(CoreCells).Concat(TextMutations.Cell.Skip(CoreCells).OrderBy(_ => rng.Next()).Take(ExtraCells));
            foreach (var (label, make) in cellMutations.ToList())
            {
                var cells = valid.Rows[0].ToArray();
                cells[column] = make(raws);
                yield return ($"{valid.Header[column]}={label}", new CsvFile(valid.Header, [cells]).Render(raws), csv);
            }
            var without = valid.Header.Where((_, i) => i != column).ToList();
            yield return ($"without-column-{valid.Header[column]}",
                new CsvFile(without, valid.Rows.Select(r => (IReadOnlyList<string>)r.Where((_, i) => i != column).ToList()).ToList()).Render(raws), csv);
        }
        var header = string.Join(",", valid.Header);
        yield return ("empty", [], csv);
        yield return ("header-only", Encoding.UTF8.GetBytes(header + "\n"), csv);
        yield return ("blank-lines", Encoding.UTF8.GetBytes("\n\n\n"), csv);
        yield return ("unbalanced-quote", Encoding.UTF8.GetBytes(header + "\n\"" + string.Join(",", valid.Rows[0]) + "\n"), csv);
        yield return ("more-cells-than-header", Encoding.UTF8.GetBytes(header + "\n" + string.Join(",", valid.Rows[0]) + ",extra,extra\n"), csv);
        yield return ("fewer-cells-than-header", Encoding.UTF8.GetBytes(header + "\n" + valid.Rows[0][0] + "\n"), csv);
        yield return ("duplicate-header", Encoding.UTF8.GetBytes(header + "," + header + "\n" + string.Join(",", valid.Rows[0]) + "\n"), csv);
        yield return ("nul-in-header", Encoding.UTF8.GetBytes(header.Replace(",", ",\u0000") + "\n" + string.Join(",", valid.Rows[0]) + "\n"), csv);
        yield return ("bytes-ff-in-header", [0xFF, .. Encoding.UTF8.GetBytes(header + "\n" + string.Join(",", valid.Rows[0]) + "\n")], csv);
        yield return ("cr-only-lines", valid.Render(raws, "\r"), csv);
        yield return ("crlf-lines", valid.Render(raws, "\r\n"), csv);
        yield return ("utf8-bom", [0xEF, 0xBB, 0xBF, .. valid.Render(raws)], csv);
        yield return ("utf16", Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(valid.Render(raws))), csv);
        yield return ("semicolons", Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(valid.Render(raws)).Replace(',', ';')), csv);
        yield return ("1001-rows", new CsvFile(valid.Header, Enumerable.Range(0, 1001).Select(row).ToList()).Render(raws), csv);
        yield return ("one-line-1mb", Encoding.UTF8.GetBytes(header + "\n" + new string('z', 1024 * 1024) + "\n"), csv);
        yield return ("json-body", Encoding.UTF8.GetBytes("{\"events\":[]}"), "application/json");
        yield return ("type-none", valid.Render(raws), null);
    }
}
