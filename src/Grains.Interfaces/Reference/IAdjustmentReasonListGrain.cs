using MhSupply.Stock;

namespace MhSupply.Reference;

/// <summary>
/// The adjustment reasons catalogue, one grain (<see cref="All"/>): admins edit and import reasons through it, one change
/// at a time, so the rule that a reason's direction never changes is checked and written in one transaction.
/// </summary>
[Alias("mh.reference.IAdjustmentReasonListGrain")]
public interface IAdjustmentReasonListGrain : IGrainWithStringKey
{
    public const string All = "all";

    /// <summary>
    /// Creates or updates the reasons in one transaction, or none of them when one would change the direction of an existing
    /// reason (<see cref="AdjustmentReasonsSaved.DirectionFixed"/>).
    /// </summary>
    [Alias("Upsert")]
    Task<AdjustmentReasonsSaved> Upsert(IReadOnlyList<AdjustmentReasonRecord> reasons);
}

/// <summary>An adjustment reason on the wire between gateway and grain (the domain's <see cref="AdjustmentReason"/>).</summary>
[GenerateSerializer, Immutable, Alias("mh.reference.AdjustmentReasonRecord")]
public sealed record AdjustmentReasonRecord(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] bool Credit,
    [property: Id(3)] string Category,
    [property: Id(4)] bool Active)
{
    public static AdjustmentReasonRecord From(AdjustmentReason r) => new(r.Code, r.Name, r.Credit, r.Category.ToWireName(), r.Active);

    public AdjustmentReason ToReason() => new(Code, Name, Credit, WireNames.Parse<AdjustmentCategory>(Category), Active);
}

/// <summary>
/// What an upsert did: the codes that were new, or (nothing written) the existing reasons whose direction the change
/// would have turned, with the direction each keeps.
/// </summary>
[GenerateSerializer, Immutable, Alias("mh.reference.AdjustmentReasonsSaved")]
public sealed record AdjustmentReasonsSaved(
    [property: Id(0)] IReadOnlyList<string> Created,
    [property: Id(1)] IReadOnlyList<AdjustmentReasonRecord> DirectionFixed);
