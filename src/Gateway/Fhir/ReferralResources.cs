using Hl7.Fhir.Model;
using MhSupply.Gateway.Referrals;
using MhSupply.Referrals;
using FhirTask = Hl7.Fhir.Model.Task;

namespace MhSupply.Gateway.Fhir;

/// <summary>
/// A referral as FHIR resources, from the <see cref="ReferralDto"/> the access policy already cut to what the caller may
/// see (ReferralViews): what the DTO omits, the resources omit. Nothing here decides who sees what.
/// </summary>
public static class ReferralResources
{
    public const string MhGapSystem = "urn:mhsupply:mhgap-category";
    public const string ServiceSystem = "urn:mhsupply:service";
    public const string MedicineSystem = "urn:mhsupply:medicine";
    public const string BackReferralStateSystem = "urn:mhsupply:back-referral-state";

    /// <summary>The back-referral Task's id: the referral's, with a suffix (a valid FHIR id, [A-Za-z0-9\-\.]{1,64}).</summary>
    public const string BackSuffix = "-back";

    /// <summary>The patient code's identifier system: a code is unique only within the facility that issued it.</summary>
    public static string PatientCodeSystem(string referringFacility) => "urn:mhsupply:patient-code:" + referringFacility;

    public static string BackTaskId(Guid referralId) => referralId.ToString() + BackSuffix;

    public static ServiceRequest ServiceRequest(ReferralDto r)
    {
        var state = StateOf(r);
        var request = new ServiceRequest
        {
            Id = r.Id.ToString(),
            Meta = MetaOf(r),
            Identifier = [UrnOf(r.Id)],
            Status = TaskStates.RequestStatusOf(state),
            Intent = RequestIntent.Order,
            // SNOMED CT 3457005 "Patient referral": the category IHE 360X and most referral profiles use.
            Category = [new CodeableConcept("http://snomed.info/sct", "3457005", "Patient referral")],
            Priority = PriorityOf(r.Urgency),
            Subject = new ResourceReference("Patient/" + r.Id),
            AuthoredOn = new FhirDateTime(r.CreatedAt).Value,
            Requester = FhirReferences.Organization(r.FromFacility),
        };
        if (r.ToService is { } service)
        {
            request.Code = new CodeableConcept(ServiceSystem, service);
            request.PerformerType = new CodeableConcept(ServiceSystem, service);
        }
        if (Receiver(r) is { } receiver)
        {
            request.Performer = [receiver];
        }
        if (r.AppointmentAt is { } appointment)
        {
            request.Occurrence = new FhirDateTime(appointment);
        }
        // Clinical parts: present only when the policy let the DTO carry them.
        if (r.Reason is { } reason)
        {
            request.ReasonCode = [new CodeableConcept(MhGapSystem, reason)];
        }
        if (r.Notes is { Length: > 0 } notes)
        {
            request.Note = [new Annotation { Text = notes }];
        }
        return request.Labelled();
    }

    /// <summary>The forward Task: the referral's workflow, from the referring facility to the receiver.</summary>
    public static FhirTask ForwardTask(ReferralDto r)
    {
        var state = StateOf(r);
        var task = new FhirTask
        {
            Id = r.Id.ToString(),
            Meta = MetaOf(r),
            Identifier = [UrnOf(r.Id)],
            BasedOn = [new ResourceReference("ServiceRequest/" + r.Id)],
            Focus = new ResourceReference("ServiceRequest/" + r.Id),
            Status = TaskStates.StatusOf(state),
            // Every domain state exactly (booked and no-show are "accepted" in FHIR's Task codes).
            BusinessStatus = new CodeableConcept(FhirOutcomes.StateSystem, r.Status),
            Intent = FhirTask.TaskIntent.Order,
            Priority = PriorityOf(r.Urgency),
            For = new ResourceReference("Patient/" + r.Id),
            AuthoredOn = new FhirDateTime(r.CreatedAt).Value,
            LastModified = new FhirDateTime(r.StatusAt).Value,
            Requester = FhirReferences.Organization(r.FromFacility),
            Owner = Receiver(r),
        };
        if (r.ToService is { } service && r.ToFacility is null)
        {
            task.PerformerType = [new CodeableConcept(ServiceSystem, service)];
        }
        if (state is ReferralStatus.Rejected or ReferralStatus.Failed && ReasonOfLast(r) is { } why)
        {
            task.StatusReason = new CodeableConcept { Text = why };
        }
        return task.Labelled();
    }

