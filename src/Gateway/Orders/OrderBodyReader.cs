using System.Globalization;
using System.Text.Json;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Stock;
using MhSupply.Gateway.Validation;
using MhSupply.Messages;
using MhSupply.Orders;

namespace MhSupply.Gateway.Orders;

/// <summary>
/// Reads an order's JSON body field by field, so each problem is a 400 naming its field (<c>lines[2].quantity</c>) and
/// nothing reaches the grain until the whole body reads. Medicines may be named by code or as the list shows them.
/// </summary>
public sealed class OrderBodyReader(JsonElement root, MedicineNames medicines, InputBounds bounds)
{
    public ValidationErrors Errors { get; } = new();

    public bool IsObject => root.ValueKind == JsonValueKind.Object;

    public string? Text(string field, bool required = false)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            Errors.Add(field, OrderMessages.Of("order.body_invalid"));
            return null;
        }
        var text = value.GetString()!.Trim();
        if (text.Length > OrderLines.MaxText)
        {
            Errors.Add(field, OrderMessages.Of("order.text_too_long", ("length", text.Length), ("max", OrderLines.MaxText)));
            return null;
        }
        return text.Length == 0 ? null : text;
    }

    public Guid? Id()
    {
        if (root.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var id) && id != Guid.Empty)
        {
            return id;
        }
        Errors.Add("id", OrderMessages.Of("order.id_invalid"));
        return null;
    }

    public bool Flag(string field)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return false;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        Errors.Add(field, OrderMessages.Of("order.boolean_invalid"));
        return false;
    }

    /// <summary>The step's <c>at</c>: a time with its offset, when it happened on the ground (not before the bounds' start).</summary>
    public DateTimeOffset? At()
    {
        if (Text("at") is not { } text)
        {
            return null;
        }
        if (!Instants.HasExplicitOffset(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            Errors.Add("at", OrderMessages.Of("order.at_invalid", ("value", text)));
            return null;
        }
        bounds.Happened(at, "at", Errors);
        return at;
    }

    /// <summary>
    /// The lines (null when absent and optional): each a medicine and a quantity from <paramref name="min"/>, with lot and
    /// expiry when <paramref name="lots"/>; a medicine twice is refused unless lots tell the lines apart.
    /// </summary>
    public OrderShipmentLine[]? Lines(bool required, int min, bool lots)
    {
        if (!root.TryGetProperty("lines", out var lines) || lines.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                Errors.Add("lines", OrderMessages.Of("order.lines_required", ("max", OrderLines.MaxLines)));
            }
            return null;
        }
        if (lines.ValueKind != JsonValueKind.Array || lines.GetArrayLength() is 0 or > OrderLines.MaxLines)
        {
            Errors.Add("lines", OrderMessages.Of("order.lines_required", ("max", OrderLines.MaxLines)));
            return null;
        }
        var read = new List<OrderShipmentLine>();
        var seen = new Dictionary<(string, string), int>();
        var index = 0;
        foreach (var line in lines.EnumerateArray())
        {
            var field = $"lines[{index}]";
            if (line.ValueKind != JsonValueKind.Object)
            {
                Errors.Add(field, OrderMessages.Of("order.body_invalid"));
                index++;
                continue;
            }
            var medicine = Medicine(line, $"{field}.medicine");
            var quantity = Quantity(line, $"{field}.quantity", min);
            var lot = lots ? LineText(line, "lot", $"{field}.lot") : null;
            var expiry = lots ? Expiry(line, $"{field}.expiry") : null;
            if (medicine is not null)
            {
                var key = (medicine, lot ?? "");
                if (seen.TryGetValue(key, out var first))
                {
                    Errors.Add($"{field}.medicine", OrderMessages.Of("order.line_twice", ("medicine", medicines.NameOf(medicine) ?? medicine), ("line", first + 1)));
                }
                seen.TryAdd(key, index);
            }
            if (medicine is not null && quantity is not null)
            {
                read.Add(new OrderShipmentLine(medicine, quantity.Value, lot, expiry));
            }
            index++;
        }
        return read.ToArray();
    }

    /// <summary>A body that is itself one line (<c>medicine</c>, <c>quantity</c> at its top level).</summary>
    public OrderQuantity? Line()
    {
        var medicine = Medicine(root, "medicine");
        var quantity = Quantity(root, "quantity", 1);
        return medicine is not null && quantity is not null ? new OrderQuantity(medicine, quantity.Value) : null;
    }

    private string? LineText(JsonElement line, string name, string field)
    {
        if (!line.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : null;
        if (text is null || text.Length > 100)
        {
            Errors.Add(field, OrderMessages.Of("order.text_too_long", ("length", text?.Length ?? 0), ("max", 100)));
            return null;
        }
        return text.Length == 0 ? null : text;
    }

    private string? Medicine(JsonElement line, string field)
    {
        var text = line.TryGetProperty("medicine", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (string.IsNullOrWhiteSpace(text))
        {
            Errors.Add(field, OrderMessages.Of("order.unknown_medicine", ("medicine", "")));
            return null;
        }
        var (code, _, problem) = medicines.Resolve(text);
        if (problem is not null)
        {
            Errors.Add(field, problem);
        }
        return code;
    }

    private int? Quantity(JsonElement line, string field, int min)
    {
        if (line.TryGetProperty("quantity", out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var quantity)
            && quantity >= min && quantity <= OrderLines.MaxQuantity)
        {
            return quantity;
        }
        var shown = line.TryGetProperty("quantity", out var v) ? v.GetRawText() : "missing";
        Errors.Add(field, OrderMessages.Of("order.quantity_invalid", ("value", shown), ("min", min), ("max", OrderLines.MaxQuantity)));
        return null;
    }

    private DateOnly? Expiry(JsonElement line, string field)
    {
        if (!line.TryGetProperty("expiry", out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        var (from, to) = bounds.ExpiryRange();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day >= from && day <= to)
        {
            return day;
        }
        Errors.Add(field, OrderMessages.Of("order.expiry_invalid", ("value", text)));
        return null;
    }
}
