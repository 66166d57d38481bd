namespace MhSupply.Hosting;

/// <summary>The grain storage our grains name in <c>[PersistentState(..., GrainStorage.Name)]</c>; the silo decides its provider.</summary>
public static class GrainStorage
{
    public const string Name = "mh-store";
}
