namespace MhSupply.Places;

/// <summary>A district or region, keyed by its id: an admin names it through this grain.</summary>
[Alias("mh.places.IPlaceGrain")]
public interface IPlaceGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the place (its id is the grain's key); true when it was created.</summary>
    [Alias("Name")]
    Task<bool> Name(PlaceRecord place, string by);
}
