namespace MhSupply.Reference;

[GrainType("facility")]
public sealed class FacilityGrain(FacilityRegistry registry) : Grain, IFacilityGrain
{
    public Task<bool> Register(FacilityRecord facility) =>
        facility.Id == this.GetPrimaryKeyString()
            ? registry.UpsertAsync(facility)
            : throw new ArgumentException($"facility {facility.Id} was sent to the grain of {this.GetPrimaryKeyString()}", nameof(facility));
}
