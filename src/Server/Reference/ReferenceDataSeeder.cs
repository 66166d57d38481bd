using Microsoft.Extensions.Logging;

namespace MhSupply.Reference;

/// <summary>
/// Loads the shipped default medicines list into an empty catalogue (a national list replaces or extends it later
/// by import) and, when asked, the demo district.
/// </summary>
public sealed class ReferenceDataSeeder(MedicineCatalog medicines, MedicineListWriter medicineList, FacilityDirectory facilities,
    FacilityRegistry registry, MhSupply.Places.PlaceRegistry places, ILogger<ReferenceDataSeeder> logger)
{
    public async Task SeedDefaultsAsync(CancellationToken cancellationToken = default)
    {
        if (await medicines.CountAsync(cancellationToken) > 0)
        {
            return;
        }
        var parsed = MedicineCsv.Parse(DefaultList());
        if (parsed.Errors.Count > 0)
        {
            throw new InvalidOperationException("the shipped medicines list does not parse: " + string.Join("; ", parsed.Errors.Keys));
        }
        var created = await medicineList.UpsertAsync(parsed.Medicines, cancellationToken);
        logger.LogInformation("Loaded the default medicines list: {Count} items", created.Count);
    }

    public async Task SeedDemoDistrictAsync(CancellationToken cancellationToken = default)
    {
        var facilitiesOfDemo = DemoDistrict.Facilities(facilities.Today());
        foreach (var facility in facilitiesOfDemo)
        {
            if (await facilities.FindAsync(facility.Id, cancellationToken) is null)
            {
                await registry.UpsertAsync(facility, cancellationToken);
            }
        }
        // The district and region by name, so the district screen is headed "Lakeside District", not its id.
        foreach (var (id, level, name, names) in DemoDistrict.Places)
        {
            await places.AddIfAbsentAsync(new MhSupply.Places.PlaceRecord(id, level, name, names), "demo", cancellationToken);
        }
        logger.LogInformation("Demo district {District} present with {Count} facilities", DemoDistrict.District, facilitiesOfDemo.Count);
    }


    public static string DefaultList()
    {
        using var stream = typeof(ReferenceDataSeeder).Assembly.GetManifestResourceStream("MhSupply.Seed.medicines.csv")
            ?? throw new InvalidOperationException("default medicines list is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
