using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Referrals;
using MhSupply.Reference;
using FhirTask = Hl7.Fhir.Model.Task;

namespace MhSupply.Gateway.Fhir.Writes;

/// <summary>
/// A transaction Bundle (ServiceRequest + Task + Patient, as <see cref="ReferralResources"/> renders them) read as the
/// <see cref="CreateReferralBody"/> of POST /api/v1/referrals: only translation here; whether the referral is valid is
/// the shared validator's to say, and <see cref="ReferralBundle.Paths"/> names its fields back as FHIR elements.
/// </summary>
public sealed class ReferralBundleReader(FacilityDirectory facilities)
{
    /// <summary>The person's consent to share the referral with the receiving service (absent: not given, the safe reading).</summary>
    public const string ConsentExtension = "urn:mhsupply:consent";

    public async Task<(ReferralBundle? Bundle, ValidationErrors Errors)> ReadAsync(Resource? resource, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (resource is not Bundle bundle)
        {
            errors.Add("Bundle", FhirWriteMessages.Of("fhir.bundle_required"));
            return (null, errors);
        }
        if (bundle.Type != Bundle.BundleType.Transaction)
        {
            errors.Add("Bundle.type", FhirWriteMessages.Of("fhir.transaction_required", ("value", bundle.Type?.GetLiteral() ?? "missing")));
            return (null, errors);
        }
        var entries = Entries(bundle, errors);
        if (errors.Any)
        {
            return (null, errors);
        }
        if (!entries.TryGetValue(nameof(ServiceRequest), out var requestAt))
        {
            errors.Add("Bundle.entry", FhirWriteMessages.Of("fhir.service_request_required"));
            return (null, errors);
        }
        var requestEntry = bundle.Entry[requestAt];
        var request = (ServiceRequest)requestEntry.Resource!;
        var at = $"Bundle.entry[{requestAt}]";
        var paths = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["id"] = at + ".fullUrl", ["reason"] = at + ".resource.reasonCode", ["urgency"] = at + ".resource.priority",
            ["fromFacility"] = at + ".resource.requester", ["toFacility"] = at + ".resource.performer",
            ["toService"] = at + ".resource.performerType", ["notes"] = at + ".resource.note", ["at"] = at + ".resource.authoredOn",
            ["consent"] = at + ".resource.extension", ["consentTo"] = at + ".resource.extension", ["patient"] = at + ".resource.subject",
        };
        Guid? id = requestEntry.FullUrl is { } url && url.StartsWith("urn:uuid:", StringComparison.Ordinal)
            && Guid.TryParse(url["urn:uuid:".Length..], out var parsed) ? parsed : null;
        errors.Require(id is not null, at + ".fullUrl", FhirWriteMessages.Of("fhir.full_url_uuid"));

        FhirTask? task = null;
        var taskAt = "";
        if (entries.TryGetValue("Task", out var taskIndex))
        {
            task = (FhirTask)bundle.Entry[taskIndex].Resource!;
            taskAt = $"Bundle.entry[{taskIndex}].resource";
            var focus = task.Focus?.Reference ?? task.BasedOn.FirstOrDefault()?.Reference;
            errors.Require(focus is not null && (focus == requestEntry.FullUrl || focus == "ServiceRequest/" + id), taskAt + ".focus",
                () => FhirWriteMessages.Of("fhir.task_focus", ("value", requestEntry.FullUrl)));
            errors.Require(task.Status is null or FhirTask.TaskStatus.Requested, taskAt + ".status",
                () => FhirWriteMessages.Of("fhir.task_status_requested", ("value", task.Status.GetLiteral())));
        }
        else
        {
            errors.Add("Bundle.entry", FhirWriteMessages.Of("fhir.task_required"));
        }

        var from = Organization(request.Requester, at + ".resource.requester", errors);
        if (task is not null && Organization(task.Requester, taskAt + ".requester", errors) is { } taskFrom)
        {
            errors.Require(from is null || from == taskFrom, taskAt + ".requester",
                () => FhirWriteMessages.Of("fhir.requester_disagree", ("task", taskFrom), ("request", from)));
            from ??= taskFrom;
        }
        errors.Require(from is not null || request.Requester?.Reference is not null || task?.Requester?.Reference is not null,
            at + ".resource.requester", FhirWriteMessages.Of("fhir.requester_required"));

