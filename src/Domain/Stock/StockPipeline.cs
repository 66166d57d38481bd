namespace MhSupply.Stock;

/// <summary>
/// What is coming to a card and what the people on treatment need (issue 18, item 2): units approved and not yet shipped
/// (<see cref="OnOrder"/>), shipped and not yet received (<see cref="InTransit"/>), and the next month's need of the active
/// treatment plans (<see cref="PlanDemand"/>, for <see cref="PatientsOnPlan"/> people). The card's own ledger knows none
/// of these; the suggested order subtracts what is coming, so a second order is not placed for stock already on its way.
/// </summary>
/// <param name="NextDue">The earliest scheduled follow-up visit of those people: when the next of them comes for the medicine.</param>
public sealed record StockPipeline(int OnOrder = 0, int InTransit = 0, decimal? PlanDemand = null, int PatientsOnPlan = 0, DateOnly? NextDue = null)
{
    public static StockPipeline None { get; } = new();

    /// <summary>What the facility will hold without ordering again: on order and in transit.</summary>
    public int Coming => checked(OnOrder + InTransit);
}
