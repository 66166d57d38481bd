namespace MhSupply.Places;

/// <summary>
/// A district or region by name (migration 0178). <see cref="Names"/> holds the name in other languages (language code →
/// name), each optional: a reader without one sees <see cref="Name"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("mh.places.PlaceRecord")]
public sealed record PlaceRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string Level,
    [property: Id(2)] string Name,
    [property: Id(3)] IReadOnlyDictionary<string, string> Names);

/// <summary>The levels a place can be (facilities have their own registry).</summary>
public static class PlaceLevels
{
    public const string District = "district";
    public const string Region = "region";

    public static IReadOnlyList<string> All { get; } = [District, Region];
}
