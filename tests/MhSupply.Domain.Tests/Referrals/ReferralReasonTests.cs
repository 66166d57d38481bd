using MhSupply.Referrals;

namespace MhSupply.Domain.Tests.Referrals;

public sealed class ReferralReasonTests
{
    public static TheoryData<ReferralAction, string?> ActionsNeedingAReasonWithoutOne()
    {
        var data = new TheoryData<ReferralAction, string?>();
        foreach (var action in Spec.ActionsNeedingAReason)
        {
            data.Add(action, null);
            data.Add(action, "");
            data.Add(action, "   \t");
        }
        return data;
    }

    public static TheoryData<ReferralAction> ActionsNeedingAReason() => new(Spec.ActionsNeedingAReason);

    public static TheoryData<ReferralAction> ActionsWithoutAReason() => new(Spec.AllActions.Except(Spec.ActionsNeedingAReason));

    [Theory]
    [MemberData(nameof(ActionsNeedingAReasonWithoutOne))]
    public void Reject_fail_cancel_entered_in_error_and_reopen_need_a_non_blank_reason(ReferralAction action, string? reason)
    {
        var decision = ReferralRules.Decide(Spec.StateAllowing(action), action, Spec.CapableOf(action), reason);

        Assert.Equal(ReferralDecisionKind.ReasonRequired, decision.Kind);
        Assert.Null(decision.NewStatus);
        Assert.Contains(action.ToWireName(), decision.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ActionsNeedingAReason))]
    public void A_reason_of_1000_characters_is_accepted_and_one_of_1001_is_not(ReferralAction action)
    {
        var state = Spec.StateAllowing(action);
        var actor = Spec.CapableOf(action);

        Assert.Equal(ReferralDecisionKind.Allowed, ReferralRules.Decide(state, action, actor, new string('x', 1000)).Kind);
        Assert.Equal(ReferralDecisionKind.ReasonRequired, ReferralRules.Decide(state, action, actor, new string('x', 1001)).Kind);
    }

    [Theory]
    [MemberData(nameof(ActionsWithoutAReason))]
    public void Other_actions_need_no_reason(ReferralAction action)
    {
        var decision = ReferralRules.Decide(Spec.StateAllowing(action), action, Spec.CapableOf(action), null);

        Assert.Equal(ReferralDecisionKind.Allowed, decision.Kind);
        Assert.False(ReferralRules.RequiresReason(action));
    }

    [Fact]
    public void An_optional_no_show_reason_is_still_bounded()
    {
        var decision = ReferralRules.Decide(ReferralStatus.Booked, ReferralAction.NoShow, ReferralRole.ReceivingClinician, new string('x', 1001));

        Assert.Equal(ReferralDecisionKind.ReasonRequired, decision.Kind);
    }
}
