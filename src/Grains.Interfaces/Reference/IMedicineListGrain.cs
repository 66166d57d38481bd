namespace MhSupply.Reference;

/// <summary>
/// The essential medicines list, keyed by its name (<see cref="Essential"/>): admins edit and import it through this grain,
/// one change at a time.
/// </summary>
[Alias("mh.reference.IMedicineListGrain")]
public interface IMedicineListGrain : IGrainWithStringKey
{
    public const string Essential = "essential";

    /// <summary>Creates or updates the items in one transaction; answers the codes that were new.</summary>
    [Alias("Upsert")]
    Task<IReadOnlyList<string>> Upsert(IReadOnlyList<MedicineRecord> medicines);

    /// <summary>Makes the items the list: upserts them and retires every other item, in one transaction.</summary>
    [Alias("Replace")]
    Task<MedicineListReplaced> Replace(IReadOnlyList<MedicineRecord> medicines, DateTimeOffset retiredAt);
}

[GenerateSerializer, Immutable, Alias("mh.reference.MedicineListReplaced")]
public sealed record MedicineListReplaced([property: Id(0)] IReadOnlyList<string> Created, [property: Id(1)] int Retired);
