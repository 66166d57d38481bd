using System.Text;

namespace MhSupply.Common;

/// <summary>RFC 4180 reader: quoted fields, doubled quotes, CRLF or LF, a header row naming the columns.</summary>
public static class Csv
{
    public sealed record Row(int LineNumber, IReadOnlyDictionary<string, string> Fields)
    {
        public string? Get(string name) => Fields.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
    }

    public static (IReadOnlyList<string> Header, IReadOnlyList<Row> Rows) Parse(string text)
    {
        var records = ParseRecords(text);
        if (records.Count == 0)
        {
            return ([], []);
        }
        var header = records[0].Fields.Select(h => h.Trim()).ToList();
        var rows = new List<Row>(records.Count - 1);
        foreach (var (line, fields) in records.Skip(1))
        {
            if (fields.Count == 1 && fields[0].Length == 0)
            {
                continue; // blank line
            }
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Count; i++)
            {
                map[header[i]] = i < fields.Count ? fields[i].Trim() : "";
            }
            rows.Add(new Row(line, map));
        }
        return (header, rows);
    }

    private static List<(int Line, List<string> Fields)> ParseRecords(string text)
    {
        var records = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var line = 1;
        var recordLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                else
                {
                    if (c == '\n') line++;
                    field.Append(c);
                }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add((recordLine, fields));
                    fields = [];
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields));
        }
        if (records.Count > 0 && records[0].Item2.Count > 0 && records[0].Item2[0].StartsWith('\uFEFF'))
        {
            records[0].Item2[0] = records[0].Item2[0][1..];
        }
        return records;
    }
}