        var to = await ReceiverAsync(request.Performer.FirstOrDefault(), at + ".resource.performer", errors, cancellationToken);
        if (task is not null && await ReceiverAsync(task.Owner, taskAt + ".owner", errors, cancellationToken) is { } owner)
        {
            errors.Require(to is null || to == owner, taskAt + ".owner", () => FhirWriteMessages.Of("fhir.owner_disagree", ("task", owner), ("request", to)));
            to ??= owner;
        }
        var service = to is null ? ServiceOf(request) : null;
        errors.Require(to is not null || service is not null, at + ".resource.performer",
            FhirWriteMessages.Of("fhir.destination_required", ("system", ReferralResources.ServiceSystem)));

        var reason = request.ReasonCode.SelectMany(c => c.Coding).FirstOrDefault(c => c.System == ReferralResources.MhGapSystem)?.Code;
        errors.Require(reason is not null, at + ".resource.reasonCode", FhirWriteMessages.Of("fhir.reason_required", ("system", ReferralResources.MhGapSystem)));
        var urgency = request.Priority switch
        {
            RequestPriority.Routine => "routine",
            RequestPriority.Urgent => "urgent",
            // FHIR has no "emergency": stat (immediately) and asap (as soon as possible) are both above urgent.
            RequestPriority.Stat or RequestPriority.Asap => "emergency",
            _ => null,
        };
        errors.Require(urgency is not null, at + ".resource.priority", FhirWriteMessages.Of("fhir.priority_required"));

        var (patient, patientAt) = PatientOf(bundle, request, at, errors);
        if (patient is not null)
        {
            paths["patient.code"] = patientAt + ".identifier";
            paths["patient.sex"] = patientAt + ".gender";
            paths["patient.birthYear"] = patientAt + ".birthDate";
            paths["patient.name"] = patientAt + ".name";
            paths["patient.phone"] = patientAt + ".telecom";
        }
        var code = patient?.Identifier.FirstOrDefault(i => from is not null && i.System == ReferralResources.PatientCodeSystem(from))?.Value
            ?? patient?.Identifier.FirstOrDefault(i => i.Value is not null)?.Value;
        errors.Require(patient is null || code is not null, patientAt + ".identifier",
            () => FhirWriteMessages.Of("fhir.patient_identifier_required", ("system", ReferralResources.PatientCodeSystem(from ?? "{facility}"))));
        var authored = AuthoredOn(request.AuthoredOn);
        errors.Require(request.AuthoredOn is null || authored is not null, at + ".resource.authoredOn",
            () => RequestMessagesOfDate(request.AuthoredOn));
        if (errors.Any)
        {
            return (null, errors);
        }

