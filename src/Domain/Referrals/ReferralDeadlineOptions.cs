namespace MhSupply.Referrals;

/// <summary>
/// How long each referral and follow-up step may wait before an alert (docs/domain.md, "Referrals": defaults,
/// configurable). Bound from configuration and validated at start-up, so the calculations do not re-check them.
/// </summary>
public sealed record ReferralDeadlineOptions
{
    public static ReferralDeadlineOptions Default { get; } = new();

    public TimeSpan NotAcceptedEmergency { get; init; } = TimeSpan.FromHours(4);

    public TimeSpan NotAcceptedUrgent { get; init; } = TimeSpan.FromHours(48);

    public TimeSpan NotAcceptedRoutine { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Accepted but not booked.</summary>
    public TimeSpan NotBooked { get; init; } = TimeSpan.FromDays(3);

    /// <summary>After the appointment without attendance (or a no-show) recorded.</summary>
    public TimeSpan AppointmentGrace { get; init; } = TimeSpan.FromDays(1);

    /// <summary>A no-show neither rebooked nor closed as failed.</summary>
    public TimeSpan NoShowFollowUp { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Seen by the specialist without a back-referral.</summary>
    public TimeSpan BackReferral { get; init; } = TimeSpan.FromDays(30);

    /// <summary>After a follow-up's due date without attendance.</summary>
    public TimeSpan FollowUpGrace { get; init; } = TimeSpan.FromDays(3);

    /// <summary>Tracing a missed follow-up without contact, before escalation.</summary>
    public TimeSpan TracingEscalation { get; init; } = TimeSpan.FromDays(14);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        foreach (var (name, value) in new[]
        {
            (nameof(NotAcceptedEmergency), NotAcceptedEmergency), (nameof(NotAcceptedUrgent), NotAcceptedUrgent),
            (nameof(NotAcceptedRoutine), NotAcceptedRoutine), (nameof(NotBooked), NotBooked),
            (nameof(AppointmentGrace), AppointmentGrace), (nameof(NoShowFollowUp), NoShowFollowUp),
            (nameof(BackReferral), BackReferral), (nameof(FollowUpGrace), FollowUpGrace),
            (nameof(TracingEscalation), TracingEscalation),
        })
        {
            // A zero wait would raise the alert the moment the step is taken; a wait of years is surely a unit mistake.
            if (value <= TimeSpan.Zero || value > TimeSpan.FromDays(366))
            {
                problems.Add($"{name} must be more than zero and at most 366 days.");
            }
        }
        // The more urgent the referral, the sooner it must be accepted (docs/domain.md: 4 h, 48 h, 7 days).
        if (NotAcceptedEmergency > NotAcceptedUrgent || NotAcceptedUrgent > NotAcceptedRoutine)
        {
            problems.Add("NotAcceptedEmergency must not exceed NotAcceptedUrgent, nor NotAcceptedUrgent NotAcceptedRoutine.");
        }
        return problems;
    }
}
