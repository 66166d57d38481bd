using MhSupply.Stock;

namespace MhSupply.Domain.Tests.Stock;

public sealed class WireNameTests
{
    [Theory]
    [InlineData("receipt", StockEventType.Receipt)]
    [InlineData("issue", StockEventType.Issue)]
    [InlineData("transfer_in", StockEventType.TransferIn)]
    [InlineData("transfer_out", StockEventType.TransferOut)]
    [InlineData("adjustment", StockEventType.Adjustment)]
    [InlineData("physical_count", StockEventType.PhysicalCount)]
    public void Event_types_parse_from_and_format_to_their_wire_names(string wire, StockEventType type)
    {
        Assert.True(WireNames.TryParse<StockEventType>(wire, out var parsed));
        Assert.Equal(type, parsed);
        Assert.Equal(wire, type.ToWireName());
    }

    [Theory]
    [InlineData("Receipt")]
    [InlineData("dispense")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_event_type_names_do_not_parse(string? wire)
    {
        Assert.False(WireNames.TryParse<StockEventType>(wire, out _));
        Assert.Throws<FormatException>(() => WireNames.Parse<StockEventType>(wire ?? ""));
    }

    [Theory]
    [InlineData("stocked_out", StockStatus.StockedOut)]
    [InlineData("below_eop", StockStatus.BelowEop)]
    [InlineData("below_min", StockStatus.BelowMin)]
    [InlineData("ok", StockStatus.Ok)]
    [InlineData("overstocked", StockStatus.Overstocked)]
    [InlineData("unknown", StockStatus.Unknown)]
    public void Statuses_parse_from_and_format_to_their_wire_names(string wire, StockStatus status)
    {
        Assert.True(WireNames.TryParse<StockStatus>(wire, out var parsed));
        Assert.Equal(status, parsed);
        Assert.Equal(wire, status.ToWireName());
    }

    [Fact]
    public void Unknown_status_names_do_not_parse() => Assert.False(WireNames.TryParse<StockStatus>("low", out _));

    [Theory]
    [InlineData("phc", FacilityLevel.Phc)]
    [InlineData("specialist", FacilityLevel.Specialist)]
    [InlineData("community", FacilityLevel.Community)]
    [InlineData("warehouse", FacilityLevel.Warehouse)]
    public void Facility_levels_parse_from_and_format_to_their_wire_names(string wire, FacilityLevel level)
    {
        Assert.True(WireNames.TryParse<FacilityLevel>(wire, out var parsed));
        Assert.Equal(level, parsed);
        Assert.Equal(wire, level.ToWireName());
    }

    [Fact]
    public void Unknown_facility_levels_do_not_parse() => Assert.False(WireNames.TryParse<FacilityLevel>("hospital", out _));
}
