using MhSupply.Referrals;

namespace MhSupply.Domain.Tests.Referrals;

public sealed class ReferralAllowedActionsTests
{
    [Fact]
    public void The_receiving_clinician_is_offered_receive_accept_and_reject_on_a_new_referral() =>
        Assert.Equal(
            [ReferralAction.Receive, ReferralAction.Accept, ReferralAction.Reject],
            ReferralRules.AllowedActions(ReferralStatus.Requested, ReferralRole.ReceivingClinician));

    [Fact]
    public void The_referring_clinician_is_offered_cancel_and_entered_in_error_on_a_new_referral() =>
        Assert.Equal(
            [ReferralAction.Cancel, ReferralAction.EnterInError],
            ReferralRules.AllowedActions(ReferralStatus.Requested, ReferralRole.ReferringClinician));

    [Fact]
    public void The_receiving_clinician_seeing_the_patient_is_offered_hold_back_refer_and_fail() =>
        Assert.Equal(
            [ReferralAction.Hold, ReferralAction.BackRefer, ReferralAction.Fail],
            ReferralRules.AllowedActions(ReferralStatus.InProgress, ReferralRole.ReceivingClinician));

    [Fact]
    public void An_admin_on_a_referral_in_progress_is_offered_hold_and_entered_in_error_but_no_clinical_act() =>
        Assert.Equal(
            [ReferralAction.Hold, ReferralAction.EnterInError],
            ReferralRules.AllowedActions(ReferralStatus.InProgress, ReferralRole.Admin));

    [Fact]
    public void The_coordinator_on_a_booked_referral_is_offered_rebooking_attendance_no_show_and_cancel() =>
        Assert.Equal(
            [ReferralAction.Book, ReferralAction.Attend, ReferralAction.NoShow, ReferralAction.Cancel],
            ReferralRules.AllowedActions(ReferralStatus.Booked, ReferralRole.Coordinator));

    [Fact]
    public void The_coordinator_is_offered_reopen_on_a_rejected_referral() =>
        Assert.Equal([ReferralAction.Reopen], ReferralRules.AllowedActions(ReferralStatus.Rejected, ReferralRole.Coordinator));

    [Fact]
    public void A_community_worker_is_offered_nothing_on_a_referral_in_progress() =>
        Assert.Empty(ReferralRules.AllowedActions(ReferralStatus.InProgress, ReferralRole.CommunityWorker));

    [Fact]
    public void Nobody_is_offered_anything_on_a_record_entered_in_error() =>
        Assert.All(Spec.AllRoles, role => Assert.Empty(ReferralRules.AllowedActions(ReferralStatus.EnteredInError, role)));

    [Fact]
    public void What_is_offered_is_exactly_what_the_table_and_roles_allow_in_every_state_and_capacity()
    {
        foreach (var status in Spec.AllStatuses)
        {
            foreach (var role in Spec.AllRoles)
            {
                var expected = Spec.AllActions.Where(a => Spec.IsTransition(status, a) && Spec.Roles[a].Contains(role)).ToArray();

                Assert.Equal(expected, ReferralRules.AllowedActions(status, role));
            }
        }
    }
}