    /// <summary>
    /// The back-referral Task (null until the referral is completed): from the receiver back to the referring facility,
    /// part of the forward Task. Its output is the back-referral: a contained CarePlan (diagnosis, plan, follow-up
    /// interval) and a MedicationRequest per medicine, each only when the DTO carries it.
    /// </summary>
    public static FhirTask? BackTask(ReferralDto r)
    {
        if (r.BackReferral is not { } back)
        {
            return null;
        }
        var acknowledged = back.AcknowledgedAt is not null;
        var task = new FhirTask
        {
            Id = BackTaskId(r.Id),
            Meta = MetaOf(r),
            BasedOn = [new ResourceReference("ServiceRequest/" + r.Id)],
            PartOf = [new ResourceReference("Task/" + r.Id)],
            Focus = new ResourceReference("ServiceRequest/" + r.Id),
            // Sent is a request to the referring PHC; its acknowledgement completes it (and starts the follow-ups).
            Status = acknowledged ? FhirTask.TaskStatus.Completed : FhirTask.TaskStatus.Requested,
            BusinessStatus = new CodeableConcept(BackReferralStateSystem, acknowledged ? "acknowledged" : "sent"),
            Intent = FhirTask.TaskIntent.Order,
            For = new ResourceReference("Patient/" + r.Id),
            AuthoredOn = back.SentAt is { } sent ? new FhirDateTime(sent).Value : null,
            LastModified = (back.AcknowledgedAt ?? back.SentAt) is { } changed ? new FhirDateTime(changed).Value : null,
            Requester = r.ToFacility is { } to ? FhirReferences.Organization(to) : null,
            Owner = FhirReferences.Organization(r.FromFacility),
        };
        if (CarePlanOf(r, back) is { } plan)
        {
            task.Contained.Add(plan);
            task.Output.Add(Output("care-plan", "#" + plan.Id));
        }
        var medicines = back.Medicines ?? [];
        for (var i = 0; i < medicines.Count; i++)
        {
            var medication = MedicationOf(r, medicines[i], "medication-" + (i + 1));
            task.Contained.Add(medication);
            task.Output.Add(Output("medication", "#" + medication.Id));
        }
        return task.Labelled();
    }

    /// <summary>The person, pseudonymous: the referring facility's code, sex and birth year; never a name or phone.</summary>
    public static Patient Patient(ReferralDto r) => new Patient
    {
        Id = r.Id.ToString(),
        Meta = MetaOf(r),
        Identifier = [new Identifier(PatientCodeSystem(r.FromFacility), r.Patient.Code)],
        Gender = r.Patient.Sex switch
        {
            "female" => AdministrativeGender.Female,
            "male" => AdministrativeGender.Male,
            "other" => AdministrativeGender.Other,
            _ => AdministrativeGender.Unknown,
        },
        BirthDate = r.Patient.BirthYear.ToString("0000", System.Globalization.CultureInfo.InvariantCulture),
    }.Labelled();

