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

    [Fact]
    public async Task Task_search_filters_by_requester_owner_status_patient_and_last_updated_with_paging_and_count_only()
    {
        var kit = await new ReferralTestKit(gateway, "fhir-search").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        using var coordinator = await kit.Coordinator();
        var now = gateway.Clock.GetUtcNow();
        var (old, _) = await kit.Refer(phc, at: now.AddDays(-3));
        var (rejected, _) = await kit.Refer(phc);
        var (third, _) = await kit.Refer(phc);
        var (toCommunity, _) = await kit.Refer(phc, to: kit.Community);
        await Json(await Act(psychiatrist, rejected, "reject", new { reason = "no psychiatrist this month" }));
        var fhir = coordinator.Fhir();
        var requester = $"requester=Organization/{kit.Phc}";

        var all = await fhir.SearchAsync<FhirTask>([requester]);
        var toSpecialist = await fhir.SearchAsync<FhirTask>([requester, $"owner=Organization/{kit.Specialist}"]);
        var refused = await fhir.SearchAsync<FhirTask>([requester, "status=rejected"]);
        var open = await fhir.SearchAsync<FhirTask>([requester, "status=requested,received"]);
        var before = await fhir.SearchAsync<FhirTask>([requester, "_lastUpdated=lt" + now.AddDays(-2).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")]);
        var since = await fhir.SearchAsync<FhirTask>([requester, "_lastUpdated=ge" + now.AddDays(-2).UtcDateTime.ToString("yyyy-MM-dd")]);
        var byCode = await fhir.SearchAsync<FhirTask>([$"patient:identifier=urn:mhsupply:patient-code:{kit.Phc}|PX-{third.ToString()[..8]}"]);
        var byPatient = await fhir.SearchAsync<ServiceRequest>([$"patient=Patient/{toCommunity}"]);
        var counted = await fhir.SearchAsync<FhirTask>([requester, "_summary=count"]);

        Assert.Equal(4, all!.Total);
        Assert.Equal(4, all.Entry.Count);
        Assert.Equal(3, toSpecialist!.Total);
        Assert.Equal([rejected.ToString()], refused!.Entry.Select(e => e.Resource!.Id));
        Assert.Equal("no psychiatrist this month", ((FhirTask)refused.Entry.Single().Resource!).StatusReason!.Text);
        Assert.Equal(3, open!.Total);
        Assert.Equal([old.ToString()], before!.Entry.Select(e => e.Resource!.Id));
        Assert.Equal(3, since!.Total);
        Assert.Equal([third.ToString()], byCode!.Entry.Select(e => e.Resource!.Id));
        Assert.Equal([toCommunity.ToString()], byPatient!.Entry.Select(e => e.Resource!.Id));
        Assert.Equal(4, counted!.Total);
        Assert.Empty(counted.Entry);
    }

    [Fact]
    public async Task Search_pages_follow_next_and_previous_links_over_every_match_once()
    {
        var kit = await new ReferralTestKit(gateway, "fhir-page").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        var made = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            made.Add((await kit.Refer(phc, at: gateway.Clock.GetUtcNow().AddMinutes(-10 + i))).Id.ToString());
        }
        var fhir = phc.Fhir();

        var page1 = await fhir.SearchAsync<FhirTask>([$"requester=Organization/{kit.Phc}", "_count=2"]);
        var page2 = await fhir.ContinueAsync(page1!);
        var page3 = await fhir.ContinueAsync(page2!);
        var back = await fhir.ContinueAsync(page3!, PageDirection.Previous);

        Bundle[] pages = [page1!, page2!, page3!];
        Assert.Equal([2, 2, 1], pages.Select(p => p.Entry.Count));
        Assert.All(pages, p => Assert.Equal(5, p.Total));
        Assert.Null(page3!.NextLink);
        Assert.Null(page1!.PreviousLink);
        Assert.Equal(made.Order(), pages.SelectMany(p => p.Entry).Select(e => e.Resource!.Id).Order());
        Assert.Equal(page2!.Entry.Select(e => e.Resource!.Id), back!.Entry.Select(e => e.Resource!.Id));
    }

    [Fact]
    public async Task An_unsupported_search_parameter_is_a_400_OperationOutcome_naming_it()
    {
        using var client = await gateway.ClientFor("admin");

        var failure = await Assert.ThrowsAsync<FhirOperationException>(() => client.Fhir().SearchAsync<FhirTask>(["code=referral"]));
        var badDate = await Assert.ThrowsAsync<FhirOperationException>(() => client.Fhir().SearchAsync<FhirTask>(["_lastUpdated=sa2026-01-01"]));

        Assert.Equal(HttpStatusCode.BadRequest, failure.Status);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, failure.Outcome!.Issue.Single().Code);
        Assert.Equal(["code"], failure.Outcome.Issue.Single().Expression);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.Status);
        Assert.Equal(["_lastUpdated"], badDate.Outcome!.Issue.Single().Expression);
    }

    [Fact]
    public async Task A_community_worker_without_consent_sees_no_clinical_parts_and_with_it_sees_them()
    {
        var kit = await new ReferralTestKit(gateway, "fhir-consent").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var chw = await kit.CommunityWorker();
        var (withoutConsent, _) = await kit.Refer(phc, to: kit.Community, consent: false, reason: "self_harm");
        var (withConsent, _) = await kit.Refer(phc, to: kit.Community, consent: true, reason: "self_harm");
        var fhir = chw.Fhir();

        var hidden = await fhir.ReadAsync<ServiceRequest>($"ServiceRequest/{withoutConsent}");
        var shown = await fhir.ReadAsync<ServiceRequest>($"ServiceRequest/{withConsent}");
        var listed = await fhir.SearchAsync<ServiceRequest>([$"patient=Patient/{withoutConsent}"]);

        Assert.Empty(hidden!.ReasonCode);
        Assert.Equal("self_harm", shown!.ReasonCode.Single().Coding.Single().Code);
        Assert.Empty(((ServiceRequest)listed!.Entry.Single().Resource!).ReasonCode);
    }

    [Fact]
    public async Task A_completed_referral_has_a_back_Task_with_its_plan_and_medicines_for_clinicians_and_without_them_for_others()
    {
        var kit = await new ReferralTestKit(gateway, "fhir-back").RegisterAsync();
        using var phc = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        using var manager = await kit.Manager();
        var (id, _) = await kit.Refer(phc);
        var (open, _) = await kit.Refer(phc);
        await kit.CompleteAsync(gateway, psychiatrist, id);

        var back = await phc.Fhir().ReadAsync<FhirTask>($"Task/{id}-back");
        var managersBack = await manager.Fhir().ReadAsync<FhirTask>($"Task/{id}-back");
        var none = await Assert.ThrowsAsync<FhirOperationException>(() => phc.Fhir().ReadAsync<FhirTask>($"Task/{open}-back"));
        var searched = await phc.Fhir().SearchAsync<FhirTask>([$"patient=Patient/{id}"]);

        Assert.Equal(FhirTask.TaskStatus.Requested, back!.Status);
        Assert.Equal($"Task/{id}", back.PartOf.Single().Reference);
        Assert.Equal($"ServiceRequest/{id}", back.BasedOn.Single().Reference);
        Assert.Equal($"Organization/{kit.Phc}", back.Owner!.Reference);
        var plan = back.Contained.OfType<CarePlan>().Single();
        Assert.Equal("psychosis", plan.Category.Single().Coding.Single().Code);
        Assert.Equal("Continue haloperidol; review in clinic monthly.", plan.Description);
        Assert.Equal(30, plan.Activity.Single().Detail!.Scheduled is Timing t ? t.Repeat!.Period : null);
        var medicine = back.Contained.OfType<MedicationRequest>().Single();
        Assert.Equal("haloperidol-tab-5mg", ((CodeableConcept)medicine.Medication!).Coding.Single().Code);
        Assert.Equal("5 mg at night", medicine.DosageInstruction.Single().Text);
        // The dose in numbers: 1 unit once a day.
        Assert.Equal((1m, Timing.UnitsOfTime.D), ((medicine.DosageInstruction.Single().DoseAndRate.Single().Dose as Quantity)!.Value,
            medicine.DosageInstruction.Single().Timing!.Repeat!.PeriodUnit));
        Assert.Equal(90m, medicine.DispenseRequest!.ExpectedSupplyDuration!.Value);
        Assert.Equal(["#care-plan", "#medication-1"], back.Output.Select(o => ((ResourceReference)o.Value!).Reference));
        Assert.Empty(managersBack!.Contained);
        Assert.Empty(managersBack.Output);
        Assert.Equal(HttpStatusCode.NotFound, none.Status);
        Assert.Equal([Bundle.SearchEntryMode.Match, Bundle.SearchEntryMode.Include], searched!.Entry.Select(e => e.Search!.Mode));
        Assert.Equal([id.ToString(), id + "-back"], searched.Entry.Select(e => e.Resource!.Id));
    }

    [Fact]
    public async Task Facilities_and_their_services_are_Organizations_and_HealthcareServices()
    {
        var kit = await new ReferralTestKit(gateway, "fhir-org").RegisterAsync();
        using var client = await kit.ReferringClinician();
        var fhir = client.Fhir();

        var organization = await fhir.ReadAsync<Organization>($"Organization/{kit.Specialist}");
        var service = await fhir.ReadAsync<HealthcareService>($"HealthcareService/{kit.Specialist}-psychiatric-consultation");
        var services = await fhir.SearchAsync<HealthcareService>([$"organization=Organization/{kit.Community}"]);
        var byType = await fhir.SearchAsync<HealthcareService>(["service-type=psychosocial_support", $"_id={kit.Community}-psychosocial-support"]);
        var named = await fhir.SearchAsync<Organization>(["name=FHIR-ORG-", "type=phc"]);

        Assert.Equal(kit.District, organization!.Address.Single().District);
        Assert.Equal($"Organization/{kit.Specialist}", service!.ProvidedBy!.Reference);
        Assert.Equal("psychiatric_consultation", service.Type.Single().Coding.Single().Code);
        Assert.Equal([$"{kit.Community}-psychosocial-support"], services!.Entry.Select(e => e.Resource!.Id));
        Assert.Equal(1, byType!.Total);
        Assert.Equal([kit.Phc], named!.Entry.Select(e => e.Resource!.Id));
        Assert.Empty(organization.Meta?.Security ?? []);
    }

    [Fact]
    public async Task The_CapabilityStatement_is_served_without_a_token_and_lists_the_search_parameters_implemented()
    {
        using var anonymous = gateway.CreateClient();

        var statement = await anonymous.Fhir().CapabilityStatementAsync();

        var rest = statement!.Rest.Single();
        Assert.Equal(CapabilityStatement.RestfulCapabilityMode.Server, rest.Mode);
        Assert.Equal(["ServiceRequest", "Task", "Patient", "Organization", "HealthcareService"], rest.Resource.Select(r => r.Type));
        var task = rest.Resource.Single(r => r.Type == "Task");
        Assert.Equal([CapabilityStatement.TypeRestfulInteraction.Read, CapabilityStatement.TypeRestfulInteraction.SearchType,
            CapabilityStatement.TypeRestfulInteraction.Update, CapabilityStatement.TypeRestfulInteraction.Patch], task.Interaction.Select(i => i.Code));
        Assert.Contains("patient", task.SearchParam.Select(p => p.Name));
        Assert.Equal(CapabilityStatement.SystemRestfulInteraction.Transaction, rest.Interaction.Single().Code);
    }
}
