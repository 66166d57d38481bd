using System.Globalization;
using MhSupply.Stock;

namespace MhSupply.Gateway.Stock;

/// <summary>
/// The id of a CSV line that has none, so that uploading the same file twice records it once (the second answer is
/// "duplicate" per line). It is a UUID (version 8, RFC 9562) made of the first 128 bits of SHA-256 over: the facility,
/// the line's content as read (medicine code, type, quantity, the instant it occurred, reason, lot, expiry, other
/// facility, note; so "31/12/2026" and "2026-12-31", or a medicine's name and its code, give the same id), and how many
/// identical lines came before it in the file (two identical issues on one day are two issues, in every upload).
/// A line edited between uploads is a new line; the old one stays recorded.
/// </summary>
public static class CsvRowIds
{
    private const string Domain = "mhsupply/stock-csv-row/v1";

    public static void Assign(string facility, IList<StockEventParser.Parsed> rows)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Input is not { Id: var id } input || id != Guid.Empty)
            {
                continue;
            }
            var content = Content(input);
            var ordinal = seen.TryGetValue(content, out var n) ? n + 1 : 0;
            seen[content] = ordinal;
            rows[i] = rows[i] with { Input = input with { Id = Derive(facility, content, ordinal) } };
        }
    }

    public static Guid Derive(string facility, string content, int ordinal) => DerivedIds.Derive(Domain, facility, content, ordinal);

    private static string Content(StockEventInput e) => string.Join('\u001f',
        e.Medicine, e.Type.Trim().ToLowerInvariant(), e.Quantity.ToString(CultureInfo.InvariantCulture),
        e.OccurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), Text(e.Reason), Text(e.Lot),
        e.Expiry?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", Text(e.OtherFacility), Text(e.Note));

    private static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? "" : value.Trim();
}
