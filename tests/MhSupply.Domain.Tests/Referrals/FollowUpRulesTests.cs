using MhSupply.Referrals;

namespace MhSupply.Domain.Tests.Referrals;

public sealed class FollowUpRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 10, 8, 0, 0, TimeSpan.FromHours(3));

    [Theory]
    [InlineData(FollowUpStatus.Scheduled, "attend", FollowUpStatus.Attended)]
    [InlineData(FollowUpStatus.Scheduled, "missed", FollowUpStatus.Missed)]
    [InlineData(FollowUpStatus.Missed, "attend", FollowUpStatus.Attended)]
    [InlineData(FollowUpStatus.Missed, "traced", FollowUpStatus.Traced)]
    [InlineData(FollowUpStatus.Traced, "attend", FollowUpStatus.Attended)]
    public void Every_follow_up_step_is_allowed_and_leads_where_the_rules_say(FollowUpStatus from, string action, FollowUpStatus to)
    {
        var decision = FollowUpRules.Decide(from, action, Now, outcome: "found at home, will come on Monday");

        Assert.Equal(FollowUpDecisionKind.Allowed, decision.Kind);
        Assert.Equal(to, decision.NewStatus);
    }

    [Theory]
    [InlineData(FollowUpStatus.Attended, "attend")]
    [InlineData(FollowUpStatus.Attended, "missed")]
    [InlineData(FollowUpStatus.Attended, "traced")]
    [InlineData(FollowUpStatus.Scheduled, "traced")]
    [InlineData(FollowUpStatus.Missed, "missed")]
    [InlineData(FollowUpStatus.Traced, "missed")]
    [InlineData(FollowUpStatus.Traced, "traced")]
    public void Steps_outside_the_rules_are_forbidden_transitions_naming_the_current_state(FollowUpStatus from, string action)
    {
        var decision = FollowUpRules.Decide(from, action, Now, outcome: "found");

        Assert.Equal(FollowUpDecisionKind.ForbiddenTransition, decision.Kind);
        Assert.Null(decision.NewStatus);
        Assert.Contains(from.ToWireName(), decision.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Attend")]
    [InlineData("attended")]
    [InlineData("no-show")]
    [InlineData("")]
    public void Unknown_actions_are_reported_as_such(string action) =>
        Assert.Equal(FollowUpDecisionKind.UnknownAction, FollowUpRules.Decide(FollowUpStatus.Scheduled, action, Now).Kind);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Tracing_needs_an_outcome(string? outcome)
    {
        var decision = FollowUpRules.Decide(FollowUpStatus.Missed, "traced", Now, outcome: outcome);

        Assert.Equal(FollowUpDecisionKind.Invalid, decision.Kind);
        Assert.Equal("outcome", decision.Field);
    }

    [Fact]
    public void A_tracing_outcome_over_1000_characters_is_refused() =>
        Assert.Equal("outcome", FollowUpRules.Decide(FollowUpStatus.Missed, "traced", Now, outcome: new string('x', 1001)).Field);

    [Fact]
    public void A_missed_visit_needs_neither_reason_nor_promised_date() =>
        Assert.Equal(FollowUpDecisionKind.Allowed, FollowUpRules.Decide(FollowUpStatus.Scheduled, "missed", Now).Kind);

    [Fact]
    public void A_missed_visit_reason_over_1000_characters_is_refused() =>
        Assert.Equal("reason", FollowUpRules.Decide(FollowUpStatus.Scheduled, "missed", Now, reason: new string('x', 1001)).Field);

    [Theory]
    [InlineData("2026-05-09")]
    [InlineData("2026-05-10")]
    [InlineData("2026-06-01")]
    public void A_promised_date_from_yesterday_on_is_accepted(string promised)
    {
        var decision = FollowUpRules.Decide(FollowUpStatus.Scheduled, "missed", Now, reason: "no fare", promisedDate: DateOnly.Parse(promised));

        Assert.Equal(FollowUpDecisionKind.Allowed, decision.Kind);
    }

    [Fact]
    public void A_promised_date_before_yesterday_is_refused()
    {
        var decision = FollowUpRules.Decide(FollowUpStatus.Scheduled, "missed", Now, promisedDate: new DateOnly(2026, 5, 8));

        Assert.Equal(FollowUpDecisionKind.Invalid, decision.Kind);
        Assert.Equal("promisedDate", decision.Field);
    }

    [Fact]
    public void A_forbidden_transition_is_reported_before_a_missing_outcome() =>
        Assert.Equal(FollowUpDecisionKind.ForbiddenTransition, FollowUpRules.Decide(FollowUpStatus.Attended, "traced", Now).Kind);
}
