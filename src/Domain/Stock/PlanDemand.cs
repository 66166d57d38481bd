namespace MhSupply.Stock;

/// <summary>How often a prescribed quantity is taken.</summary>
public enum DosePeriod
{
    Day = 1,
    Week,
}

/// <summary>
/// A prescribed medicine in numbers (issue 18, item 3): <see cref="Quantity"/> units per day or per week, for
/// <see cref="DurationDays"/> days from <see cref="Start"/>. The prescriber's free-text dose is kept beside it; this is
/// what the supply side can count.
/// </summary>
public sealed record PlanMedicine(string Referral, string Facility, string Medicine, decimal Quantity, DosePeriod Per, int DurationDays,
    DateOnly Start)
{
    /// <summary>Units a day: a weekly quantity spread over 7 days.</summary>
    public decimal PerDay => Per == DosePeriod.Day ? Quantity : Quantity / 7m;

    /// <summary>The first day the course no longer covers.</summary>
    public DateOnly End => Start.AddDays(DurationDays);

    /// <summary>The whole course, rounded up to whole units.</summary>
    public int CourseQuantity => (int)Math.Ceiling(Math.Round(PerDay * DurationDays, 10));

    public bool IsActiveOn(DateOnly day) => Start <= day && day < End;

    /// <summary>Units still to be taken from <paramref name="day"/> (inclusive) to the end of the course, rounded up.</summary>
    public int RemainingFrom(DateOnly day) =>
        day >= End ? 0 : (int)Math.Ceiling(Math.Round(PerDay * (End.DayNumber - Math.Max(day.DayNumber, Start.DayNumber)), 10));
}

/// <summary>What the active treatment plans at a facility need of one medicine, as of a day.</summary>
/// <param name="PatientsOnPlan">People whose plan of this medicine is active that day.</param>
/// <param name="PlanDemand">
/// Units the active plans need over the next average month (30.4375 days): each plan's daily quantity for the days of
/// that month its course still covers. Comparable with AMC, a monthly figure.
/// </param>
public sealed record PlanDemandFigure(string Facility, string Medicine, int PatientsOnPlan, decimal PlanDemand);

public static class PlanDemand
{
    /// <summary>Per facility and medicine with at least one plan active on <paramref name="asOf"/>, in facility then medicine order.</summary>
    public static IReadOnlyList<PlanDemandFigure> Of(IEnumerable<PlanMedicine> plans, DateOnly asOf) =>
    [
        .. plans.Where(p => p.IsActiveOn(asOf))
            .GroupBy(p => (p.Facility, p.Medicine))
            .OrderBy(g => g.Key.Facility, StringComparer.Ordinal).ThenBy(g => g.Key.Medicine, StringComparer.Ordinal)
            .Select(g => new PlanDemandFigure(g.Key.Facility, g.Key.Medicine,
                g.Select(p => p.Referral).Distinct(StringComparer.Ordinal).Count(),
                Math.Round(g.Sum(p => p.PerDay * Math.Min(StockCalculator.DaysPerMonth, p.End.DayNumber - asOf.DayNumber)), 2))),
    ];

    /// <summary>
    /// The demand a suggestion and a projected stock-out date use: the larger of AMC and plan demand, so that people newly
    /// on treatment count before their consumption shows in the history, and walk-in consumption beyond the plans is kept.
    /// </summary>
    public static decimal? Effective(decimal? amc, decimal? planDemand) => (amc, planDemand) switch
    {
        (null, null) => null,
        ({ } a, null) => a,
        (null, { } p) => p,
        ({ } a, { } p) => Math.Max(a, p),
    };
}
