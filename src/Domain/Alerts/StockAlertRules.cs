using MhSupply.Stock;

namespace MhSupply.Alerts;

/// <summary>
/// Which alerts a stock card's figures call for (domain reference, "Alerts" and "Consumption, months of stock and
/// status"). Evaluated on every accepted change of the card, so a stock-out is raised by the event that causes it,
/// not by the next scan; an open card alert whose condition is absent from the result resolves.
/// </summary>
public static class StockAlertRules
{
    public static string CardSubject(string facility, string medicine) => $"{facility}/{medicine}";

    public static string LotSubject(string facility, string medicine, string lot) => $"{facility}/{medicine}/{lot}";

    public static IReadOnlyList<AlertCondition> ConditionsFor(string facility, string medicine, StockFigures figures)
    {
        var conditions = new List<AlertCondition>();
        var card = CardSubject(facility, medicine);
        if (figures.LastEventAt is null)
        {
            // A card with no line yet is not stocked out: nothing was ever there to run out.
            return conditions;
        }
        if (figures.Status == StockStatus.StockedOut)
        {
            conditions.Add(new AlertCondition(AlertKinds.StockOut, card, facility, medicine, null,
                $"{medicine} is stocked out at {facility}."));
        }
        else if (figures.Status == StockStatus.BelowEop)
        {
            conditions.Add(new AlertCondition(AlertKinds.BelowEop, card, facility, medicine, null,
                $"{medicine} at {facility} is below the emergency order point: {figures.Mos:0.##} months of stock left ({figures.Soh} units); order now."));
        }
        foreach (var lot in figures.ExpiredOnShelf)
        {
            conditions.Add(new AlertCondition(AlertKinds.ExpiredOnShelf, LotSubject(facility, medicine, lot.Lot), facility, medicine, lot.Lot,
                $"Lot {lot.Lot} of {medicine} at {facility} expired on {lot.Expiry:yyyy-MM-dd} with {lot.Soh} units on the shelf; write it off."));
        }
        foreach (var lot in figures.Expiring.Where(l => figures.ExpiredOnShelf.All(e => e.Lot != l.Lot)))
        {
            conditions.Add(new AlertCondition(AlertKinds.Expiring, LotSubject(facility, medicine, lot.Lot), facility, medicine, lot.Lot,
                $"Lot {lot.Lot} of {medicine} at {facility} expires on {lot.Expiry:yyyy-MM-dd} with {lot.Soh} units on hand."));
        }
        return conditions;
    }
}
