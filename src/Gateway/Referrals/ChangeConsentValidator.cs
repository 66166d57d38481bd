using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Validation;
using MhSupply.Reference;
using MhSupply.Referrals;

namespace MhSupply.Gateway.Referrals;

/// <summary>Checks a <see cref="ChangeConsentBody"/>: the consent (as at a referral's creation) and its <c>at</c>.</summary>
public sealed class ChangeConsentValidator(FacilityDirectory facilities, InputBounds bounds, DateTimeOffset now)
{
    public async Task<Checked<ConsentChange>> CheckAsync(ChangeConsentBody? body, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var consent = await ConsentValidation.CheckAsync(body?.Consent, body?.ConsentTo, facilities, errors, cancellationToken);
        bounds.Happened(body?.At, "at", errors);
        return errors.Any ? ReferralProblems.Invalid(errors) : new ConsentChange(consent!, body?.At ?? now);
    }
}

/// <summary>A checked consent change: what the grain records, and when it was given.</summary>
public sealed record ConsentChange(ConsentInput Consent, DateTimeOffset At);
