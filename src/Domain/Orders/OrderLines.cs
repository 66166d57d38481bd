using MhSupply.Messages;

namespace MhSupply.Orders;

/// <summary>A line of a step refused: which line and field (<c>lines[1].quantity</c>) and why.</summary>
public sealed record OrderLineProblem(string Field, UserMessage Message);

/// <summary>
/// What the quantities of a step may be, against the order's lines (issue 18, item 1): an approval changes the requested
/// medicines' quantities (0 drops one) and approves at least one; a shipment ships approved medicines, at most what was
/// approved of each (lots summed). Medicines are named by <paramref name="name"/> in the messages.
/// </summary>
public static class OrderLines
{
    /// <summary>Most lines an order carries: the medicines list with room for lots on a shipment.</summary>
    public const int MaxLines = 500;

    /// <summary>Largest quantity of one line: a year of a district warehouse's busiest item, well within int.</summary>
    public const int MaxQuantity = 10_000_000;

    /// <summary>Longest note, lot or reason text a line or order keeps.</summary>
    public const int MaxText = 1000;

    /// <summary>The approved quantity of every requested medicine (unnamed ones as requested), or the first problem.</summary>
    public static (IReadOnlyDictionary<string, int>? Approved, OrderLineProblem? Problem) Approve(
        IReadOnlyList<(string Medicine, int Requested)> requested, IReadOnlyList<(string Medicine, int Quantity)>? approved,
        Func<string, string> name)
    {
        var result = requested.ToDictionary(r => r.Medicine, r => r.Requested, StringComparer.Ordinal);
        for (var i = 0; i < (approved?.Count ?? 0); i++)
        {
            var (medicine, quantity) = approved![i];
            if (!result.ContainsKey(medicine))
            {
                return (null, new OrderLineProblem($"lines[{i}].medicine", OrderMessages.Of("order.not_requested", ("medicine", name(medicine)))));
            }
            result[medicine] = quantity;
        }
        return result.Values.Any(q => q > 0)
            ? (result, null)
            : (null, new OrderLineProblem("lines", OrderMessages.Of("order.nothing_approved")));
    }

    /// <summary>The first line of a shipment that ships a medicine not approved, or more of it than approved; null when none.</summary>
    public static OrderLineProblem? CheckShipment(IReadOnlyDictionary<string, int> approved, IReadOnlyList<(string Medicine, int Quantity)> shipped,
        Func<string, string> name)
    {
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < shipped.Count; i++)
        {
            var (medicine, quantity) = shipped[i];
            if (approved.GetValueOrDefault(medicine) <= 0)
            {
                return new OrderLineProblem($"lines[{i}].medicine", OrderMessages.Of("order.not_approved_line", ("medicine", name(medicine))));
            }
            totals[medicine] = totals.GetValueOrDefault(medicine) + quantity;
            if (totals[medicine] > approved[medicine])
            {
                return new OrderLineProblem($"lines[{i}].quantity", OrderMessages.Of("order.ship_over_approved",
                    ("medicine", name(medicine)), ("shipped", totals[medicine]), ("approved", approved[medicine])));
            }
        }
        return shipped.Any(s => s.Quantity > 0) ? null : new OrderLineProblem("lines", OrderMessages.Of("order.nothing_shipped"));
    }

    /// <summary>Quantities by medicine, lots summed, in first-seen order.</summary>
    public static IReadOnlyDictionary<string, int> Totals(IEnumerable<(string Medicine, int Quantity)> lines)
    {
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (medicine, quantity) in lines)
        {
            totals[medicine] = checked(totals.GetValueOrDefault(medicine) + quantity);
        }
        return totals;
    }
}
