namespace MhSupply.Messages;

/// <summary>
/// Every message of the referral pathway, keyed by code: the field checks of a referral and its steps, the state
/// machine's refusals (naming the state the referral is in and what it allows), impossible dates, and the answers of
/// the referral endpoints (403, 404, 409). Written for the clinician or coordinator: what is wrong, with the state, date
/// or number involved, and what to do. Web keys: <c>error.{code}</c> in en, fr and ar.
/// </summary>
public static class ReferralMessages
{
    public static readonly IReadOnlyDictionary<string, string> Templates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Creating a referral.
        ["referral.id_required"] = "The referral has no id: the app gives each new referral one. Reload the form and send it again.",
        ["referral.patient_required"] = "Say who is referred: the patient's code, sex and birth year.",
        ["referral.patient_code_invalid"] = "\"{value}\" is not a patient code: use 3 to 40 letters, digits, '-', '_' or '/', for example CAMPA-0042.",
        ["referral.sex_invalid"] = "Choose the patient's sex: female, male, other or unknown.",
        ["referral.birth_year_implausible"] = "The birth year {value} cannot be right: give a year from {min} to {max}.",
        ["referral.category_invalid"] = "Choose the reason for referral from the mhGAP categories: {allowed}.",
        ["referral.urgency_invalid"] = "Choose how urgent the referral is: emergency, urgent or routine.",
        ["referral.contact_without_consent"] = "The person has not agreed to share their referral (consent is off): leave the name and phone empty, or record them once they agree.",
        ["referral.destination_one"] = "Say where the person is referred: a facility or a service, one of the two.",
        ["referral.from_unknown"] = "The referring facility \"{value}\" is not registered. Choose your facility from the list.",
        ["referral.to_unknown"] = "The receiving facility \"{value}\" is not registered. Choose one from the list of services.",
        ["referral.service_invalid"] = "\"{value}\" is not a service code. Choose the service from the list.",
        ["referral.consent_required"] = "Say whether the person agreed to share their referral with the receiving service.",
        ["referral.consent_disagree"] = "The two consent answers disagree: say once whether the person agreed to share with the receiving service.",
        ["referral.consent_facilities_max"] = "Consent can name at most {max} facilities; {count} are named. Keep those the person agreed to.",
        ["referral.consent_facility_unknown"] = "\"{value}\" is not a registered facility. Name only facilities from the list.",

        // The steps' own fields.
        ["referral.appointment_required"] = "Give the date and time of the appointment to book it.",
        ["referral.diagnosis_invalid"] = "Choose the diagnosis from the mhGAP categories: {allowed}.",
        ["referral.plan_required"] = "Write the treatment plan (at most {max} characters) so the referring clinic can follow it.",
        ["referral.follow_up_every_days"] = "Follow-up visits are every 1 to 365 days, not {value}.",
        ["referral.course_days"] = "The course of treatment lasts 1 to 3650 days, not {value}.",
        ["referral.medicine_shape"] = "Each medicine of the plan needs the medicine, its dose and how many days it is taken.",
        ["referral.medicine_unknown"] = "\"{value}\" is not on the medicines list. Choose the medicine from the list.",
        ["referral.dose_required"] = "Write the dose of each medicine, for example \"20 mg once a day\" (at most {max} characters).",
        ["referral.dose_quantity"] = "The dose in numbers is {value}: give how many units are taken each day or week, more than 0 and at most {max}.",
        ["referral.dose_per"] = "Say whether the quantity is taken per day or per week (\"day\" or \"week\").",
        ["referral.duration_days"] = "A medicine is taken for 1 to 3650 days, not {value}.",
        ["referral.outcome_required"] = "Say what tracing found: whether the person was reached, and what was agreed.",
        ["referral.justification_too_long"] = "The reason for opening this referral is {length} characters long; keep it to {max}.",

