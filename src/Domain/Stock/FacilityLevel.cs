namespace MhSupply.Stock;

/// <summary>Facility level (docs/domain.md, "Facilities and the medicines list"); it picks the max-min defaults.</summary>
public enum FacilityLevel
{
    Phc = 1,
    Specialist,
    Community,
    Warehouse,
}
