using System.Globalization;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Referrals;
using MhSupply.Referrals;
using FhirTask = Hl7.Fhir.Model.Task;

namespace MhSupply.Gateway.Fhir.Writes;

/// <summary>
/// An updated forward Task read as a step of the state machine: the state it asks for (status, and businessStatus for the
/// states FHIR calls accepted; <see cref="FhirTaskStatus"/>), and the /api/ <see cref="ActionBody"/> of that step:
/// the reason from statusReason, a booking's appointment from restriction.period.start, a back-referral from the Task's
/// contained CarePlan and MedicationRequests (as <see cref="ReferralResources.BackTask"/> renders them; the course of
/// follow-ups is the CarePlan activity's Timing.repeat.boundsDuration). Which step that
/// is, and whether it may be taken, the state machine says.
/// </summary>
public static class TaskUpdateReader
{
    public static (TaskUpdate? Update, ValidationErrors Errors) Read(FhirTask task, ReferralDto current)
    {
        var errors = new ValidationErrors();
        errors.Require(task.Id is null || task.Id == current.Id.ToString(), "Task.id",
            () => FhirWriteMessages.Of("fhir.task_id_mismatch", ("value", task.Id), ("id", current.Id)));
        var status = task.Status?.GetLiteral();
        var business = task.BusinessStatus?.Coding.FirstOrDefault(c => c.System == FhirTaskStatus.BusinessStatusSystem)?.Code
            ?? task.BusinessStatus?.Coding.FirstOrDefault()?.Code ?? task.BusinessStatus?.Text;
        var target = FhirTaskStatus.TargetOf(status, business);
        errors.Require(target is not null, "Task.status", () => FhirWriteMessages.Of("fhir.task_status_unknown", ("value", status ?? "missing"),
            ("allowed", string.Join(", ", FhirTaskStatus.Statuses))));
        var appointment = DateOf(task.Restriction?.Period?.Start, "Task.restriction.period.start", errors);
        if (errors.Any)
        {
            return (null, errors);
        }
        WireNames.TryParse<ReferralStatus>(current.Status, out var state);
        var step = FhirTaskStatus.StepTo(state, target!.Value, appointment is { } asked && asked != current.AppointmentAt);
        var paths = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["reason"] = "Task.statusReason", ["appointmentAt"] = "Task.restriction.period.start", ["at"] = "Task.lastModified",
            ["action"] = "Task.status", ["diagnosis"] = "Task.output", ["plan"] = "Task.output", ["followUpEveryDays"] = "Task.output",
            ["medicines"] = "Task.output",
        };
        var reason = task.StatusReason is { } why ? why.Text ?? why.Coding.FirstOrDefault()?.Display ?? why.Coding.FirstOrDefault()?.Code : null;
        var body = new ActionBody(reason, null, appointment, null, null, null, null, null);
        if (step.Action == ReferralAction.BackRefer)
        {
            body = BackReferral(task, body, paths, errors);
        }
        return errors.Any ? (null, errors) : (new TaskUpdate(step, body, paths), errors);
    }

    /// <summary>The back-referral of a completed Task: the CarePlan's diagnosis (category), plan (description) and follow-up interval, the medicines.</summary>
    private static ActionBody BackReferral(FhirTask task, ActionBody body, Dictionary<string, string> paths, ValidationErrors errors)
    {
        var planAt = task.Contained.FindIndex(r => r is CarePlan);
        if (planAt < 0)
        {
            errors.Add("Task.contained", FhirWriteMessages.Of("fhir.output_required"));
            return body;
        }
        var plan = (CarePlan)task.Contained[planAt];
        var at = $"Task.contained[{planAt}]";
        paths["diagnosis"] = at + ".category";
        paths["plan"] = at + ".description";
        paths["followUpEveryDays"] = at + ".activity";
        var diagnosis = plan.Category.SelectMany(c => c.Coding).FirstOrDefault(c => c.System == ReferralResources.MhGapSystem)?.Code;
        paths["courseDays"] = at + ".activity";
        // The follow-up visits: every Timing.repeat.period, for Timing.repeat.boundsDuration (the course; open-ended without it).
        var repeat = plan.Activity.Select(a => (a.Detail?.Scheduled as Timing)?.Repeat).FirstOrDefault(r => r?.Period is not null);
        var every = repeat is null ? null : DaysOf(repeat.Period, repeat.PeriodUnit?.GetLiteral());
        var course = repeat?.Bounds is Duration bounds ? DaysOf(bounds.Value, bounds.Code ?? bounds.Unit) : null;
        var medicines = new List<PrescribedBody>();
        for (var i = 0; i < task.Contained.Count; i++)
        {
            if (task.Contained[i] is not MedicationRequest medication)
            {
                continue;
            }
            var m = $"medicines[{medicines.Count}]";
            var where = $"Task.contained[{i}]";
            paths[m] = where;
            paths[m + ".medicine"] = where + ".medicationCodeableConcept";
            paths[m + ".dose"] = where + ".dosageInstruction";
            paths[m + ".durationDays"] = where + ".dispenseRequest.expectedSupplyDuration";
            var code = (medication.Medication as CodeableConcept)?.Coding.FirstOrDefault(c => c.System == ReferralResources.MedicineSystem)?.Code;
            errors.Require(code is not null, where + ".medicationCodeableConcept",
                () => FhirWriteMessages.Of("fhir.medication_code", ("system", ReferralResources.MedicineSystem)));
            var supply = medication.DispenseRequest?.ExpectedSupplyDuration;
            var days = supply is null ? null : DaysOf(supply.Value, supply.Code ?? supply.Unit);
            errors.Require(supply is null || days is not null, where + ".dispenseRequest.expectedSupplyDuration",
                () => FhirWriteMessages.Of("fhir.duration_days", ("value", $"{supply!.Value} {supply.Code ?? supply.Unit}")));
            medicines.Add(new PrescribedBody(code, medication.DosageInstruction.FirstOrDefault()?.Text, days));
        }
        return body with { Diagnosis = diagnosis, Plan = plan.Description, FollowUpEveryDays = every, CourseDays = course, Medicines = [.. medicines] };
    }

    /// <summary>A duration in whole days, from UCUM's d, wk, mo (30 days) or a (365); null for another unit or a fraction.</summary>
    private static int? DaysOf(decimal? value, string? unit)
    {
        // Beyond any course of treatment (and the validators' 3650 days): refused as such, before a product could overflow.
        if (value is not { } given || given is < 0 or > 100_000)
        {
            return null;
        }
        decimal? days = unit switch
        {
            "d" or "day" or "days" => value,
            "wk" or "week" or "weeks" => value * 7,
            "mo" or "month" or "months" => value * 30,
            "a" or "year" or "years" => value * 365,
            _ => null,
        };
        return days is { } whole && whole == decimal.Truncate(whole) && whole is >= int.MinValue and <= int.MaxValue ? (int)whole : null;
    }

    private static DateTimeOffset? DateOf(string? text, string path, ValidationErrors errors)
    {
        if (text is null)
        {
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }
        errors.Add(path, FhirWriteMessages.Of("fhir.date_invalid", ("value", text)));
        return null;
    }
}

/// <summary>An incoming Task read: what it does to the referral, the /api/ body of that step, and the element each body field came from.</summary>
public sealed record TaskUpdate(FhirTaskStep Step, ActionBody Body, IReadOnlyDictionary<string, string> Paths);
