using MhSupply.Referrals;
using MhSupply.Stock;

namespace MhSupply.Domain.Tests;

public sealed class WireNamesTests
{
    /// <summary>
    /// Every wire name of every enum, in order: stored rows, API JSON and path segments carry these strings, and error
    /// messages list them in this order. A renamed member that changes its spelling fails here.
    /// </summary>
    public static TheoryData<Type, string[]> Spellings => new()
    {
        { typeof(StockStatus), ["stocked_out", "below_eop", "below_min", "ok", "overstocked", "unknown"] },
        { typeof(StockEventType), ["receipt", "issue", "transfer_in", "transfer_out", "adjustment", "physical_count"] },
        { typeof(AdjustmentCategory), ["expiry", "damage", "loss", "theft", "found", "return", "other"] },
        { typeof(FacilityLevel), ["phc", "specialist", "community", "warehouse"] },
        {
            typeof(ReferralStatus),
            [
                "requested", "received", "accepted", "booked", "no_show", "in_progress", "on_hold", "completed", "rejected", "failed",
                "cancelled", "entered_in_error",
            ]
        },
        {
            typeof(ReferralAction),
            ["receive", "accept", "reject", "book", "attend", "no-show", "start", "hold", "back-refer", "fail", "cancel", "entered-in-error", "reopen"]
        },
        { typeof(Urgency), ["emergency", "urgent", "routine"] },
        { typeof(FollowUpStatus), ["scheduled", "attended", "missed", "traced"] },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Each_enum_has_exactly_its_known_wire_names_in_declaration_order(Type type, string[] expected) =>
        Assert.Equal(expected, Call<IReadOnlyList<string>>(nameof(AllOf), type));

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Every_member_formats_to_one_of_its_wire_names_and_parses_back_to_itself(Type type, string[] expected) =>
        Assert.True(Call<bool>(nameof(RoundTrips), type, (object)expected));

    [Theory]
    [InlineData("No-Show")]
    [InlineData("no_show")]
    [InlineData(" no-show")]
    [InlineData("")]
    [InlineData(null)]
    public void Parsing_is_exact_and_case_sensitive(string? wire)
    {
        Assert.False(WireNames.TryParse<ReferralAction>(wire, out var action));
        Assert.Equal(default, action);
    }

    [Fact]
    public void A_value_that_is_no_member_has_no_wire_name() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => default(ReferralAction).ToWireName());

    [Fact]
    public void The_default_stock_status_is_unknown() => Assert.Equal("unknown", default(StockStatus).ToWireName());

    [Theory]
    [InlineData("Ok", "ok")]
    [InlineData("BelowEop", "below_eop")]
    [InlineData("EnteredInError", "entered_in_error")]
    public void Member_names_become_snake_case(string member, string wire) => Assert.Equal(wire, WireNames.SnakeCase(member));

    [Fact]
    public void Parse_names_the_type_and_its_wire_names_when_it_fails()
    {
        var error = Assert.Throws<FormatException>(() => WireNames.Parse<Urgency>("high"));
        Assert.Equal("'high' is not a wire name of Urgency (emergency, urgent, routine).", error.Message);
    }

    private static IReadOnlyList<string> AllOf<T>() where T : struct, Enum => WireNames<T>.All;

    private static bool RoundTrips<T>(string[] expected) where T : struct, Enum =>
        Enum.GetValues<T>().Length == expected.Length
        && Enum.GetValues<T>().All(v => expected.Contains(v.ToWireName()) && WireNames.TryParse<T>(v.ToWireName(), out var back) && back.Equals(v));

    /// <summary>Calls the generic helper <paramref name="method"/> for the enum <paramref name="type"/> of a theory row.</summary>
    private static TResult Call<TResult>(string method, Type type, params object[] arguments) =>
        (TResult)typeof(WireNamesTests).GetMethod(method, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, arguments)!;
}
