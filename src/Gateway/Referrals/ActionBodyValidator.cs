using MhSupply.Gateway.Errors;
using MhSupply.Messages;
using MhSupply.Gateway.Validation;
using MhSupply.Referrals;
using MhSupply.Reference;

namespace MhSupply.Gateway.Referrals;

/// <summary>
/// Checks an <see cref="ActionBody"/> for one step of the state machine and turns it into the grain's
/// <see cref="ReferralCommand"/>: every step's dates and reason; a booking's appointment; a back-referral's diagnosis,
/// plan and medicines (codes of the medicines list). Whether the step may be taken is the grain's to decide.
/// </summary>
public sealed class ActionBodyValidator(InputBounds bounds, DateTimeOffset now)
{
    public async Task<Checked<ReferralCommand>> CheckAsync(string action, ReferralAction parsed, ActionBody? body, MedicineCatalog catalog,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        bounds.Happened(body?.At, "at", errors);
        bounds.Appointment(body?.AppointmentAt, "appointmentAt", errors);
        errors.Require(body?.Reason is null || body.Reason.Length <= 1000, "reason", () => ReferralMessages.Of("referral.reason_too_long", ("length", body!.Reason!.Length), ("max", 1000)));
        var backReferral = parsed == ReferralAction.BackRefer ? await BackReferralAsync(body, catalog, errors, cancellationToken) : null;
        if (parsed == ReferralAction.Book)
        {
            errors.Require(body?.AppointmentAt is not null, "appointmentAt", ReferralMessages.Of("referral.appointment_required"));
        }
        if (errors.Any)
        {
            return ReferralProblems.Invalid(errors);
        }
        return new ReferralCommand(action, body?.Reason, body?.At ?? now, body?.AppointmentAt, backReferral, body?.Id);
    }

    /// <summary>A back-referral's acknowledgement takes only its <c>at</c>: when it happened, now unless said.</summary>
    public Checked<DateTimeOffset> CheckAcknowledgement(ActionBody? body)
    {
        var errors = new ValidationErrors();
        bounds.Happened(body?.At, "at", errors);
        return errors.Any ? ReferralProblems.Invalid(errors) : body?.At ?? now;
    }

    /// <summary>Most units of one medicine a day or a week: bounds a typing slip (5000 for 50), not any real regimen.</summary>
    private const int MaxDoseQuantity = 1000;

    private static async Task<BackReferralInput?> BackReferralAsync(ActionBody? body, MedicineCatalog catalog, ValidationErrors errors,
        CancellationToken cancellationToken)
    {
        errors.Require(MhGapCategories.IsValid(body?.Diagnosis), "diagnosis", () => ReferralMessages.Of("referral.diagnosis_invalid", ("allowed", string.Join(", ", MhGapCategories.All))));
        errors.Require(!string.IsNullOrWhiteSpace(body?.Plan) && body.Plan.Length <= 4000, "plan", ReferralMessages.Of("referral.plan_required", ("max", 4000)));
        errors.Require(body?.FollowUpEveryDays is >= 1 and <= 365, "followUpEveryDays", () => ReferralMessages.Of("referral.follow_up_every_days", ("value", body?.FollowUpEveryDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "")));
        errors.Require(body?.CourseDays is null or >= 1 and <= 3650, "courseDays", () => ReferralMessages.Of("referral.course_days", ("value", body?.CourseDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "")));
        var medicines = body?.Medicines ?? [];
        for (var i = 0; i < medicines.Length; i++)
        {
            if (medicines[i] is not { } m)
            {
                errors.Add($"medicines[{i}]", ReferralMessages.Of("referral.medicine_shape"));
                continue;
            }
            errors.Require(m.Medicine is not null && await catalog.FindAsync(m.Medicine, cancellationToken) is not null,
                $"medicines[{i}].medicine", () => ReferralMessages.Of("referral.medicine_unknown", ("value", m.Medicine)));
            errors.Require(!string.IsNullOrWhiteSpace(m.Dose) && m.Dose.Length <= 200, $"medicines[{i}].dose", ReferralMessages.Of("referral.dose_required", ("max", 200)));
            errors.Require(m.DurationDays is >= 1 and <= 3650, $"medicines[{i}].durationDays", () => ReferralMessages.Of("referral.duration_days", ("value", m.DurationDays?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "")));
            // The dose in numbers is optional (the words are the prescription), but whole when given: plan demand counts it.
            if (m.Quantity is not null || m.Per is not null)
            {
                errors.Require(m.Quantity is > 0 and <= MaxDoseQuantity, $"medicines[{i}].quantity", () => ReferralMessages.Of("referral.dose_quantity",
                    ("value", m.Quantity?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""), ("max", MaxDoseQuantity)));
                errors.Require(m.Per is "day" or "week", $"medicines[{i}].per", ReferralMessages.Of("referral.dose_per"));
            }
        }
        return errors.Any
            ? null
            : new BackReferralInput(body!.Diagnosis!, body.Plan!.Trim(),
                medicines.Select(m => new PrescribedMedicine(m.Medicine!, m.Dose!.Trim(), m.DurationDays!.Value, m.Quantity, m.Per)).ToArray(),
                body.FollowUpEveryDays!.Value, body.CourseDays);
    }
}
