namespace MhSupply.Reference;

/// <summary>A facility of the registry, keyed by its id: an admin registers or changes it through this grain.</summary>
[Alias("mh.reference.IFacilityGrain")]
public interface IFacilityGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the facility (its id is the grain's key); true when it was created.</summary>
    [Alias("Register")]
    Task<bool> Register(FacilityRecord facility);
}
