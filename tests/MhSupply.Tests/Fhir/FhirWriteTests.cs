using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using MhSupply.Tests.Infrastructure;
using MhSupply.Tests.Referrals;
using FhirTask = Hl7.Fhir.Model.Task;
using Task = System.Threading.Tasks.Task;

namespace MhSupply.Tests.Fhir;

/// <summary>
/// Referrals written through /fhir: a transaction Bundle creates one through the /api/ validator and grain (ids,
/// idempotency, audit), a Task update runs the state machine's step, and every refusal is an OperationOutcome naming the
/// element or the state, with the /api/ answer's status and message code.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class FhirWriteTests(GatewayFactory gateway)
{
    internal static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    [Fact]
    public async Task The_readme_example_bundle_creates_a_referral_readable_through_the_api_with_its_audit()
    {
        var example = await File.ReadAllTextAsync(Path.Combine(Root(), "docs", "fhir", "referral-bundle.json"));
        Assert.Contains(example.Trim(), await File.ReadAllTextAsync(Path.Combine(Root(), "README.md")), StringComparison.Ordinal);
        using var admin = await gateway.ClientFor("admin");
        foreach (var (id, level) in new[] { ("phc-camp-a", "phc"), ("smh-district", "specialist") })
        {
            (await admin.PutAsJsonAsync($"/api/v1/facilities/{id}", new { name = id, level, district = "demo-district", region = "demo-region" }))
                .EnsureSuccessStatusCode();
        }
        using var clinician = await gateway.ClientFor("clinician", facilities: ["phc-camp-a"], sub: "clinician.campa");

        var response = await Post(clinician, example);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await Read<Bundle>(response);
        Assert.Equal(Bundle.BundleType.TransactionResponse, answer.Type);
        const string referral = "6f1c2a7e-3b9d-4c52-8e0a-5d4b1f7c9e21";
        Assert.Equal(["201 Created", "201 Created", "201 Created"], answer.Entry.Select(e => e.Response!.Status));
        Assert.Equal($"ServiceRequest/{referral}/_history/1", answer.Entry[0].Response!.Location);
        var detail = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{referral}");
        Assert.Equal("CAMPA-0042", detail.GetProperty("patient").GetProperty("code").GetString());
        Assert.Equal(("requested", "urgent", "psychosis", "smh-district", 1990),
            (detail.GetProperty("status").GetString(), detail.GetProperty("urgency").GetString(), detail.GetProperty("reason").GetString(),
                detail.GetProperty("toFacility").GetString(), detail.GetProperty("patient").GetProperty("birthYear").GetInt32()));
        Assert.Equal(DateTimeOffset.Parse("2026-12-01T07:30:00Z", System.Globalization.CultureInfo.InvariantCulture),
            detail.GetProperty("createdAt").GetDateTimeOffset());
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{referral}/audit");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("action").GetString() == "create" && a.GetProperty("actor").GetString() == "clinician.campa");
    }

    [Fact]
    public async Task A_resubmitted_bundle_is_recognised_and_creates_nothing_again()
    {
        var kit = await new ReferralTestKit(gateway, "fw-again").RegisterAsync();
        using var clinician = await kit.ReferringClinician();
        var id = Guid.NewGuid();
        var bundle = Serialize(ReferralBundle(id, kit, gateway.Clock.GetUtcNow()));

        var first = await Post(clinician, bundle);
        var again = await Post(clinician, bundle);

        Assert.Equal("201 Created", (await Read<Bundle>(first)).Entry[0].Response!.Status);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(["200 OK", "200 OK", "200 OK"], (await Read<Bundle>(again)).Entry.Select(e => e.Response!.Status));
        var detail = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}");
        Assert.Equal(1, detail.GetProperty("version").GetInt32());
        Assert.Single(detail.GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task Another_referral_under_the_same_uuid_is_a_409_naming_the_full_url()
    {
        var kit = await new ReferralTestKit(gateway, "fw-reuse").RegisterAsync();
        using var clinician = await kit.ReferringClinician();
        var id = Guid.NewGuid();
        (await Post(clinician, Serialize(ReferralBundle(id, kit, gateway.Clock.GetUtcNow())))).EnsureSuccessStatusCode();

        var response = await Post(clinician, Serialize(ReferralBundle(id, kit, gateway.Clock.GetUtcNow(), reason: "depression")));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var issue = Assert.Single((await Read<OperationOutcome>(response)).Issue);
        Assert.Equal(OperationOutcome.IssueType.Conflict, issue.Code);
        Assert.Equal(["Bundle.entry[0].fullUrl"], issue.Expression);
        Assert.Contains(issue.Details!.Coding, c => c.Code == "referral.id_reused");
        var detail = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}");
        Assert.Equal("psychosis", detail.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_bundle_whose_service_request_names_no_subject_is_a_400_naming_the_element()
    {
        var kit = await new ReferralTestKit(gateway, "fw-subject").RegisterAsync();
        using var clinician = await kit.ReferringClinician();
        var id = Guid.NewGuid();
        var bundle = ReferralBundle(id, kit, gateway.Clock.GetUtcNow());
        ((ServiceRequest)bundle.Entry[0].Resource!).Subject = null!;

        var response = await Post(clinician, Serialize(bundle));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var issue = Assert.Single((await Read<OperationOutcome>(response)).Issue);
        Assert.Equal(["Bundle.entry[0].resource.subject"], issue.Expression);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync($"/api/v1/referrals/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_field_the_api_validator_refuses_is_named_by_the_fhir_element_it_came_from()
    {
        var kit = await new ReferralTestKit(gateway, "fw-field").RegisterAsync();
        using var clinician = await kit.ReferringClinician();
        var bundle = ReferralBundle(Guid.NewGuid(), kit, gateway.Clock.GetUtcNow());
        ((Patient)bundle.Entry[2].Resource!).BirthDate = "1850";

        var response = await Post(clinician, Serialize(bundle));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var issue = Assert.Single((await Read<OperationOutcome>(response)).Issue);
        Assert.Equal(["Bundle.entry[2].resource.birthDate"], issue.Expression);
        Assert.Contains(issue.Details!.Coding, c => c.Code == "referral.birth_year_implausible");
    }

    [Fact]
    public async Task A_forbidden_transition_is_a_409_naming_the_current_state_and_changes_nothing()
    {
        var kit = await new ReferralTestKit(gateway, "fw-forbid").RegisterAsync();
        var id = await Create(kit);
        using var psychiatrist = await kit.Psychiatrist();
        var task = await Read<FhirTask>(await psychiatrist.GetAsync($"/fhir/Task/{id}"));
        task.Status = FhirTask.TaskStatus.InProgress;

        var response = await Put(psychiatrist, task);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var issue = Assert.Single((await Read<OperationOutcome>(response)).Issue);
        Assert.Contains(issue.Details!.Coding, c => c.System == "urn:mhsupply:referral-state" && c.Code == "requested");
        Assert.Contains(issue.Details!.Coding, c => c.Code == "referral.forbidden_transition");
        Assert.Contains("requested", issue.Diagnostics, StringComparison.Ordinal);
        var detail = await psychiatrist.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}");
        Assert.Equal(1, detail.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Rejecting_without_a_status_reason_is_a_400_naming_task_status_reason()
    {
        var kit = await new ReferralTestKit(gateway, "fw-reason").RegisterAsync();
        var id = await Create(kit);
        using var psychiatrist = await kit.Psychiatrist();
        var task = await Read<FhirTask>(await psychiatrist.GetAsync($"/fhir/Task/{id}"));
        task.Status = FhirTask.TaskStatus.Rejected;

        var response = await Put(psychiatrist, task);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var issue = Assert.Single((await Read<OperationOutcome>(response)).Issue);
        Assert.Equal(["Task.statusReason"], issue.Expression);
        Assert.Contains(issue.Details!.Coding, c => c.Code == "referral.reason_required");
        Assert.Equal("requested", (await psychiatrist.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_json_patch_of_business_status_books_the_appointment_given_in_the_restriction()
    {
        var kit = await new ReferralTestKit(gateway, "fw-patch").RegisterAsync();
        var id = await Create(kit);
        using var psychiatrist = await kit.Psychiatrist();
        (await Patch(psychiatrist, id, """[ { "op": "replace", "path": "/status", "value": "accepted" } ]""")).EnsureSuccessStatusCode();
        var appointment = gateway.Clock.GetUtcNow().AddDays(3);

        var response = await Patch(psychiatrist, id, $$"""
            [
              { "op": "test", "path": "/status", "value": "accepted" },
              { "op": "replace", "path": "/businessStatus", "value": { "coding": [ { "system": "urn:mhsupply:referral-state", "code": "booked" } ] } },
              { "op": "add", "path": "/restriction", "value": { "period": { "start": "{{appointment:yyyy-MM-ddTHH:mm:ssZ}}" } } }
            ]
            """);

        var task = await Read<FhirTask>(response);
        Assert.Equal((FhirTask.TaskStatus.Accepted, "booked"), (task.Status!.Value, task.BusinessStatus!.Coding.Single().Code));
        Assert.Equal("W/\"3\"", response.Headers.ETag?.ToString());
        var detail = await psychiatrist.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}");
        Assert.Equal(DateTimeOffset.Parse(appointment.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            System.Globalization.CultureInfo.InvariantCulture), detail.GetProperty("appointmentAt").GetDateTimeOffset());
        Assert.Equal(["create", "accept", "book"], detail.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task An_update_of_a_version_no_longer_current_is_a_412_and_changes_nothing()
    {
        var kit = await new ReferralTestKit(gateway, "fw-stale").RegisterAsync();
        var id = await Create(kit);
        using var psychiatrist = await kit.Psychiatrist();
        var read = await psychiatrist.GetAsync($"/fhir/Task/{id}");
        var etag = read.Headers.ETag!;
        var task = await Read<FhirTask>(read);
        (await Patch(psychiatrist, id, """[ { "op": "replace", "path": "/status", "value": "received" } ]""")).EnsureSuccessStatusCode();
        task.Status = FhirTask.TaskStatus.Accepted;

        var response = await Put(psychiatrist, task, etag);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal(["If-Match"], Assert.Single((await Read<OperationOutcome>(response)).Issue).Expression);
        Assert.Equal("received", (await psychiatrist.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_task_sent_back_as_read_changes_nothing()
    {
        var kit = await new ReferralTestKit(gateway, "fw-same").RegisterAsync();
        var id = await Create(kit);
        using var psychiatrist = await kit.Psychiatrist();
        var task = await Read<FhirTask>(await psychiatrist.GetAsync($"/fhir/Task/{id}"));

        var response = await Put(psychiatrist, task);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FhirTask.TaskStatus.Requested, (await Read<FhirTask>(response)).Status);
        Assert.Equal(1, (await psychiatrist.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task An_update_from_outside_the_referrals_reach_is_a_404_and_audited_as_denied()
    {
        var kit = await new ReferralTestKit(gateway, "fw-reach").RegisterAsync();
        var id = await Create(kit);
        using var psychiatrist = await kit.Psychiatrist();
        var task = await Read<FhirTask>(await psychiatrist.GetAsync($"/fhir/Task/{id}"));
        using var outsider = await gateway.ClientFor("clinician", facilities: ["elsewhere"], sub: "fw-reach.outsider");
        task.Status = FhirTask.TaskStatus.Accepted;

        var response = await Put(outsider, task);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.NotFound, Assert.Single((await Read<OperationOutcome>(response)).Issue).Code);
        using var admin = await gateway.ClientFor("admin");
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}/audit");
        Assert.Contains(audit.EnumerateArray(), a => a.GetProperty("actor").GetString() == "fw-reach.outsider"
            && a.GetProperty("action").GetString()!.StartsWith("denied-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_patch_that_cannot_apply_is_a_400_and_changes_nothing()
    {
        var kit = await new ReferralTestKit(gateway, "fw-badpatch").RegisterAsync();
        var id = await Create(kit);
        using var psychiatrist = await kit.Psychiatrist();

        var untestable = await Patch(psychiatrist, id, """[ { "op": "test", "path": "/status", "value": "accepted" }, { "op": "replace", "path": "/status", "value": "received" } ]""");
        var notATask = await Patch(psychiatrist, id, """[ { "op": "replace", "path": "/status", "value": "maybe" } ]""");
        var notJson = await psychiatrist.PatchAsync($"/fhir/Task/{id}", new StringContent("""{"status":"received"}""", Encoding.UTF8, "application/json"));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.UnsupportedMediaType),
            (untestable.StatusCode, notATask.StatusCode, notJson.StatusCode));
        Assert.Contains(Assert.Single((await Read<OperationOutcome>(untestable)).Issue).Details!.Coding, c => c.Code == "fhir.patch_invalid");
        Assert.Equal(1, (await psychiatrist.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_referral_made_through_the_api_takes_its_steps_through_fhir()
    {
        var kit = await new ReferralTestKit(gateway, "fw-api").RegisterAsync();
        using var clinician = await kit.ReferringClinician();
        var (id, created) = await kit.Refer(clinician);
        created.EnsureSuccessStatusCode();
        using var psychiatrist = await kit.Psychiatrist();

        var response = await Patch(psychiatrist, id, """[ { "op": "replace", "path": "/status", "value": "received" } ]""");

        Assert.Equal(FhirTask.TaskStatus.Received, (await Read<FhirTask>(response)).Status);
        var detail = await clinician.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}");
        Assert.Equal(["create", "receive"], detail.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()));
        Assert.Equal("fw-api.psychiatrist", detail.GetProperty("history")[1].GetProperty("by").GetString());
    }

    [Fact]
    public async Task A_back_referral_medicine_for_an_impossible_duration_is_a_400_naming_it()
    {
        var kit = await new ReferralTestKit(gateway, "fw-duration").RegisterAsync();
        var id = await Create(kit);
        using var psychiatrist = await kit.Psychiatrist();
        await ReferralTestKit.Json(await ReferralTestKit.Act(psychiatrist, id, "accept"));
        await ReferralTestKit.Json(await ReferralTestKit.Act(psychiatrist, id, "start"));
        var task = await Read<FhirTask>(await psychiatrist.GetAsync($"/fhir/Task/{id}"));
        task.Status = FhirTask.TaskStatus.Completed;
        task.Contained.Add(new CarePlan
        {
            Id = "plan", Status = RequestStatus.Active, Intent = CarePlan.CarePlanIntent.Plan, Subject = new ResourceReference("Patient/" + id),
            Category = [new CodeableConcept("urn:mhsupply:mhgap-category", "depression")], Description = "Fluoxetine; review monthly.",
        });
        task.Contained.Add(new MedicationRequest
        {
            Id = "m1", Status = MedicationRequest.MedicationrequestStatus.Active, Intent = MedicationRequest.MedicationRequestIntent.Order,
            Subject = new ResourceReference("Patient/" + id), Medication = new CodeableConcept("urn:mhsupply:medicine", "fluoxetine-cap-20mg"),
            DosageInstruction = [new Dosage { Text = "20 mg once a day" }],
            DispenseRequest = new MedicationRequest.DispenseRequestComponent { ExpectedSupplyDuration = new Duration { Value = 1e27m, Code = "a" } },
        });

        var response = await Put(psychiatrist, task);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var expressions = (await Read<OperationOutcome>(response)).Issue.SelectMany(i => i.Expression ?? []);
        Assert.Contains("Task.contained[1].dispenseRequest.expectedSupplyDuration", expressions);
        Assert.Equal("in_progress", (await psychiatrist.GetFromJsonAsync<JsonElement>($"/api/v1/referrals/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task What_the_writes_answer_validates_against_the_base_r4_profiles()
    {
        var kit = await new ReferralTestKit(gateway, "fw-valid").RegisterAsync();
        using var clinician = await kit.ReferringClinician();
        using var psychiatrist = await kit.Psychiatrist();
        var id = Guid.NewGuid();
        var created = await Read<Bundle>(await Post(clinician, Serialize(ReferralBundle(id, kit, gateway.Clock.GetUtcNow()))));
        var task = await Read<FhirTask>(await psychiatrist.GetAsync($"/fhir/Task/{id}"));
        task.Status = FhirTask.TaskStatus.Rejected;
        var refused = await Read<OperationOutcome>(await Put(psychiatrist, task));
        var accepted = await Read<FhirTask>(await Patch(psychiatrist, id, """[ { "op": "replace", "path": "/status", "value": "accepted" } ]"""));

        foreach (var resource in new Resource[] { created, refused, accepted })
        {
            Assert.Empty(BaseR4Validator.ErrorsOf(resource));
        }
    }

    /// <summary>A referral Bundle as a partner builds it: ServiceRequest (fullUrl urn:uuid:{id}), Task, Patient, from the kit's PHC to its specialist.</summary>
    internal static Bundle ReferralBundle(Guid id, ReferralTestKit kit, DateTimeOffset at, string reason = "psychosis", string urgency = "urgent")
    {
        var request = "urn:uuid:" + id;
        var patient = "urn:uuid:" + Guid.NewGuid();
        var bundle = new Bundle { Type = Bundle.BundleType.Transaction };
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = request,
            Resource = new ServiceRequest
            {
                Status = RequestStatus.Active,
                Intent = RequestIntent.Order,
                Priority = urgency == "urgent" ? RequestPriority.Urgent : urgency == "emergency" ? RequestPriority.Stat : RequestPriority.Routine,
                Subject = new ResourceReference(patient),
                AuthoredOn = at.AddMinutes(-5).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
                Requester = new ResourceReference("Organization/" + kit.Phc),
                Performer = [new ResourceReference("Organization/" + kit.Specialist)],
                ReasonCode = [new CodeableConcept("urn:mhsupply:mhgap-category", reason)],
                Extension = [new Extension("urn:mhsupply:consent", new FhirBoolean(true))],
            },
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "ServiceRequest" },
        });
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = "urn:uuid:" + Guid.NewGuid(),
            Resource = new FhirTask
            {
                Status = FhirTask.TaskStatus.Requested,
                Intent = FhirTask.TaskIntent.Order,
                Focus = new ResourceReference(request),
                For = new ResourceReference(patient),
                Requester = new ResourceReference("Organization/" + kit.Phc),
                Owner = new ResourceReference("Organization/" + kit.Specialist),
            },
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Task" },
        });
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = patient,
            Resource = new Patient
            {
                Identifier = [new Identifier("urn:mhsupply:patient-code:" + kit.Phc, "PX-" + id.ToString()[..8])],
                Gender = AdministrativeGender.Female,
                BirthDate = "1990",
            },
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Patient" },
        });
        return bundle;
    }

    private async Task<Guid> Create(ReferralTestKit kit)
    {
        using var clinician = await kit.ReferringClinician();
        var id = Guid.NewGuid();
        (await Post(clinician, Serialize(ReferralBundle(id, kit, gateway.Clock.GetUtcNow())))).EnsureSuccessStatusCode();
        return id;
    }

    private static string Serialize(Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), Fhir);

    private static Task<HttpResponseMessage> Post(HttpClient client, string bundle) =>
        client.PostAsync("/fhir", new StringContent(bundle, Encoding.UTF8, "application/fhir+json"));

    private static Task<HttpResponseMessage> Put(HttpClient client, FhirTask task, EntityTagHeaderValue? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/fhir/Task/{task.Id}")
        {
            Content = new StringContent(Serialize(task), Encoding.UTF8, "application/fhir+json"),
        };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }
        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> Patch(HttpClient client, Guid id, string patch) =>
        client.PatchAsync($"/fhir/Task/{id}", new StringContent(patch, Encoding.UTF8, "application/json-patch+json"));

    private static async Task<T> Read<T>(HttpResponseMessage response) where T : Resource
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/fhir+json", $"{(int)response.StatusCode}: {text}");
        return Assert.IsType<T>(JsonSerializer.Deserialize<Resource>(text, Fhir), exactMatch: false);
    }

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MhSupply.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("MhSupply.sln not found above " + AppContext.BaseDirectory);
    }
}
