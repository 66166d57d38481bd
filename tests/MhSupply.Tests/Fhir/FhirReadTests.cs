using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using MhSupply.Tests.Infrastructure;
using MhSupply.Tests.Referrals;
using static MhSupply.Tests.Referrals.ReferralTestKit;
using FhirTask = Hl7.Fhir.Model.Task;
using Task = System.Threading.Tasks.Task;

namespace MhSupply.Tests.Fhir;

/// <summary>Issue 17: /fhir reads what /api/ made, under the same access policy and audit.</summary>
[Collection(GatewayCollection.Name)]
public sealed class FhirReadTests(GatewayFactory gateway)
{
    [Fact]
    public async Task A_referral_made_through_the_api_is_readable_as_ServiceRequest_Task_and_Patient()
    {
        var kit = await new ReferralTestKit(gateway, "fhir-read").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var (id, created) = await kit.Refer(phc, urgency: "urgent", reason: "depression");
        await Json(created);
        await Json(await Act(psychiatrist, id, "receive"));
        var fhir = psychiatrist.Fhir();

        var request = await fhir.ReadAsync<ServiceRequest>($"ServiceRequest/{id}");
        var task = await fhir.ReadAsync<FhirTask>($"Task/{id}");
        var patient = await fhir.ReadAsync<Patient>($"Patient/{id}");

        Assert.Equal(RequestStatus.Active, request!.Status);
        Assert.Equal(RequestPriority.Urgent, request.Priority);
        Assert.Equal("depression", request.ReasonCode.Single().Coding.Single().Code);
        Assert.Equal($"Organization/{kit.Phc}", request.Requester!.Reference);
        Assert.Equal(FhirTask.TaskStatus.Received, task!.Status);
        Assert.Equal("received", task.BusinessStatus!.Coding.Single().Code);
        Assert.Equal($"ServiceRequest/{id}", task.BasedOn.Single().Reference);
        Assert.Equal($"Organization/{kit.Specialist}", task.Owner!.Reference);
        Assert.Equal("PX-" + id.ToString()[..8], patient!.Identifier.Single().Value);
        Assert.Equal("urn:mhsupply:patient-code:" + kit.Phc, patient.Identifier.Single().System);
        Assert.Equal("1990", patient.BirthDate);
        Assert.All(new Resource[] { request, task, patient }, r => Assert.Equal(
            ["R", "PSY"], r.Meta!.Security.Select(s => s.Code)));
        Assert.Equal("2", task.Meta!.VersionId);
    }

    [Fact]
    public async Task A_read_out_of_reach_is_a_404_OperationOutcome_the_same_as_an_unknown_id_and_is_audited_as_denied()
    {
        var kit = await new ReferralTestKit(gateway, "fhir-reach").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var outsider = await gateway.ClientFor("clinician", facilities: ["fhir-reach-elsewhere"], sub: "fhir-reach.outsider");
        using var manager = await kit.Manager();
        var (id, _) = await kit.Refer(phc);

        var outOfReach = await Assert.ThrowsAsync<FhirOperationException>(() => outsider.Fhir().ReadAsync<ServiceRequest>($"ServiceRequest/{id}"));
        var unknownId = Guid.NewGuid();
        var unknown = await Assert.ThrowsAsync<FhirOperationException>(() => outsider.Fhir().ReadAsync<ServiceRequest>($"ServiceRequest/{unknownId}"));

        Assert.Equal(HttpStatusCode.NotFound, outOfReach.Status);
        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal(OperationOutcome.IssueType.NotFound, outOfReach.Outcome!.Issue.Single().Code);
        // The same words for both: nothing tells the outsider the referral exists.
        Assert.Equal(unknown.Outcome!.Issue.Single().Diagnostics!.Replace(unknownId.ToString(), "?"),
            outOfReach.Outcome!.Issue.Single().Diagnostics!.Replace(id.ToString(), "?"));
        var audit = await Json(await manager.GetAsync($"/api/v1/referrals/{id}/audit"));
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("actor").GetString() == "fhir-reach.outsider"
            && a.GetProperty("action").GetString() == "denied-read");
    }
}
