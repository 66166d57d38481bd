using MhSupply.Gateway.Errors;
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
        errors.Require(body?.Reason is null || body.Reason.Length <= 1000, "reason", "reason is at most 1000 characters");
        var backReferral = parsed == ReferralAction.BackRefer ? await BackReferralAsync(body, catalog, errors, cancellationToken) : null;
        if (parsed == ReferralAction.Book)
        {
            errors.Require(body?.AppointmentAt is not null, "appointmentAt", "appointmentAt is required to book");
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

    private static async Task<BackReferralInput?> BackReferralAsync(ActionBody? body, MedicineCatalog catalog, ValidationErrors errors,
        CancellationToken cancellationToken)
    {
        errors.Require(MhGapCategories.IsValid(body?.Diagnosis), "diagnosis", $"diagnosis is an mhGAP category: {string.Join(", ", MhGapCategories.All)}");
        errors.Require(!string.IsNullOrWhiteSpace(body?.Plan) && body.Plan.Length <= 4000, "plan", "plan is required (at most 4000 characters)");
        errors.Require(body?.FollowUpEveryDays is >= 1 and <= 365, "followUpEveryDays", "followUpEveryDays is 1-365");
        errors.Require(body?.CourseDays is null or >= 1 and <= 3650, "courseDays", "courseDays is 1-3650");
        var medicines = body?.Medicines ?? [];
        for (var i = 0; i < medicines.Length; i++)
        {
            if (medicines[i] is not { } m)
            {
                errors.Add($"medicines[{i}]", "each medicine is { \"medicine\", \"dose\", \"durationDays\" }");
                continue;
            }
            errors.Require(m.Medicine is not null && await catalog.FindAsync(m.Medicine, cancellationToken) is not null,
                $"medicines[{i}].medicine", "medicine is a code of the medicines list");
            errors.Require(!string.IsNullOrWhiteSpace(m.Dose) && m.Dose.Length <= 200, $"medicines[{i}].dose", "dose is required");
            errors.Require(m.DurationDays is >= 1 and <= 3650, $"medicines[{i}].durationDays", "durationDays is 1-3650");
        }
        return errors.Any
            ? null
            : new BackReferralInput(body!.Diagnosis!, body.Plan!.Trim(),
                medicines.Select(m => new PrescribedMedicine(m.Medicine!, m.Dose!.Trim(), m.DurationDays!.Value)).ToArray(),
                body.FollowUpEveryDays!.Value, body.CourseDays);
    }
}