        var body = new CreateReferralBody(id, new PatientBody(code, patient!.Gender?.GetLiteral(), BirthYearOf(patient.BirthDate),
                NameOf(patient), patient.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value),
            from, to, service, reason, urgency, NotesOf(request), ConsentOf(request), authored);
        return (new ReferralBundle(id!.Value, body, paths, bundle, requestAt, task is null ? null : taskIndex,
            entries.TryGetValue(nameof(Patient), out var p) ? p : null), errors);
    }

    /// <summary>Where each kind of resource is in the Bundle; anything but one ServiceRequest, one Task and one Patient, created, is refused.</summary>
    private static Dictionary<string, int> Entries(Bundle bundle, ValidationErrors errors)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var entry = bundle.Entry[i];
            var type = entry.Resource?.TypeName ?? "resource";
            if (entry.Resource is not (ServiceRequest or FhirTask or Patient))
            {
                errors.Add($"Bundle.entry[{i}].resource", FhirWriteMessages.Of("fhir.entry_unsupported", ("type", type)));
                continue;
            }
            if (!found.TryAdd(type, i))
            {
                errors.Add($"Bundle.entry[{i}].resource", FhirWriteMessages.Of("fhir.entry_twice", ("type", type)));
            }
            errors.Require(entry.Request is null || entry.Request.Method == Bundle.HTTPVerb.POST, $"Bundle.entry[{i}].request.method",
                () => FhirWriteMessages.Of("fhir.method_post", ("type", type)));
        }
        return found;
    }

    /// <summary>The Patient the ServiceRequest's subject names: an entry of the Bundle by its fullUrl, or one it contains.</summary>
    private static (Patient? Patient, string Path) PatientOf(Bundle bundle, ServiceRequest request, string at, ValidationErrors errors)
    {
        var reference = request.Subject?.Reference;
        if (reference is { Length: > 1 } && reference[0] == '#')
        {
            var index = request.Contained.FindIndex(r => r is Patient && r.Id == reference[1..]);
            if (index >= 0)
            {
                return ((Patient)request.Contained[index], $"{at}.resource.contained[{index}]");
            }
        }
        else if (reference is not null)
        {
            var index = bundle.Entry.FindIndex(e => e.Resource is Patient && e.FullUrl == reference);
            if (index >= 0)
            {
                return ((Patient)bundle.Entry[index].Resource!, $"Bundle.entry[{index}].resource");
            }
        }
        errors.Add(at + ".resource.subject", FhirWriteMessages.Of("fhir.subject_required"));
        return (null, at + ".resource.subject");
    }

    private static string? Organization(ResourceReference? reference, string path, ValidationErrors errors)
    {
        if (reference?.Reference is not { } text)
        {
            return null;
        }
        var id = FhirReferences.IdOf(text, "Organization");
        errors.Require(id is not null, path, () => FhirWriteMessages.Of("fhir.reference_organization", ("value", text)));
        return id;
    }

    /// <summary>The facility a performer or owner names: an Organization, or one of its services (HealthcareService).</summary>
    private async Task<string?> ReceiverAsync(ResourceReference? reference, string path, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (reference?.Reference is not { } text)
        {
            return null;
        }
        if (FhirReferences.IdOf(text, "HealthcareService") is { } serviceId)
        {
            var found = await FhirReferences.FindServiceAsync(serviceId, facilities, cancellationToken);
            errors.Require(found is not null, path, () => FhirWriteMessages.Of("fhir.reference_organization", ("value", text)));
            return found?.Facility.Id;
        }
        return Organization(reference, path, errors);
    }

    /// <summary>A referral to a service type (any facility offering it may claim it): performerType, else code, in our service system.</summary>
    private static string? ServiceOf(ServiceRequest request) =>
        (request.PerformerType?.Coding ?? []).Concat(request.Code?.Coding ?? [])
            .FirstOrDefault(c => c.System == ReferralResources.ServiceSystem)?.Code;

    /// <summary>FHIR's birthDate is a date of any precision (1990, 1990-05, 1990-05-01); we keep the year alone.</summary>
    private static int? BirthYearOf(string? birthDate) =>
        birthDate is { Length: >= 4 } && int.TryParse(birthDate.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;

    private static string? NameOf(Patient patient) => patient.Name.FirstOrDefault() is { } name
        ? name.Text ?? string.Join(' ', name.Given.Append(name.Family).Where(p => !string.IsNullOrWhiteSpace(p)))
        : null;

    private static string? NotesOf(ServiceRequest request) =>
        request.Note.Count == 0 ? null : string.Join("\n", request.Note.Select(n => n.Text?.ToString()).Where(t => !string.IsNullOrWhiteSpace(t)));

    private static bool ConsentOf(ServiceRequest request) =>
        request.GetExtension(ConsentExtension)?.Value is FhirBoolean { Value: true };

    private static DateTimeOffset? AuthoredOn(string? authoredOn) =>
        authoredOn is not null && DateTimeOffset.TryParse(authoredOn, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private static MhSupply.Messages.UserMessage RequestMessagesOfDate(string? value) =>
        FhirWriteMessages.Of("fhir.date_invalid", ("value", value));
}

/// <summary>A referral Bundle read: the /api/ body, where each of its fields came from, and the entries to answer for.</summary>
public sealed record ReferralBundle(Guid Id, CreateReferralBody Body, IReadOnlyDictionary<string, string> Paths, Bundle Bundle,
    int ServiceRequestEntry, int? TaskEntry, int? PatientEntry);
