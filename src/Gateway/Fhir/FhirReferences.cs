using Hl7.Fhir.Model;
using MhSupply.Reference;

namespace MhSupply.Gateway.Fhir;

/// <summary>
/// The references and ids of our facilities and services. A HealthcareService is one service of one facility:
/// <c>{facilityId}-{service}</c>, the service's '_' written '-' (FHIR ids allow letters, digits, '-' and '.'); since a
/// facility id may hold '-' too, an id is read back against the registry (<see cref="FindServiceAsync"/>), never split blindly.
/// </summary>
public static class FhirReferences
{
    public static ResourceReference Organization(string facilityId) => new("Organization/" + facilityId);

    public static ResourceReference HealthcareService(string facilityId, string service) => new("HealthcareService/" + ServiceId(facilityId, service));

    public static string ServiceId(string facilityId, string service) => facilityId + "-" + service.Replace('_', '-');

    /// <summary>
    /// The id a reference names when it is of <paramref name="type"/>: <c>Type/id</c>, an absolute URL ending so, or (for a
    /// search's bare value) the id alone; null otherwise.
    /// </summary>
    public static string? IdOf(string? reference, string type, bool bareIdAllowed = false)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }
        var parts = reference.TrimEnd('/').Split('/');
        if (parts.Length >= 2 && parts[^2] == type && parts[^1].Length > 0)
        {
            return parts[^1];
        }
        return bareIdAllowed && parts.Length == 1 ? parts[0] : null;
    }

    /// <summary>The facility and service a HealthcareService id names, when the registry has that facility offering it.</summary>
    public static async Task<(FacilityRecord Facility, string Service)?> FindServiceAsync(string id, FacilityDirectory facilities,
        CancellationToken cancellationToken)
    {
        for (var cut = id.IndexOf('-', StringComparison.Ordinal); cut > 0; cut = id.IndexOf('-', cut + 1))
        {
            if (await facilities.FindAsync(id[..cut], cancellationToken) is { } facility
                && facility.Services.FirstOrDefault(s => ServiceId(facility.Id, s) == id) is { } service)
            {
                return (facility, service);
            }
        }
        return null;
    }
}
