namespace MhSupply.Reference;

[GrainType("medicine-list")]
public sealed class MedicineListGrain(MedicineListWriter writer) : Grain, IMedicineListGrain
{
    public Task<IReadOnlyList<string>> Upsert(IReadOnlyList<MedicineRecord> medicines) => writer.UpsertAsync(medicines);

    public async Task<MedicineListReplaced> Replace(IReadOnlyList<MedicineRecord> medicines, DateTimeOffset retiredAt)
    {
        var (created, retired) = await writer.ReplaceAsync(medicines, retiredAt);
        return new MedicineListReplaced(created, retired);
    }
}
