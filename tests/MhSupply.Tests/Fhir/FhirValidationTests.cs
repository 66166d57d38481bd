using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using MhSupply.Tests.Infrastructure;
using MhSupply.Tests.Referrals;
using FhirTask = Hl7.Fhir.Model.Task;
using Task = System.Threading.Tasks.Task;

namespace MhSupply.Tests.Fhir;

/// <summary>Issue 17, item 5: every kind of resource /fhir serves meets the base R4 profiles, by Firely's validator (0 errors).</summary>
[Collection(GatewayCollection.Name)]
public sealed class FhirValidationTests(GatewayFactory gateway)
{
    [Fact]
    public async Task Every_resource_kind_served_validates_against_the_base_R4_profiles_with_no_errors()
    {
        var kit = await new ReferralTestKit(gateway, "fhir-valid").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var (id, _) = await kit.Refer(phc, urgency: "emergency", reason: "psychosis");
        await kit.CompleteAsync(gateway, psychiatrist, id);
        var fhir = phc.Fhir();

        var served = new List<Resource>
        {
            (await gateway.CreateClient().Fhir().CapabilityStatementAsync())!,
            (await fhir.ReadAsync<ServiceRequest>($"ServiceRequest/{id}"))!,
            (await fhir.ReadAsync<FhirTask>($"Task/{id}"))!,
            (await fhir.ReadAsync<FhirTask>($"Task/{id}-back"))!,
            (await fhir.ReadAsync<Patient>($"Patient/{id}"))!,
            (await fhir.ReadAsync<Organization>($"Organization/{kit.Specialist}"))!,
            (await fhir.ReadAsync<HealthcareService>($"HealthcareService/{kit.Specialist}-psychiatric-consultation"))!,
            (await fhir.SearchAsync<FhirTask>([$"patient=Patient/{id}", "_count=1"]))!,
            (await fhir.SearchAsync<ServiceRequest>([$"patient=Patient/{id}", "status=completed"]))!,
            (await fhir.SearchAsync<Organization>(["_summary=count"]))!,
            (await Assert.ThrowsAsync<FhirOperationException>(() => fhir.ReadAsync<FhirTask>($"Task/{Guid.NewGuid()}"))).Outcome!,
            (await Assert.ThrowsAsync<FhirOperationException>(() => fhir.SearchAsync<FhirTask>(["code=x"]))).Outcome!,
        };

        var back = (FhirTask)served[3];
        Assert.Equal(["CarePlan", "MedicationRequest"], back.Contained.Select(c => c.TypeName));
        Assert.Equal(2, ((Bundle)served[7]).Entry.Count); // the forward Task and its back-referral, included
        var errors = served.SelectMany(BaseR4Validator.ErrorsOf).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void The_validator_finds_the_errors_of_a_resource_that_breaks_the_base_profile()
    {
        // A Task without its required status and intent, and a Patient whose birth date is no date: the check above can fail.
        var task = new FhirTask { Id = "broken" };
        var patient = new Patient { Id = "broken", BirthDate = "19-90" };

        Assert.NotEmpty(BaseR4Validator.ErrorsOf(task));
        Assert.NotEmpty(BaseR4Validator.ErrorsOf(patient));
    }
}
