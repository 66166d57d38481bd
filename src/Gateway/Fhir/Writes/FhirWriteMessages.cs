using MhSupply.Messages;

namespace MhSupply.Gateway.Fhir.Writes;

/// <summary>
/// What a partner system is told when its FHIR resource cannot be read as a referral or a step: the element at fault is
/// the OperationOutcome issue's expression, this is its diagnostics. Written for the integrator who builds the
/// partner's messages (English, as FHIR implementation guides are), with a stable code in the details. Once the
/// resource is translated, the checks and refusals are the /api/ ones, in their own words (ReferralMessages).
/// </summary>
public static class FhirWriteMessages
{
    public static readonly IReadOnlyDictionary<string, string> Templates = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["fhir.bundle_required"] = "Send a Bundle of type transaction holding a ServiceRequest, its Task and the Patient.",
        ["fhir.transaction_required"] = "The Bundle's type is {value}: a referral is created by a transaction Bundle.",
        ["fhir.entry_unsupported"] = "A {type} cannot be created here: a referral Bundle holds one ServiceRequest, at most one Task and at most one Patient.",
        ["fhir.entry_twice"] = "The Bundle holds more than one {type}: a referral Bundle holds one ServiceRequest, at most one Task and at most one Patient.",
        ["fhir.service_request_required"] = "The Bundle holds no ServiceRequest: the ServiceRequest is the referral.",
        ["fhir.method_post"] = "Each entry of a referral Bundle is created: request.method POST (with url {type}).",
        ["fhir.full_url_uuid"] = "The ServiceRequest's fullUrl must be urn:uuid:<uuid>: that uuid becomes the referral's id, so a resubmitted Bundle is recognised.",
        ["fhir.subject_required"] = "The ServiceRequest's subject must reference the Patient of the Bundle (its fullUrl) or a contained Patient.",
        ["fhir.patient_identifier_required"] = "The Patient needs an identifier: the pseudonymous patient code the referring facility gave (system {system}).",
        ["fhir.reference_organization"] = "Reference one of our facilities as Organization/<facility id>, not \"{value}\".",
        ["fhir.requester_required"] = "Say who refers: ServiceRequest.requester (or Task.requester) as Organization/<facility id>.",
        ["fhir.requester_disagree"] = "Task.requester ({task}) and ServiceRequest.requester ({request}) name different facilities.",
        ["fhir.owner_disagree"] = "Task.owner ({task}) and ServiceRequest.performer ({request}) name different facilities.",
        ["fhir.destination_required"] = "Say where the person is referred: ServiceRequest.performer (or Task.owner) as Organization/<facility id>, or a service type in ServiceRequest.performerType ({system}).",
        ["fhir.reason_required"] = "Give the reason for referral as an mhGAP category in ServiceRequest.reasonCode (system {system}).",
        ["fhir.priority_required"] = "Give the ServiceRequest's priority: routine, urgent, asap or stat (stat and asap are emergencies).",
        ["fhir.task_focus"] = "The Task's focus must reference the ServiceRequest of the Bundle ({value}).",
        ["fhir.task_status_requested"] = "A new referral's Task is requested, not {value}; move it through its steps once created.",
        ["fhir.task_required"] = "Send a Task: the referral's workflow is its Task.",
        ["fhir.task_status_unknown"] = "The Task status {value} is not a step of a referral. The statuses are: {allowed}.",
        ["fhir.task_id_mismatch"] = "The Task's id ({value}) is not the one in the URL ({id}).",
        ["fhir.back_referral_task"] = "The back-referral Task follows the referral: update the referral's own Task (Task/{id}).",
        ["fhir.precondition_failed"] = "The Task changed since version {expected} was read: it is at version {current}. Read it again and decide on what it is now.",
        ["fhir.patch_invalid"] = "The JSON Patch cannot be applied: {reason}.",
        ["fhir.patch_media_type"] = "Send the patch as application/json-patch+json (RFC 6902).",
        ["fhir.output_required"] = "A completed Task carries the back-referral: a contained CarePlan (the plan, the follow-up interval) referenced from Task.output, with its diagnosis and medicines.",
        ["fhir.medication_code"] = "Name the medicine of each MedicationRequest by its code on our medicines list (system {system}).",
        ["fhir.date_invalid"] = "\"{value}\" is not a FHIR dateTime (for example 2026-12-01T09:30:00+03:00).",
        ["fhir.duration_days"] = "Give a duration in days (unit d or a, UCUM), not {value}.",
    };

    public static UserMessage Of(string code, params (string Name, object? Value)[] args) => MessageTemplates.Build(Templates, code, args);
}
