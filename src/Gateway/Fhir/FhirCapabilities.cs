using Hl7.Fhir.Model;
using static Hl7.Fhir.Model.CapabilityStatement;

namespace MhSupply.Gateway.Fhir;

/// <summary>
/// GET /fhir/metadata: what this server does, exactly (the search parameters from <see cref="FhirSearchParameters"/>, the
/// interactions the endpoints map), built with Firely's POCOs.
/// </summary>
public static class FhirCapabilities
{
    /// <summary>When this statement last changed (it changes with the code, not with the data).</summary>
    private const string Date = "2026-12-03";

    public static FhirResourceResult Get(HttpRequest request) => FhirJson.Result(Statement(request.Scheme + "://" + request.Host + request.PathBase + FhirEndpoints.BasePath));

    public static CapabilityStatement Statement(string baseUrl) => new()
    {
        Url = baseUrl + "/metadata",
        Name = "MhSupplyReferrals",
        Title = "MhSupply referrals (FHIR R4)",
        Status = PublicationStatus.Active,
        Date = Date,
        Publisher = "MhSupply",
        Kind = CapabilityStatementKind.Instance,
        Software = new SoftwareComponent { Name = "MhSupply" },
        Implementation = new ImplementationComponent { Description = "MhSupply referral pathways", Url = baseUrl },
        FhirVersion = FHIRVersion.N4_0_1,
        Format = ["json", FhirJson.ContentType],
        Rest =
        [
            new RestComponent
            {
                Mode = RestfulCapabilityMode.Server,
                Documentation = "Bearer tokens as for /api/v1; what each caller sees is decided by the referral access policy.",
                Security = new SecurityComponent
                {
                    Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")],
                    Description = "Authorization: Bearer <token>, the same tokens as /api/v1.",
                },
                Resource =
                [
                    Resource("ServiceRequest", "The referral.", Read, Search),
                    Resource("Task", "A referral's workflow (forward) and its back-referral ('{id}-back').", Read, Search, Update, Patch),
                    Resource("Patient", "The referred person, pseudonymous (patient code, sex, birth year).", Read),
                    Resource("Organization", "Our facilities.", Read, Search),
                    Resource("HealthcareService", "A facility's mental health services.", Read, Search),
                ],
                Interaction = [new SystemInteractionComponent
                {
                    Code = SystemRestfulInteraction.Transaction,
                    Documentation = "A Bundle of ServiceRequest + Task (+ Patient) creates a referral.",
                }],
            },
        ],
    };

    private const TypeRestfulInteraction Read = TypeRestfulInteraction.Read;
    private const TypeRestfulInteraction Search = TypeRestfulInteraction.SearchType;
    private const TypeRestfulInteraction Update = TypeRestfulInteraction.Update;
    private const TypeRestfulInteraction Patch = TypeRestfulInteraction.Patch;

    private static ResourceComponent Resource(string type, string documentation, params TypeRestfulInteraction[] interactions)
    {
        var resource = new ResourceComponent
        {
            Type = type,
            Documentation = documentation,
            Interaction = [.. interactions.Select(i => new ResourceInteractionComponent { Code = i })],
            Versioning = ResourceVersionPolicy.Versioned,
            ReadHistory = false,
            UpdateCreate = false,
        };
        if (interactions.Contains(Search))
        {
            resource.SearchParam = [.. FhirSearchParameters.Common.Concat(FhirSearchParameters.ByType[type])
                .Select(p => new CapabilityStatement.SearchParamComponent { Name = p.Name, Type = p.Type, Documentation = p.Documentation })];
        }
        return resource;
    }
}
