using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

/// <summary>Demand from treatment plans (issue 18, item 3), worked by hand.</summary>
public sealed class PlanDemandTests
{
    private static PlanMedicine Plan(string referral, decimal quantity, DosePeriod per, int days, string start, string medicine = "fluoxetine") =>
        new(referral, "phc-a", medicine, quantity, per, days, Given.Day(start));

    [Fact]
    public void Two_overlapping_plans_add_up_for_the_days_each_still_covers()
    {
        // On 1 March: plan 1 takes 1 a day for 80 days from 1 January, to 21 March (21 days left of the next 30.4375);
        // plan 2 takes 14 a week (2 a day) for 90 days from 1 March (a whole month left). 1 × 21 + 2 × 30.4375 = 81.875
        // → 81.88. Plan 3 ended on 13 February.
        PlanMedicine[] plans =
        [
            Plan("r1", 1, DosePeriod.Day, 80, "2025-01-01"),
            Plan("r2", 14, DosePeriod.Week, 90, "2025-03-01"),
            Plan("r3", 2, DosePeriod.Day, 30, "2025-01-15"),
            Plan("r4", 1, DosePeriod.Day, 30, "2025-03-01", medicine: "haloperidol"),
        ];

        var figures = PlanDemand.Of(plans, Given.Day("2025-03-01"));

        Assert.Equal([("fluoxetine", 2, 81.88m), ("haloperidol", 1, 30m)],
            figures.Select(f => (f.Medicine, f.PatientsOnPlan, f.PlanDemand)));
    }

    [Fact]
    public void A_course_is_counted_in_whole_units_and_what_remains_shrinks_as_days_pass()
    {
        // 10 a week for 30 days: 300 ÷ 7 = 42.86 → 43 units; from day 16, 15 days remain: 150 ÷ 7 = 21.43 → 22.
        var plan = Plan("r1", 10, DosePeriod.Week, 30, "2025-04-01");

        Assert.Equal(43, plan.CourseQuantity);
        Assert.Equal(43, plan.RemainingFrom(Given.Day("2025-03-20")));
        Assert.Equal(22, plan.RemainingFrom(Given.Day("2025-04-16")));
        Assert.Equal(0, plan.RemainingFrom(plan.End));
        Assert.False(plan.IsActiveOn(plan.End));
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("20", null, "20")]
    [InlineData(null, "35", "35")]
    [InlineData("20", "35", "35")]
    [InlineData("50", "35", "50")]
    public void The_demand_used_is_the_larger_of_AMC_and_plan_demand(string? amc, string? plan, string? expected) =>
        Assert.Equal(expected is null ? null : decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            PlanDemand.Effective(amc is null ? null : decimal.Parse(amc, System.Globalization.CultureInfo.InvariantCulture),
                plan is null ? null : decimal.Parse(plan, System.Globalization.CultureInfo.InvariantCulture)));
}
