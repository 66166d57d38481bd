using MhSupply.Referrals;

namespace MhSupply.Domain.Tests.Referrals;

public sealed class FhirTaskStatusTests
{
    /// <summary>The mapping as the FHIR design states it (state → Task.status, businessStatus code), written out apart from the code.</summary>
    public static TheoryData<ReferralStatus, string, string> Mapping() => new()
    {
        { ReferralStatus.Requested, "requested", "requested" },
        { ReferralStatus.Received, "received", "received" },
        { ReferralStatus.Accepted, "accepted", "accepted" },
        { ReferralStatus.Booked, "accepted", "booked" },
        { ReferralStatus.NoShow, "accepted", "no_show" },
        { ReferralStatus.InProgress, "in-progress", "in_progress" },
        { ReferralStatus.OnHold, "on-hold", "on_hold" },
        { ReferralStatus.Completed, "completed", "completed" },
        { ReferralStatus.Rejected, "rejected", "rejected" },
        { ReferralStatus.Failed, "failed", "failed" },
        { ReferralStatus.Cancelled, "cancelled", "cancelled" },
        { ReferralStatus.EnteredInError, "entered-in-error", "entered_in_error" },
    };

    public static TheoryData<ReferralStatus, ReferralAction, ReferralStatus> Steps()
    {
        var data = new TheoryData<ReferralStatus, ReferralAction, ReferralStatus>();
        foreach (var (from, action, to) in Spec.Transitions.Where(t => t.From != t.To))
        {
            data.Add(from, action, to);
        }
        return data;
    }

    public static TheoryData<ReferralStatus, ReferralStatus> Impossible()
    {
        var data = new TheoryData<ReferralStatus, ReferralStatus>();
        foreach (var from in Spec.AllStatuses)
        {
            foreach (var to in Spec.AllStatuses.Where(to => to != from && !Spec.Transitions.Any(t => t.From == from && t.To == to)))
            {
                data.Add(from, to);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Mapping))]
    public void Each_state_is_shown_as_the_design_table_says(ReferralStatus state, string status, string businessStatus)
    {
        Assert.Equal(status, FhirTaskStatus.StatusOf(state));
        Assert.Equal(businessStatus, FhirTaskStatus.BusinessStatusOf(state));
    }

    [Theory]
    [MemberData(nameof(Mapping))]
    public void A_task_sent_back_as_it_was_shown_asks_for_the_state_it_shows(ReferralStatus state, string status, string businessStatus)
    {
        Assert.Equal(state, FhirTaskStatus.TargetOf(status, businessStatus));
        Assert.Equal(FhirTaskStepKind.Unchanged, FhirTaskStatus.StepTo(state, state).Kind);
    }

    [Theory]
    [MemberData(nameof(Steps))]
    public void A_task_asking_for_the_next_state_runs_the_state_machines_step(ReferralStatus from, ReferralAction action, ReferralStatus to)
    {
        var step = FhirTaskStatus.StepTo(from, to);

        Assert.Equal(FhirTaskStepKind.Step, step.Kind);
        Assert.Equal(action, step.Action);
    }

    [Theory]
    [MemberData(nameof(Impossible))]
    public void A_task_asking_for_an_unreachable_state_runs_a_step_the_state_machine_refuses_naming_the_current_state(ReferralStatus from, ReferralStatus to)
    {
        var step = FhirTaskStatus.StepTo(from, to);

        Assert.Equal(FhirTaskStepKind.NoSuchStep, step.Kind);
        var decision = ReferralRules.Decide(from, step.Action!.Value, ReferralRole.Admin, Spec.Reason);
        Assert.Equal(ReferralDecisionKind.ForbiddenTransition, decision.Kind);
        Assert.Equal(from.ToWireName(), decision.Problem!.Params["status"]);
    }

    [Fact]
    public void Booked_again_with_another_appointment_is_a_reschedule_and_with_the_same_one_nothing()
    {
        Assert.Equal(new FhirTaskStep(FhirTaskStepKind.Step, ReferralAction.Book), FhirTaskStatus.StepTo(ReferralStatus.Booked, ReferralStatus.Booked, appointmentChanged: true));
        Assert.Equal(FhirTaskStepKind.Unchanged, FhirTaskStatus.StepTo(ReferralStatus.Booked, ReferralStatus.Booked).Kind);
    }

    [Theory]
    [InlineData("accepted", "no-show", ReferralStatus.NoShow)]
    [InlineData("accepted", null, ReferralStatus.Accepted)]
    [InlineData("accepted", "in_progress", ReferralStatus.Accepted)]
    [InlineData("in-progress", "booked", ReferralStatus.InProgress)] // businessStatus left as read when only /status is patched
    [InlineData("completed", null, ReferralStatus.Completed)]
    public void Business_status_refines_only_an_accepted_task(string status, string? businessStatus, ReferralStatus expected)
    {
        Assert.Equal(expected, FhirTaskStatus.TargetOf(status, businessStatus));
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("ready")]
    [InlineData("Accepted")]
    [InlineData("in_progress")]
    [InlineData(null)]
    public void A_fhir_status_with_no_referral_state_asks_for_none(string? status)
    {
        Assert.Null(FhirTaskStatus.TargetOf(status, null));
    }

    [Fact]
    public void Every_mapped_status_is_a_fhir_task_status_once()
    {
        Assert.Equal(["requested", "received", "accepted", "in-progress", "on-hold", "completed", "rejected", "failed", "cancelled", "entered-in-error"],
            FhirTaskStatus.Statuses);
    }
}
