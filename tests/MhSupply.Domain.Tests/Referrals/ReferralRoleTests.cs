using MhSupply.Referrals;

namespace MhSupply.Domain.Tests.Referrals;

public sealed class ReferralRoleTests
{
    public static TheoryData<ReferralAction, ReferralRole, bool> EveryActionForEveryCapacity()
    {
        var data = new TheoryData<ReferralAction, ReferralRole, bool>();
        foreach (var action in Spec.AllActions)
        {
            foreach (var role in Spec.AllRoles)
            {
                data.Add(action, role, Spec.Roles[action].Contains(role));
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryActionForEveryCapacity))]
    public void Each_action_is_open_exactly_to_its_capacities(ReferralAction action, ReferralRole role, bool allowed)
    {
        var decision = ReferralRules.Decide(Spec.StateAllowing(action), action, role, Spec.Reason);

        Assert.Equal(allowed ? ReferralDecisionKind.Allowed : ReferralDecisionKind.ForbiddenRole, decision.Kind);
    }

    [Theory]
    [InlineData(ReferralAction.BackRefer)]
    [InlineData(ReferralAction.Fail)]
    public void Clinical_judgements_are_refused_to_an_admin(ReferralAction action)
    {
        var decision = ReferralRules.Decide(ReferralStatus.InProgress, action, ReferralRole.Admin, Spec.Reason);

        Assert.Equal(ReferralDecisionKind.ForbiddenRole, decision.Kind);
        Assert.Contains("administrator", decision.Message, StringComparison.Ordinal);
        Assert.Null(decision.NewStatus);
    }

    [Fact]
    public void A_community_worker_who_referred_may_cancel()
    {
        var decision = ReferralRules.Decide(ReferralStatus.Requested, ReferralAction.Cancel, ReferralRole.CommunityWorker, "patient recovered");

        Assert.Equal(ReferralStatus.Cancelled, decision.NewStatus);
    }

    [Fact]
    public void The_referring_clinician_cannot_accept_their_own_referral()
    {
        var decision = ReferralRules.Decide(ReferralStatus.Requested, ReferralAction.Accept, ReferralRole.ReferringClinician, null);

        Assert.Equal(ReferralDecisionKind.ForbiddenRole, decision.Kind);
    }

    [Fact]
    public void The_receiving_side_cannot_cancel_it_rejects_instead()
    {
        var decision = ReferralRules.Decide(ReferralStatus.Received, ReferralAction.Cancel, ReferralRole.ReceivingClinician, Spec.Reason);

        Assert.Equal(ReferralDecisionKind.ForbiddenRole, decision.Kind);
    }

    [Fact]
    public void Only_a_coordinator_or_admin_reopens_a_closed_referral()
    {
        var byClinician = ReferralRules.Decide(ReferralStatus.Cancelled, ReferralAction.Reopen, ReferralRole.ReferringClinician, Spec.Reason);
        var byCoordinator = ReferralRules.Decide(ReferralStatus.Cancelled, ReferralAction.Reopen, ReferralRole.Coordinator, Spec.Reason);

        Assert.Equal(ReferralDecisionKind.ForbiddenRole, byClinician.Kind);
        Assert.Equal(ReferralDecisionKind.Allowed, byCoordinator.Kind);
    }
}
