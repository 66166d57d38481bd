using System.Globalization;
using System.Text;
using MhSupply.Reference;

namespace MhSupply.Gateway.Stock;

/// <summary>The stock report template a pharmacist downloads, fills in a spreadsheet and uploads (docs/api.md "Stock events").</summary>
public static class CsvTemplates
{
    public static IReadOnlyList<string> Columns { get; } = ["medicine", "type", "quantity", "occurredAt", "reason", "lot", "expiry", "otherFacility", "note"];

    /// <summary>The header and example lines: a receipt with its lot, an issue, a count and an adjustment, dated <paramref name="today"/>.</summary>
    public static string StockEvents(IReadOnlyList<MedicineRecord> medicines, DateOnly today)
    {
        var first = medicines.Count > 0 ? MedicineNames.DisplayName(medicines[0]) : "medicine name";
        var second = medicines.Count > 1 ? MedicineNames.DisplayName(medicines[1]) : first;
        var day = today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var expiry = today.AddYears(2).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var csv = new StringBuilder();
        csv.Append(string.Join(',', Columns)).Append("\r\n");
        Line(csv, first, "receipt", 100, day, "", "LOT-0001", expiry, "", "delivery from the district store");
        Line(csv, first, "issue", 30, day, "", "", "", "", "");
        Line(csv, second, "physical_count", 50, day, "", "", "", "", "monthly count");
        Line(csv, second, "adjustment", 2, day, "damaged", "", "", "", "broken bottle");
        return csv.ToString();
    }

    private static void Line(StringBuilder csv, params object[] cells) => MhSupply.Common.CsvText.Line(csv, cells);
}
