using MhSupply.Alerts;
using MhSupply.Messages;

namespace MhSupply.Referrals;

/// <summary>
/// Recording follow-up visits and their deadlines (docs/domain.md, "Follow-ups"): a visit not attended within the
/// grace raises <c>follow_up_missed</c>; a missed visit is traced (e.g. by a community health worker), and no contact
/// within the tracing period escalates. Missed-visit reason, promised date and tracing outcome are recorded because
/// defaulter tracing needs them (OpenMRS/KenyaEMR defaulter-tracing issues).
/// </summary>
public static class FollowUpRules
{
    /// <summary>Action wire names, as the API path spells them (<c>POST /api/v1/follow-ups/{id}/{action}</c>).</summary>
    public const string Attend = "attend";
    public const string Missed = "missed";
    public const string Traced = "traced";

    /// <summary>Longest missed-visit reason or tracing outcome accepted, as <see cref="ReferralRules.MaxReasonLength"/>.</summary>
    public const int MaxTextLength = ReferralRules.MaxReasonLength;

    public static IReadOnlyList<string> Actions { get; } = [Attend, Missed, Traced];

    /// <param name="now">The server's clock, to judge the promised date.</param>
    /// <param name="reason">Why the visit was missed (missed; optional).</param>
    /// <param name="promisedDate">When the patient promised to come (missed; optional).</param>
    /// <param name="outcome">What tracing found (traced; required).</param>
    public static FollowUpDecision Decide(
        FollowUpStatus current, string action, DateTimeOffset now, string? reason = null, DateOnly? promisedDate = null, string? outcome = null)
    {
        if (action is not (Attend or Missed or Traced))
        {
            return new FollowUpDecision(FollowUpDecisionKind.UnknownAction, null, ReferralMessages.Of("followUp.not_an_action", ("action", action)));
        }
        FollowUpStatus? next = (current, action) switch
        {
            // A patient who comes late, or after tracing, has still attended: that closes the visit whatever came before.
            (FollowUpStatus.Scheduled or FollowUpStatus.Missed or FollowUpStatus.Traced, Attend) => FollowUpStatus.Attended,
            (FollowUpStatus.Scheduled, Missed) => FollowUpStatus.Missed,
            (FollowUpStatus.Missed, Traced) => FollowUpStatus.Traced,
            _ => null,
        };
        if (next is null)
        {
            var currentName = Enum.IsDefined(current) ? current.ToWireName() : current.ToString();
            return new FollowUpDecision(FollowUpDecisionKind.ForbiddenTransition, null,
                ReferralMessages.Of("followUp.forbidden_transition", ("status", currentName), ("action", action)));
        }
        if (action == Traced)
        {
            if (string.IsNullOrWhiteSpace(outcome))
            {
                return Invalid("outcome", ReferralMessages.Of("followUp.outcome_required"));
            }
            if (outcome.Length > MaxTextLength)
            {
                return Invalid("outcome", ReferralMessages.Of("followUp.text_too_long", ("field", "outcome"), ("length", outcome.Length), ("max", MaxTextLength)));
            }
        }
        if (action == Missed)
        {
            if (reason is { Length: > MaxTextLength })
            {
                return Invalid("reason", ReferralMessages.Of("followUp.text_too_long", ("field", "reason"), ("length", reason.Length), ("max", MaxTextLength)));
            }
            // A promise to come is about the future. One day of slack, because the facility's day may still be
            // yesterday in the server's clock (time zones) and a visit is often entered the next morning.
            var earliest = DateOnly.FromDateTime(now.AddDays(-1).DateTime);
            if (promisedDate is { } promised && promised < earliest)
            {
                return Invalid("promisedDate", ReferralMessages.Of("followUp.promised_in_past", ("day", promised)));
            }
        }
        return new FollowUpDecision(FollowUpDecisionKind.Allowed, next, null);
    }

    /// <summary>
    /// Dates a follow-up step cannot have: a visit attended in the future, or so long before it is due
    /// (<see cref="ReferralDateOptions.FollowUpEarly"/>) that it was another visit; a visit missed before it was even due.
    /// </summary>
    /// <param name="at">When the step happened, as the caller says.</param>
    /// <param name="now">The server's clock.</param>
    /// <param name="dueAt">When the visit is due.</param>
    /// <param name="zone">The facilities' calendar, in which the message names the dates.</param>
    public static StepDateRefusal? CheckDate(string action, DateTimeOffset at, DateTimeOffset now, DateTimeOffset dueAt,
        ReferralDateOptions options, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(zone);
        var due = LocalDates.Day(dueAt, zone);
        switch (action)
        {
            case Attend when at > now:
                return new StepDateRefusal("at", ReferralMessages.Of("followUp.attended_in_future", ("at", LocalDates.Shown(at, zone))));
            case Attend when Later.Than(at, options.FollowUpEarly) < dueAt:
                return new StepDateRefusal("at", ReferralMessages.Of("followUp.attended_too_early",
                    ("at", new Shown(at, LocalDates.Day(at, zone))), ("dueAt", new Shown(dueAt, due)),
                    ("earlyDays", new Shown(options.FollowUpEarlyDays, DurationText.Describe(options.FollowUpEarly)))));
            case Missed when at < dueAt:
                return new StepDateRefusal("at", ReferralMessages.Of("followUp.missed_before_due",
                    ("at", new Shown(at, LocalDates.Day(at, zone))), ("dueAt", new Shown(dueAt, due))));
        }
        return null;
    }

    /// <param name="missedAt">When the visit was recorded missed (tracing began); required when <paramref name="status"/> is missed.</param>
    /// <returns>The next deadline; null once the visit is attended or its tracing has an outcome.</returns>
    public static FollowUpDeadline? Next(FollowUpStatus status, DateTimeOffset dueAt, DateTimeOffset? missedAt, ReferralDeadlineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (status)
        {
            case FollowUpStatus.Scheduled:
                return new FollowUpDeadline(AlertKinds.FollowUpMissed, Later.Than(dueAt, options.FollowUpGrace),
                    $"not attended within {DurationText.Describe(options.FollowUpGrace)} after it was due", Escalation: false, options.FollowUpGrace);
            case FollowUpStatus.Missed:
                if (missedAt is not { } missed)
                {
                    throw new ArgumentException("A missed follow-up has the time it was recorded missed.", nameof(missedAt));
                }
                return new FollowUpDeadline(AlertKinds.FollowUpMissed, Later.Than(missed, options.TracingEscalation),
                    $"missed, and tracing found no contact within {DurationText.Describe(options.TracingEscalation)}", Escalation: true, options.TracingEscalation);
            case FollowUpStatus.Attended or FollowUpStatus.Traced:
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown follow-up status.");
        }
    }

    private static FollowUpDecision Invalid(string field, UserMessage message) =>
        new(FollowUpDecisionKind.Invalid, null, message, field);
}
