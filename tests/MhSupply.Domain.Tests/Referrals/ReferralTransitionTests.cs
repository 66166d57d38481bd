using MhSupply.Referrals;

namespace MhSupply.Domain.Tests.Referrals;

public sealed class ReferralTransitionTests
{
    public static TheoryData<ReferralStatus, ReferralAction, ReferralStatus> AllowedSteps()
    {
        var data = new TheoryData<ReferralStatus, ReferralAction, ReferralStatus>();
        foreach (var (from, action, to) in Spec.Transitions)
        {
            data.Add(from, action, to);
        }
        return data;
    }

    public static TheoryData<ReferralStatus, ReferralAction> ForbiddenSteps()
    {
        var data = new TheoryData<ReferralStatus, ReferralAction>();
        foreach (var from in Spec.AllStatuses)
        {
            foreach (var action in Spec.AllActions.Where(a => !Spec.IsTransition(from, a)))
            {
                data.Add(from, action);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(AllowedSteps))]
    public void Every_step_of_the_state_table_is_allowed_and_leads_where_the_table_says(
        ReferralStatus from, ReferralAction action, ReferralStatus to)
    {
        var decision = ReferralRules.Decide(from, action, Spec.CapableOf(action), Spec.Reason);

        Assert.Equal(ReferralDecisionKind.Allowed, decision.Kind);
        Assert.Equal(to, decision.NewStatus);
        Assert.Null(decision.Message);
    }

    [Theory]
    [MemberData(nameof(ForbiddenSteps))]
    public void Every_step_outside_the_state_table_is_a_forbidden_transition_even_for_an_admin(ReferralStatus from, ReferralAction action)
    {
        var decision = ReferralRules.Decide(from, action, ReferralRole.Admin, Spec.Reason);

        Assert.Equal(ReferralDecisionKind.ForbiddenTransition, decision.Kind);
        Assert.Null(decision.NewStatus);
    }

    [Fact]
    public void A_booked_referral_cannot_be_accepted_and_the_message_names_the_current_state()
    {
        var decision = ReferralRules.Decide(ReferralStatus.Booked, ReferralAction.Accept, ReferralRole.ReceivingClinician, null);

        Assert.Equal(ReferralDecisionKind.ForbiddenTransition, decision.Kind);
        Assert.Contains("booked", decision.Message, StringComparison.Ordinal);
        Assert.Contains("requested or received", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_requested_referral_cannot_be_attended_before_it_is_booked()
    {
        var decision = ReferralRules.Decide(ReferralStatus.Requested, ReferralAction.Attend, ReferralRole.ReceivingClinician, null);

        Assert.Equal(ReferralDecisionKind.ForbiddenTransition, decision.Kind);
        Assert.Contains("requested", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_patient_being_seen_cannot_be_cancelled_only_held_failed_or_back_referred()
    {
        var decision = ReferralRules.Decide(ReferralStatus.InProgress, ReferralAction.Cancel, ReferralRole.ReferringClinician, Spec.Reason);

        Assert.Equal(ReferralDecisionKind.ForbiddenTransition, decision.Kind);
    }

    [Fact]
    public void A_no_show_cannot_be_cancelled_it_is_rebooked_or_failed()
    {
        var decision = ReferralRules.Decide(ReferralStatus.NoShow, ReferralAction.Cancel, ReferralRole.Coordinator, Spec.Reason);

        Assert.Equal(ReferralDecisionKind.ForbiddenTransition, decision.Kind);
    }

    [Fact]
    public void Booking_a_booked_referral_again_reschedules_it()
    {
        var decision = ReferralRules.Decide(ReferralStatus.Booked, ReferralAction.Book, ReferralRole.ReceivingFacilityHead, null);

        Assert.Equal(ReferralStatus.Booked, decision.NewStatus);
    }

    [Fact]
    public void An_emergency_walk_in_is_started_without_a_booking()
    {
        var decision = ReferralRules.Decide(ReferralStatus.Accepted, ReferralAction.Start, ReferralRole.ReceivingClinician, null);

        Assert.Equal(ReferralStatus.InProgress, decision.NewStatus);
    }

    [Theory]
    [InlineData(ReferralStatus.Completed, new[] { ReferralAction.EnterInError })]
    [InlineData(ReferralStatus.Rejected, new[] { ReferralAction.EnterInError, ReferralAction.Reopen })]
    [InlineData(ReferralStatus.Failed, new[] { ReferralAction.EnterInError, ReferralAction.Reopen })]
    [InlineData(ReferralStatus.Cancelled, new[] { ReferralAction.EnterInError, ReferralAction.Reopen })]
    [InlineData(ReferralStatus.EnteredInError, new ReferralAction[0])]
    public void Terminal_states_refuse_every_action_but_correcting_the_record_and_reopening_a_closed_referral(
        ReferralStatus terminal, ReferralAction[] exceptions)
    {
        var allowed = Spec.AllActions
            .Where(a => ReferralRules.Decide(terminal, a, ReferralRole.Admin, Spec.Reason).Kind != ReferralDecisionKind.ForbiddenTransition)
            .ToArray();

        Assert.Equal(exceptions, allowed);
    }

    [Fact]
    public void A_completed_referral_entered_for_the_wrong_patient_can_still_be_marked_entered_in_error()
    {
        var decision = ReferralRules.Decide(ReferralStatus.Completed, ReferralAction.EnterInError, ReferralRole.ReferringClinician, "wrong patient");

        Assert.Equal(ReferralStatus.EnteredInError, decision.NewStatus);
    }

    [Fact]
    public void Reopening_a_rejected_referral_returns_it_to_requested()
    {
        var decision = ReferralRules.Decide(ReferralStatus.Rejected, ReferralAction.Reopen, ReferralRole.Coordinator, "rejected by mistake");

        Assert.Equal(ReferralDecisionKind.Allowed, decision.Kind);
        Assert.Equal(ReferralStatus.Requested, decision.NewStatus);
    }

    [Fact]
    public void A_forbidden_transition_is_reported_before_a_forbidden_role()
    {
        // A community worker may not attend, and a requested referral cannot be attended: the state conflict wins.
        var decision = ReferralRules.Decide(ReferralStatus.Requested, ReferralAction.Attend, ReferralRole.CommunityWorker, null);

        Assert.Equal(ReferralDecisionKind.ForbiddenTransition, decision.Kind);
    }

    [Fact]
    public void A_forbidden_role_is_reported_before_a_missing_reason()
    {
        var decision = ReferralRules.Decide(ReferralStatus.Requested, ReferralAction.Reject, ReferralRole.CommunityWorker, null);

        Assert.Equal(ReferralDecisionKind.ForbiddenRole, decision.Kind);
    }

    [Fact]
    public void An_undefined_action_is_a_forbidden_transition_not_a_crash()
    {
        var decision = ReferralRules.Decide(ReferralStatus.Requested, (ReferralAction)99, ReferralRole.Admin, Spec.Reason);

        Assert.Equal(ReferralDecisionKind.ForbiddenTransition, decision.Kind);
        Assert.Contains("requested", decision.Message, StringComparison.Ordinal);
    }
}
