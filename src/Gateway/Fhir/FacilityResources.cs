using Hl7.Fhir.Model;
using MhSupply.Reference;

namespace MhSupply.Gateway.Fhir;

/// <summary>
/// Our facilities as Organizations and their services as HealthcareServices. Registry facts, public within the system
/// (the /api/ service directory lists them to any signed-in user): no security labels (see <see cref="FhirSecurity"/>).
/// </summary>
public static class FacilityResources
{
    public const string LevelSystem = "urn:mhsupply:facility-level";

    public static Organization Organization(FacilityRecord f) => new()
    {
        Id = f.Id,
        Identifier = [new Identifier("urn:mhsupply:facility", f.Id)],
        Active = f.Active,
        Type = [new CodeableConcept(LevelSystem, f.Level)],
        Name = f.Name,
        Address = [new Address { District = f.District, State = f.Region }],
    };

    public static HealthcareService HealthcareService(FacilityRecord f, string service) => new()
    {
        Id = FhirReferences.ServiceId(f.Id, service),
        Active = f.Active,
        ProvidedBy = FhirReferences.Organization(f.Id),
        Type = [new CodeableConcept(ReferralResources.ServiceSystem, service)],
        Name = $"{f.Name}: {service.Replace('_', ' ')}",
    };
}
