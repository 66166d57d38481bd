using MhSupply.Referrals;

namespace MhSupply.Domain.Tests.Referrals;

public sealed class ReferralWireNameTests
{
    [Theory]
    [InlineData("requested", ReferralStatus.Requested)]
    [InlineData("received", ReferralStatus.Received)]
    [InlineData("accepted", ReferralStatus.Accepted)]
    [InlineData("booked", ReferralStatus.Booked)]
    [InlineData("no_show", ReferralStatus.NoShow)]
    [InlineData("in_progress", ReferralStatus.InProgress)]
    [InlineData("on_hold", ReferralStatus.OnHold)]
    [InlineData("completed", ReferralStatus.Completed)]
    [InlineData("rejected", ReferralStatus.Rejected)]
    [InlineData("failed", ReferralStatus.Failed)]
    [InlineData("cancelled", ReferralStatus.Cancelled)]
    [InlineData("entered_in_error", ReferralStatus.EnteredInError)]
    public void Statuses_parse_from_and_format_to_their_wire_names(string wire, ReferralStatus status)
    {
        Assert.True(WireNames.TryParse<ReferralStatus>(wire, out var parsed));
        Assert.Equal(status, parsed);
        Assert.Equal(wire, status.ToWireName());
    }

    [Theory]
    [InlineData("no-show")]
    [InlineData("Requested")]
    [InlineData("in-progress")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_status_names_do_not_parse(string? wire) => Assert.False(WireNames.TryParse<ReferralStatus>(wire, out _));

    [Theory]
    [InlineData(ReferralStatus.Completed)]
    [InlineData(ReferralStatus.Rejected)]
    [InlineData(ReferralStatus.Failed)]
    [InlineData(ReferralStatus.Cancelled)]
    [InlineData(ReferralStatus.EnteredInError)]
    public void Completed_rejected_failed_cancelled_and_entered_in_error_are_terminal(ReferralStatus status) => Assert.True(status.IsTerminal());

    [Theory]
    [InlineData(ReferralStatus.Requested)]
    [InlineData(ReferralStatus.Received)]
    [InlineData(ReferralStatus.Accepted)]
    [InlineData(ReferralStatus.Booked)]
    [InlineData(ReferralStatus.NoShow)]
    [InlineData(ReferralStatus.InProgress)]
    [InlineData(ReferralStatus.OnHold)]
    public void Open_states_are_not_terminal(ReferralStatus status) => Assert.False(status.IsTerminal());

    [Theory]
    [InlineData("receive", ReferralAction.Receive)]
    [InlineData("accept", ReferralAction.Accept)]
    [InlineData("reject", ReferralAction.Reject)]
    [InlineData("book", ReferralAction.Book)]
    [InlineData("attend", ReferralAction.Attend)]
    [InlineData("no-show", ReferralAction.NoShow)]
    [InlineData("start", ReferralAction.Start)]
    [InlineData("hold", ReferralAction.Hold)]
    [InlineData("back-refer", ReferralAction.BackRefer)]
    [InlineData("fail", ReferralAction.Fail)]
    [InlineData("cancel", ReferralAction.Cancel)]
    [InlineData("entered-in-error", ReferralAction.EnterInError)]
    [InlineData("reopen", ReferralAction.Reopen)]
    public void Actions_parse_from_and_format_to_their_API_path_names(string wire, ReferralAction action)
    {
        Assert.True(WireNames.TryParse<ReferralAction>(wire, out var parsed));
        Assert.Equal(action, parsed);
        Assert.Equal(wire, action.ToWireName());
    }

    [Theory]
    [InlineData("no_show")]
    [InlineData("back_refer")]
    [InlineData("Accept")]
    [InlineData("delete")]
    [InlineData(null)]
    public void Unknown_action_names_do_not_parse(string? wire) => Assert.False(WireNames.TryParse<ReferralAction>(wire, out _));

    [Theory]
    [InlineData("emergency", Urgency.Emergency)]
    [InlineData("urgent", Urgency.Urgent)]
    [InlineData("routine", Urgency.Routine)]
    public void Urgencies_parse_from_and_format_to_their_wire_names(string wire, Urgency urgency)
    {
        Assert.True(WireNames.TryParse<Urgency>(wire, out var parsed));
        Assert.Equal(urgency, parsed);
        Assert.Equal(wire, urgency.ToWireName());
    }

    [Theory]
    [InlineData("Urgent")]
    [InlineData("high")]
    [InlineData(null)]
    public void Unknown_urgencies_do_not_parse(string? wire) => Assert.False(WireNames.TryParse<Urgency>(wire, out _));

    [Theory]
    [InlineData("scheduled", FollowUpStatus.Scheduled)]
    [InlineData("attended", FollowUpStatus.Attended)]
    [InlineData("missed", FollowUpStatus.Missed)]
    [InlineData("traced", FollowUpStatus.Traced)]
    public void Follow_up_statuses_parse_from_and_format_to_their_wire_names(string wire, FollowUpStatus status)
    {
        Assert.True(WireNames.TryParse<FollowUpStatus>(wire, out var parsed));
        Assert.Equal(status, parsed);
        Assert.Equal(wire, status.ToWireName());
    }

    [Theory]
    [InlineData("attend")]
    [InlineData("Missed")]
    [InlineData(null)]
    public void Unknown_follow_up_statuses_do_not_parse(string? wire) => Assert.False(WireNames.TryParse<FollowUpStatus>(wire, out _));

    [Fact]
    public void The_mhGAP_categories_are_the_nine_of_the_domain_reference() =>
        Assert.Equal(
            ["depression", "psychosis", "bipolar_disorder", "epilepsy", "child_adolescent", "dementia", "substance_use", "self_harm", "other"],
            MhGapCategories.All);

    [Theory]
    [InlineData("depression")]
    [InlineData("self_harm")]
    [InlineData("other")]
    public void Listed_mhGAP_categories_are_valid(string category) => Assert.True(MhGapCategories.IsValid(category));

    [Theory]
    [InlineData("Depression")]
    [InlineData("self-harm")]
    [InlineData("anxiety")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_reasons_are_not_mhGAP_categories(string? category) => Assert.False(MhGapCategories.IsValid(category));
}
