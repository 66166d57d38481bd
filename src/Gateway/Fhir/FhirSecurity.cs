using Hl7.Fhir.Model;

namespace MhSupply.Gateway.Fhir;

/// <summary>
/// The security labels every referral-related resource carries (docs/domain.md "Privacy"): confidentiality R (restricted)
/// and sensitivity PSY (psychiatry), so a partner's system keeps them under its own mental-health rules. Facilities and
/// their services are public registry facts, not about a person: they carry no label (a label on them would teach
/// partners to ignore the labels).
/// </summary>
public static class FhirSecurity
{
    public const string ConfidentialitySystem = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality";
    public const string ActCodeSystem = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    public static Coding Restricted => new(ConfidentialitySystem, "R", "restricted");

    public static Coding Psychiatry => new(ActCodeSystem, "PSY", "psychiatry information sensitivity");

    /// <summary>Adds R and PSY to the resource's meta (once each) and returns it.</summary>
    public static T Labelled<T>(this T resource) where T : Resource
    {
        resource.Meta ??= new Meta();
        foreach (var label in new[] { Restricted, Psychiatry })
        {
            if (!resource.Meta.Security.Any(s => s.System == label.System && s.Code == label.Code))
            {
                resource.Meta.Security.Add(label);
            }
        }
        return resource;
    }
}
