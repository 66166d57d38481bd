using MhSupply.Gateway.Errors;
using MhSupply.Messages;
using MhSupply.Gateway.Validation;
using MhSupply.Reference;
using MhSupply.Referrals;

namespace MhSupply.Gateway.Referrals;

/// <summary>
/// Checks a <see cref="CreateReferralBody"/> field by field and turns it into the grain's <see cref="NewReferral"/>: the
/// parties resolved from the registry (the district is the receiving facility's, else the sender's) and the person's
/// name and phone encrypted before they leave the gateway.
/// </summary>
public sealed class CreateReferralValidator(FacilityDirectory facilities, ContactProtector contacts, InputBounds bounds, DateTimeOffset now)
{
    private static readonly string[] Sexes = ["female", "male", "other", "unknown"];

    public async Task<Checked<NewReferral>> CheckAsync(CreateReferralBody? body, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (body is null)
        {
            errors.Add("body", RequestMessages.Of("request.body_required"));
            return ReferralProblems.Invalid(errors);
        }
        errors.Require(body.Id is { } id && id != Guid.Empty, "id", ReferralMessages.Of("referral.id_required"));
        errors.Require(body.Patient is not null, "patient", ReferralMessages.Of("referral.patient_required"));
        if (body.Patient is { } p)
        {
            errors.Require(PatientCodes.IsValid(p.Code), "patient.code", () => ReferralMessages.Of("referral.patient_code_invalid", ("value", p.Code)));
            errors.Require(p.Sex is not null && Sexes.Contains(p.Sex), "patient.sex", ReferralMessages.Of("referral.sex_invalid"));
            errors.Require(p.BirthYear is { } y && BirthYears.IsPlausible(y, now.Year), "patient.birthYear", () => ReferralMessages.Of("referral.birth_year_implausible",
                ("value", p.BirthYear?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""), ("min", now.Year - BirthYears.MaxAge), ("max", now.Year)));
            errors.Require(p.Name is null || p.Name.Length <= 200, "patient.name", RequestMessages.Of("request.too_long", ("field", "patient.name"), ("max", 200)));
            errors.Require(p.Phone is null || p.Phone.Length <= 40, "patient.phone", RequestMessages.Of("request.too_long", ("field", "patient.phone"), ("max", 40)));
        }
        errors.Require(MhGapCategories.IsValid(body.Reason), "reason", () => ReferralMessages.Of("referral.category_invalid", ("allowed", string.Join(", ", MhGapCategories.All))));
        errors.Require(WireNames.TryParse<Urgency>(body.Urgency, out _), "urgency", ReferralMessages.Of("referral.urgency_invalid"));
        var consent = await ConsentValidation.CheckAsync(body.Consent, body.ConsentTo, facilities, errors, cancellationToken);
        // A name and a phone identify the person outright: they are kept only when the person agreed to share their
        // referral with someone (docs/domain.md, Privacy). Without consent the referral goes by its pseudonymous code alone.
        if (consent is { } given && !given.ReceivingService && !given.CommunityServices && given.Facilities.Length == 0 && body.Patient is { } person)
        {
            var withoutConsent = ReferralMessages.Of("referral.contact_without_consent");
            errors.Require(string.IsNullOrWhiteSpace(person.Name), "patient.name", withoutConsent);
            errors.Require(string.IsNullOrWhiteSpace(person.Phone), "patient.phone", withoutConsent);
        }
        errors.Require(body.ToFacility is not null ^ body.ToService is not null, "toFacility", ReferralMessages.Of("referral.destination_one"));
        bounds.Happened(body.At, "at", errors);
        errors.Require(body.Notes is null || body.Notes.Length <= 4000, "notes", RequestMessages.Of("request.too_long", ("field", "notes"), ("max", 4000)));
        var from = body.FromFacility is null ? null : await facilities.FindAsync(body.FromFacility, cancellationToken);
        errors.Require(from is not null, "fromFacility", () => ReferralMessages.Of("referral.from_unknown", ("value", body.FromFacility)));
        FacilityRecord? to = null;
        if (body.ToFacility is not null)
        {
            to = await facilities.FindAsync(body.ToFacility, cancellationToken);
            errors.Require(to is not null, "toFacility", () => ReferralMessages.Of("referral.to_unknown", ("value", body.ToFacility)));
        }
        errors.Require(body.ToService is null || Ids.IsValid(body.ToService), "toService", () => ReferralMessages.Of("referral.service_invalid", ("value", body.ToService)));
        if (errors.Any)
        {
            return ReferralProblems.Invalid(errors);
        }
        var patient = body.Patient!;
        return new NewReferral(patient.Code!, patient.Sex!, patient.BirthYear!.Value, from!.Id, to?.Id, body.ToService,
            to?.District ?? from.District, body.Reason!, body.Urgency!, body.Notes, consent!, body.At ?? now,
            contacts.Protect(patient.Name), contacts.Protect(patient.Phone), from.District);
    }
}
