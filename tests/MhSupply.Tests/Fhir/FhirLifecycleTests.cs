using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using MhSupply.Tests.Infrastructure;
using MhSupply.Tests.Referrals;
using FhirTask = Hl7.Fhir.Model.Task;
using Task = System.Threading.Tasks.Task;

namespace MhSupply.Tests.Fhir;

/// <summary>
/// A partner system's whole conversation with /fhir through Firely's own FhirClient, against the real gateway: create a
/// referral by transaction, read it, find its Task by status, move it step by step to completed with the back-referral,
/// read the back-referral Task, and close the loop by completing that; and a referral refused with its reason.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class FhirLifecycleTests(GatewayFactory gateway)
{
    [Fact]
    public async Task A_partner_creates_reads_finds_and_moves_a_referral_to_completed_and_reads_the_back_referral()
    {
        var kit = await new ReferralTestKit(gateway, "fl-life").RegisterAsync();
        using var referrer = (await kit.ReferringClinician()).Fhir();
        using var specialist = (await kit.Psychiatrist()).Fhir();
        var id = Guid.NewGuid();

        var created = await referrer.TransactionAsync(FhirWriteTests.ReferralBundle(id, kit, gateway.Clock.GetUtcNow()));
        Assert.Equal($"ServiceRequest/{id}/_history/1", created!.Entry[0].Response!.Location);
        var request = await referrer.ReadAsync<ServiceRequest>($"ServiceRequest/{id}");
        Assert.Equal("psychosis", request!.ReasonCode.Single().Coding.Single().Code);
        var found = await specialist.SearchAsync<FhirTask>(["status=requested", "owner=Organization/" + kit.Specialist]);
        var task = Assert.Single(found!.Entry.Select(e => e.Resource).OfType<FhirTask>(), t => t.Id == id.ToString());

        task = await Step(specialist, task, FhirTask.TaskStatus.Received);
        task = await Step(specialist, task, FhirTask.TaskStatus.Accepted);
        var appointment = gateway.Clock.GetUtcNow().AddHours(-1); // booked as it happened: seen this morning
        task.BusinessStatus = new CodeableConcept("urn:mhsupply:referral-state", "booked");
        task.Restriction = new FhirTask.RestrictionComponent { Period = new Period { StartElement = new FhirDateTime(appointment) } };
        task = await Step(specialist, task, FhirTask.TaskStatus.Accepted);
        Assert.Equal("booked", task.BusinessStatus!.Coding.Single().Code);
        task = await Step(specialist, task, FhirTask.TaskStatus.InProgress);
        task.Contained.Add(new CarePlan
        {
            Id = "plan",
            Status = RequestStatus.Active,
            Intent = CarePlan.CarePlanIntent.Plan,
            Subject = new ResourceReference("Patient/" + id),
            Category = [new CodeableConcept("urn:mhsupply:mhgap-category", "psychosis")],
            Description = "Continue haloperidol; review in clinic monthly.",
            Activity =
            [
                new CarePlan.ActivityComponent
                {
                    Detail = new CarePlan.DetailComponent
                    {
                        Kind = CarePlan.CarePlanActivityKind.Appointment,
                        Status = CarePlan.CarePlanActivityStatus.Scheduled,
                        Scheduled = new Timing
                        {
                            Repeat = new Timing.RepeatComponent
                            {
                                Frequency = 1, Period = 30, PeriodUnit = Timing.UnitsOfTime.D,
                                Bounds = new Duration { Value = 90, Unit = "days", System = "http://unitsofmeasure.org", Code = "d" },
                            },
                        },
                    },
                },
            ],
        });
        task.Contained.Add(new MedicationRequest
        {
            Id = "haloperidol",
            Status = MedicationRequest.MedicationrequestStatus.Active,
            Intent = MedicationRequest.MedicationRequestIntent.Order,
            Subject = new ResourceReference("Patient/" + id),
            Medication = new CodeableConcept("urn:mhsupply:medicine", "haloperidol-tab-5mg"),
            DosageInstruction = [new Dosage { Text = "5 mg at night" }],
            DispenseRequest = new MedicationRequest.DispenseRequestComponent
            {
                ExpectedSupplyDuration = new Duration { Value = 90, Unit = "days", System = "http://unitsofmeasure.org", Code = "d" },
            },
        });
        task.Output = [Output("care-plan", "#plan"), Output("medication", "#haloperidol")];
        task = await Step(specialist, task, FhirTask.TaskStatus.Completed);

        var back = await referrer.ReadAsync<FhirTask>($"Task/{id}-back");
        Assert.Equal(FhirTask.TaskStatus.Requested, back!.Status);
        Assert.Contains(back.PartOf, p => p.Reference == $"Task/{id}");
        Assert.Empty(BaseR4Validator.ErrorsOf(task)); // the back Task's rendering is FhirValidationTests' to check
        var plan = Assert.Single(back.Contained.OfType<CarePlan>());
        Assert.Equal(("psychosis", "Continue haloperidol; review in clinic monthly."), (plan.Category.Single().Coding.Single().Code, plan.Description));
        var medicine = Assert.Single(back.Contained.OfType<MedicationRequest>());
        Assert.Equal(("haloperidol-tab-5mg", "5 mg at night", 90m),
            (((CodeableConcept)medicine.Medication!).Coding.Single().Code, medicine.DosageInstruction.Single().Text, medicine.DispenseRequest!.ExpectedSupplyDuration!.Value));

        back.Status = FhirTask.TaskStatus.Completed;
        var closed = await referrer.UpdateAsync(back, versionAware: true);
        Assert.Equal(FhirTask.TaskStatus.Completed, closed!.Status);
        using var api = await kit.ReferringClinician();
        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}");
        Assert.Equal(["create", "receive", "accept", "book", "attend", "back-refer", "acknowledge-back-referral"],
            detail.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        Assert.Equal(3, detail.GetProperty("followUps").GetArrayLength()); // every 30 days through the 90-day course
    }

    [Fact]
    public async Task A_partner_rejects_a_referral_with_its_reason_and_the_task_says_why()
    {
        var kit = await new ReferralTestKit(gateway, "fl-reject").RegisterAsync();
        using var referrer = (await kit.ReferringClinician()).Fhir();
        using var specialist = (await kit.Psychiatrist()).Fhir();
        var id = Guid.NewGuid();
        await referrer.TransactionAsync(FhirWriteTests.ReferralBundle(id, kit, gateway.Clock.GetUtcNow()));
        var task = await specialist.ReadAsync<FhirTask>($"Task/{id}");

        task!.StatusReason = new CodeableConcept { Text = "No psychiatrist this month; refer to the regional hospital." };
        var rejected = await Step(specialist, task, FhirTask.TaskStatus.Rejected);

        var read = await referrer.ReadAsync<FhirTask>($"Task/{id}");
        Assert.Equal(FhirTask.TaskStatus.Rejected, read!.Status);
        Assert.Equal("No psychiatrist this month; refer to the regional hospital.", read.StatusReason!.Text);
        Assert.Equal("rejected", rejected.BusinessStatus!.Coding.Single().Code);
        var again = await Assert.ThrowsAsync<FhirOperationException>(() => Step(specialist, rejected, FhirTask.TaskStatus.Accepted));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, again.Status);
        Assert.Contains(again.Outcome!.Issue.Single().Details!.Coding, c => c.System == "urn:mhsupply:referral-state" && c.Code == "rejected");
    }

    /// <summary>The Task sent back with a new status, conditionally on the version read (If-Match), answered as the gateway now serves it.</summary>
    private static async Task<FhirTask> Step(FhirClient client, FhirTask task, FhirTask.TaskStatus status)
    {
        task.Status = status;
        var updated = await client.UpdateAsync(task, versionAware: true);
        Assert.Equal(status, updated!.Status);
        return updated;
    }

    private static FhirTask.OutputComponent Output(string kind, string reference) => new()
    {
        Type = new CodeableConcept("urn:mhsupply:back-referral-output", kind),
        Value = new ResourceReference(reference),
    };
}
