using MhSupply.Stock;

namespace MhSupply.Alerts;

/// <summary>
/// Which alerts a stock card's figures call for (docs/domain.md, "Alerts" and "Consumption, months of stock and
/// status"). Evaluated on every accepted change of the card, so a stock-out is raised by the event that causes it,
/// not by the next scan; an open card alert whose condition is absent from the result resolves.
/// </summary>
public static class StockAlertRules
{
    public static string CardSubject(string facility, string medicine) => $"{facility}/{medicine}";

    public static string LotSubject(string facility, string medicine, string lot) => $"{facility}/{medicine}/{lot}";

    /// <param name="facility">The facility with its registry name, <paramref name="medicine"/> with its name on the list:
    /// the alerts' words name them as people do, their parameters carry the codes.</param>
    private static (int, DateOnly?) OnPlans(StockFigures figures) => (figures.Pipeline.PatientsOnPlan, figures.Pipeline.NextDue);

    public static IReadOnlyList<AlertCondition> ConditionsFor(Named facility, Named medicine, StockFigures figures)
    {
        var conditions = new List<AlertCondition>();
        var card = CardSubject(facility.Code, medicine.Code);
        if (figures.LastEventAt is null)
        {
            // A card with no line yet is not stocked out: nothing was ever there to run out.
            return conditions;
        }
        if (figures.Status == StockStatus.StockedOut)
        {
            conditions.Add(new AlertCondition(AlertKinds.StockOut, card, facility.Code, medicine.Code, null,
                AlertMessages.StockOut(medicine, facility, OnPlans(figures))));
        }
        else if (figures.Status == StockStatus.BelowEop)
        {
            conditions.Add(new AlertCondition(AlertKinds.BelowEop, card, facility.Code, medicine.Code, null,
                AlertMessages.BelowEop(medicine, facility, figures.Mos, figures.Soh, OnPlans(figures))));
        }
        foreach (var lot in figures.ExpiredOnShelf)
        {
            conditions.Add(ExpiredOnShelf(facility, medicine, lot));
        }
        foreach (var lot in figures.Expiring.Where(l => figures.ExpiredOnShelf.All(e => e.Lot != l.Lot)))
        {
            conditions.Add(Expiring(facility, medicine, lot));
        }
        return conditions;
    }

    /// <summary>A lot past its expiry with stock on the shelf (<paramref name="lot"/> has an expiry).</summary>
    public static AlertCondition ExpiredOnShelf(Named facility, Named medicine, LotBalance lot) =>
        new(AlertKinds.ExpiredOnShelf, LotSubject(facility.Code, medicine.Code, lot.Lot), facility.Code, medicine.Code, lot.Lot,
            AlertMessages.ExpiredOnShelf(lot.Lot, medicine, facility, lot.Expiry!.Value, lot.Soh));

    /// <summary>A lot within the expiry warning with stock on hand (<paramref name="lot"/> has an expiry).</summary>
    public static AlertCondition Expiring(Named facility, Named medicine, LotBalance lot) =>
        new(AlertKinds.Expiring, LotSubject(facility.Code, medicine.Code, lot.Lot), facility.Code, medicine.Code, lot.Lot,
            AlertMessages.Expiring(lot.Lot, medicine, facility, lot.Expiry!.Value, lot.Soh));
}
