using CsvHelper;

namespace MhSupply.Common;

/// <summary>
/// A CSV file as its header and rows, read by CsvHelper (RFC 4180: quoted fields, doubled quotes, line breaks in quotes;
/// CRLF, LF or CR line ends). Our rules stay ours: names and values trimmed, a column looked up by name ignoring case,
/// a row knowing the line it starts on (so an error can name it), blank lines skipped.
/// </summary>
public sealed record CsvTable(IReadOnlyList<string> Header, IReadOnlyList<CsvTable.Row> Rows)
{
    public sealed record Row(int LineNumber, IReadOnlyDictionary<string, string> Fields)
    {
        /// <summary>The cell of a column, or null when the column is absent or the cell empty (an empty cell means "absent").</summary>
        public string? Get(string name) => Fields.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
    }

    private static readonly CsvReaderOptions Options = new()
    {
        // Always a comma: a file of semicolons is refused for its header, not silently read another way.
        Separator = ',',
        DetectSeparatorHint = false,
        TrackLineNumbers = true,
        // Malformed quoting is recovered as text ("ab"c reads abc, an unclosed quote runs to the end); the rules that
        // follow (required columns, the text rule) then name what is wrong.
        MalformedData = CsvMalformedDataHandling.Recover,
    };

    public static CsvTable Read(string text)
    {
        using var reader = CsvReader.FromText(text, Options);
        var header = reader.Headers.Select(h => h.Trim()).ToList();
        if (header.Count > 0 && header[0].StartsWith('\uFEFF'))
        {
            // A spreadsheet's byte order mark: text read from a string keeps it.
            header[0] = header[0][1..];
        }
        var rows = new List<Row>();
        while (reader.Read())
        {
            // A repeated column name: the later column wins. A short row: its missing cells read as empty.
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Count; i++)
            {
                fields[header[i]] = i < reader.FieldCount ? reader.GetString(i).Trim() : "";
            }
            rows.Add(new Row((int)reader.LineNumber, fields));
        }
        return new CsvTable(header, rows);
    }
}
