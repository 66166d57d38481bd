using MhSupply.Reference;
using MhSupply.Stock;

namespace MhSupply.Gateway.Stock;

/// <summary>
/// Finds a medicine on the list from what a pharmacist types in a CSV file: its code, or its name as the web app shows it
/// ("Fluoxetine 20 mg capsule or tablet", <see cref="DisplayName"/>), or the name with its strength ("Fluoxetine 20 mg"),
/// or the name alone when only one item has it. Case and spacing do not matter. Retired items are found too: a late
/// report of one is still a report.
/// </summary>
public sealed class MedicineNames
{
    private readonly Dictionary<string, MedicineRecord> _byCode = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<MedicineRecord>> _byName = new(StringComparer.OrdinalIgnoreCase);

    public MedicineNames(IEnumerable<MedicineRecord> medicines)
    {
        foreach (var m in medicines)
        {
            _byCode[m.Code] = m;
            foreach (var name in new[] { DisplayName(m), Normalise($"{m.Name} {m.Strength}"), Normalise(m.Name) }.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!_byName.TryGetValue(name, out var list))
                {
                    _byName[name] = list = [];
                }
                list.Add(m);
            }
        }
    }

    /// <summary>The name the web app and the CSV template show: name, strength and form.</summary>
    public static string DisplayName(MedicineRecord m) => Normalise(m.ShownName());

    public string? NameOf(string code) => _byCode.TryGetValue(code, out var m) ? DisplayName(m) : null;

    /// <summary>The code and display name, or the message saying why the text names no single medicine.</summary>
    public (string? Code, string? Name, StockMessage? Problem) Resolve(string text)
    {
        if (_byCode.TryGetValue(text.Trim(), out var byCode))
        {
            return (byCode.Code, DisplayName(byCode), null);
        }
        if (_byName.TryGetValue(Normalise(text), out var matches))
        {
            if (matches.Count == 1)
            {
                return (matches[0].Code, DisplayName(matches[0]), null);
            }
            return (null, null, StockMessages.Of("medicine_ambiguous", ("medicine", text.Trim()),
                ("matches", string.Join("; ", matches.Select(DisplayName)))));
        }
        return (null, null, StockMessages.Of("unknown_medicine", ("medicine", text.Trim())));
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
