using MhSupply.Common;

namespace MhSupply.Reference;

/// <summary>Reads the medicines list CSV (the columns of the shipped list, src/Server/Reference/Seed/medicines.csv; see docs/domain.md "Facilities and the medicines list"); `levels` is `;`-separated.</summary>
public static class MedicineCsv
{
    public static IReadOnlyList<string> RequiredColumns { get; } = ["code", "name", "form", "strength", "unit", "category"];

    public sealed record ParseResult(IReadOnlyList<MedicineRecord> Medicines, IReadOnlyDictionary<string, string[]> Errors);

    public static ParseResult Parse(string text)
    {
        var (header, rows) = CsvTable.Read(text);
        var errors = new Dictionary<string, string[]>();
        var missing = RequiredColumns.Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
        {
            errors["header"] = [$"missing column(s): {string.Join(", ", missing)}"];
            return new ParseResult([], errors);
        }
        var medicines = new List<MedicineRecord>();
        foreach (var row in rows)
        {
            var rowMissing = RequiredColumns.Where(c => row.Get(c) is null).ToList();
            if (rowMissing.Count > 0)
            {
                foreach (var column in rowMissing)
                {
                    errors[$"line{row.LineNumber}.{column}"] = [$"{column} is required"];
                }
                continue;
            }
            var tracer = row.Get("tracer");
            if (tracer is not null && !bool.TryParse(tracer, out _))
            {
                errors[$"line{row.LineNumber}.tracer"] = ["tracer must be true or false"];
                continue;
            }
            medicines.Add(new MedicineRecord(
                row.Get("code")!, row.Get("name")!, row.Get("form")!, row.Get("strength")!, row.Get("unit")!,
                row.Get("atc"), row.Get("category")!, row.Get("source"), tracer is not null && bool.Parse(tracer),
                (row.Get("levels") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                null));
        }
        return new ParseResult(medicines, errors);
    }
}