        // The state machine (ReferralRules): the state is a wire name, the web app writes it with its state.* words.
        ["referral.forbidden_transition"] = "This referral is {status}, so it cannot take the step '{action}' now: that is for a referral that is {from}. From {status} it can go on with: {next}.",
        ["referral.not_an_action"] = "'{action}' is not a step of a referral. The steps are: {allowed}.",
        ["referral.no_such_step"] = "This referral is {status}; '{action}' is not one of the steps of a referral ({allowed}).",
        ["referral.forbidden_role"] = "A {role} may not {action} this referral. Ask the receiving service or the referral coordinator to do it.",
        ["referral.read_only"] = "You may read this referral but take no step in it. Ask the referring or receiving service to do it.",
        ["referral.consent_forbidden"] = "Consent is recorded by the person's clinicians, community workers and coordinators.",
        ["referral.acknowledge_forbidden"] = "The referring facility's clinicians (or a coordinator) acknowledge a back-referral.",
        ["referral.follow_up_forbidden"] = "Follow-ups are recorded by the referring facility, community workers and coordinators.",
        ["referral.at_before_last_step"] = "The date {at} is before the referral's last step ({lastAt}). Give when this step happened, after that one.",
        ["referral.reason_required"] = "The reason is required to {action} a referral: say why, in a few words.",
        ["referral.reason_too_long"] = "The reason is {length} characters long; keep it to {max}.",
        ["referral.appointment_in_past"] = "The appointment on {appointmentAt} is in the past: more than {toleranceHours} before the booking ({bookedAt}). Give the date and time the person is to come.",
        ["referral.attended_before_appointment"] = "Attendance on {at} would be before the appointment on {appointmentAt}. Record attendance once the person has come; if they came on another day, book that visit first.",
        ["referral.no_back_referral"] = "This referral is {status} and has no back-referral to acknowledge. Acknowledge it once the specialist has sent it.",
        ["referral.acknowledged_before_sent"] = "The acknowledgement on {at} would be before the back-referral was sent ({sentAt}). Give the day it was received.",
        ["referral.withdrawn"] = "This referral was withdrawn as entered in error; its consent stays as it was.",
        ["referral.id_reused"] = "This referral id is already used for another referral. Reload the form: the app gives the new referral its own id.",
        ["referral.changed_meanwhile"] = "The referral changed while you were working on it. Reload it and try again.",
        ["referral.step_id_reused"] = "This step's id was already used for another step of this referral. Reload the referral and try again.",

        // What the caller may see (404 keeps a referral outside their reach unknown to them).
        ["referral.not_in_scope"] = "There is no such referral within your scope. Check the link, or ask the referral coordinator.",
        ["referral.audit_forbidden"] = "The audit of a referral is for admins and the district's manager.",

        // Follow-up visits (FollowUpRules).
        ["followUp.not_an_action"] = "'{action}' is not a follow-up step. A visit can be recorded as: attend, missed or traced.",
        ["followUp.not_in_scope"] = "There is no such follow-up visit within your scope. Reload the referral.",
        ["followUp.forbidden_transition"] = "This visit is {status}, so it cannot be recorded as '{action}'. Reload the referral to see what it allows.",
        ["followUp.outcome_required"] = "Say what tracing found: whether the person was reached, and what was agreed.",
        ["followUp.text_too_long"] = "The {field} is {length} characters long; keep it to {max}.",
        ["followUp.promised_in_past"] = "The promised date {day} is in the past. Give the day the person promised to come.",
        ["followUp.attended_in_future"] = "Attendance on {at} is in the future. Record a visit once it has happened.",
        ["followUp.attended_too_early"] = "This visit is due {dueAt}; a visit on {at} is more than {earlyDays} before it. Record it on the visit that was due then.",
        ["followUp.missed_before_due"] = "This visit is due {dueAt}; it cannot be missed before then. Record it as missed once the day has passed without the person.",
    };

    public static UserMessage Of(string code, params (string Name, object? Value)[] args) => MessageTemplates.Build(Templates, code, args);
}
