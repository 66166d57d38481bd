using System.Globalization;
using System.Text;

namespace MhSupply.Common;

/// <summary>Writes CSV (RFC 4180, CRLF line ends) from rows of cells: what every CSV download of the API uses.</summary>
public static class CsvText
{
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var csv = new StringBuilder();
        Line(csv, header);
        foreach (var row in rows)
        {
            Line(csv, row);
        }
        return csv.ToString();
    }

    public static void Line(StringBuilder csv, IEnumerable<object?> cells) =>
        csv.Append(string.Join(',', cells.Select(c => Quote(Convert.ToString(c, CultureInfo.InvariantCulture) ?? "")))).Append("\r\n");

    /// <summary>A cell with a comma, quote or line break is quoted, its quotes doubled.</summary>
    public static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
