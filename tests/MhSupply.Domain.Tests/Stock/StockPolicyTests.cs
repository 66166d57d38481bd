using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

public sealed class StockPolicyTests
{
    [Theory]
    [InlineData(FacilityLevel.Phc, 3, 1, 0.5)]
    [InlineData(FacilityLevel.Specialist, 4, 2, 1)]
    [InlineData(FacilityLevel.Warehouse, 6, 3, 1.5)]
    [InlineData(FacilityLevel.Community, 3, 1, 0.5)]
    public void Each_level_has_the_domain_reference_default_thresholds(FacilityLevel level, double max, double min, double eop)
    {
        var policy = StockPolicy.ForLevel(level);

        Assert.Equal((decimal)max, policy.Max);
        Assert.Equal((decimal)min, policy.Min);
        Assert.Equal((decimal)eop, policy.EmergencyOrderPoint);
    }

    [Fact]
    public void The_defaults_are_consistent() =>
        Assert.All([StockPolicy.Phc, StockPolicy.Specialist, StockPolicy.Warehouse], p => Assert.Empty(p.Validate()));

    [Fact]
    public void Thresholds_out_of_order_are_reported()
    {
        var problems = new StockPolicy(Max: 2m, Min: 3m, EmergencyOrderPoint: 4m).Validate();

        Assert.Contains(problems, p => p.Contains("Min must not exceed Max", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("EmergencyOrderPoint must not exceed Min", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void AMC_months_outside_1_to_6_are_refused(int months)
    {
        var options = new StockCalculationOptions { AmcMonths = months };

        Assert.NotEmpty(options.Validate());
        Assert.Throws<ArgumentException>(() => StockCalculator.Compute(Given.Card(Given.Receipt(1, "2025-01-01")), Given.Day("2025-02-01"), StockPolicy.Phc, options));
    }
}