    private static CarePlan? CarePlanOf(ReferralDto r, BackReferralDto back)
    {
        if (back.Diagnosis is null && back.Plan is null)
        {
            return null;
        }
        var plan = new CarePlan
        {
            Id = "care-plan",
            Status = RequestStatus.Active,
            Intent = CarePlan.CarePlanIntent.Plan,
            Subject = new ResourceReference("Patient/" + r.Id),
            BasedOn = [new ResourceReference("ServiceRequest/" + r.Id)],
            Description = back.Plan,
        };
        if (back.Diagnosis is { } diagnosis)
        {
            plan.Category = [new CodeableConcept(MhGapSystem, diagnosis)];
        }
        if (back.FollowUpEveryDays > 0)
        {
            plan.Activity.Add(new CarePlan.ActivityComponent
            {
                Detail = new CarePlan.DetailComponent
                {
                    Kind = CarePlan.CarePlanActivityKind.Appointment,
                    Code = new CodeableConcept { Text = "follow-up visit" },
                    Status = CarePlan.CarePlanActivityStatus.Scheduled,
                    Scheduled = new Timing
                    {
                        Repeat = new Timing.RepeatComponent { Frequency = 1, Period = back.FollowUpEveryDays, PeriodUnit = Timing.UnitsOfTime.D },
                    },
                },
            });
        }
        return plan;
    }

    private static MedicationRequest MedicationOf(ReferralDto r, PrescribedMedicine medicine, string id) => new()
    {
        Id = id,
        Status = MedicationRequest.MedicationrequestStatus.Active,
        Intent = MedicationRequest.MedicationRequestIntent.Order,
        Medication = new CodeableConcept(MedicineSystem, medicine.Medicine),
        Subject = new ResourceReference("Patient/" + r.Id),
        BasedOn = [new ResourceReference("ServiceRequest/" + r.Id)],
        DosageInstruction = [DosageOf(medicine)],
        DispenseRequest = new MedicationRequest.DispenseRequestComponent
        {
            ExpectedSupplyDuration = new Duration { Value = medicine.DurationDays, Unit = "days", System = "http://unitsofmeasure.org", Code = "d" },
        },
    };

    /// <summary>The prescriber's words, and the dose in numbers when given: that many units once a day or once a week.</summary>
    private static Dosage DosageOf(PrescribedMedicine medicine)
    {
        var dosage = new Dosage { Text = medicine.Dose };
        if (medicine is { Quantity: { } quantity, Per: { } per })
        {
            dosage.Timing = new Timing
            {
                Repeat = new Timing.RepeatComponent { Frequency = 1, Period = 1, PeriodUnit = per == "week" ? Timing.UnitsOfTime.Wk : Timing.UnitsOfTime.D },
            };
            dosage.DoseAndRate = [new Dosage.DoseAndRateComponent { Dose = new Quantity { Value = quantity, Unit = "units" } }];
        }
        return dosage;
    }

    private static FhirTask.OutputComponent Output(string kind, string reference) => new()
    {
        Type = new CodeableConcept("urn:mhsupply:back-referral-output", kind),
        Value = new ResourceReference(reference),
    };

    /// <summary>Who receives the referral: the named facility (its service's HealthcareService when one is named too).</summary>
    private static ResourceReference? Receiver(ReferralDto r) => r.ToFacility switch
    {
        null => null,
        { } facility when r.ToService is { } service => FhirReferences.HealthcareService(facility, service),
        { } facility => FhirReferences.Organization(facility),
    };

    private static string? ReasonOfLast(ReferralDto r) => r.History.LastOrDefault(h => h.Status == r.Status)?.Reason;

    private static ReferralStatus StateOf(ReferralDto r) =>
        WireNames.TryParse<ReferralStatus>(r.Status, out var state) ? state : throw new InvalidOperationException($"unknown state {r.Status}");

    /// <summary>The referral's version and when its state last changed (the search's _lastUpdated reads the same column).</summary>
    private static Meta MetaOf(ReferralDto r) => new()
    {
        VersionId = r.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        LastUpdated = r.StatusAt,
    };

    private static Identifier UrnOf(Guid id) => new("urn:ietf:rfc:3986", "urn:uuid:" + id);

    private static RequestPriority? PriorityOf(string urgency) => urgency switch
    {
        "routine" => RequestPriority.Routine,
        "urgent" => RequestPriority.Urgent,
        "emergency" => RequestPriority.Stat,
        _ => null,
    };
}
