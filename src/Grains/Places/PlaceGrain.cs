namespace MhSupply.Places;

[GrainType("place")]
public sealed class PlaceGrain(PlaceRegistry registry) : Grain, IPlaceGrain
{
    public Task<bool> Name(PlaceRecord place, string by) =>
        place.Id == this.GetPrimaryKeyString()
            ? registry.UpsertAsync(place, by)
            : throw new ArgumentException($"place {place.Id} was sent to the grain of {this.GetPrimaryKeyString()}", nameof(place));
}
