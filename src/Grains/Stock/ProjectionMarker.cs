namespace MhSupply.Stock;

/// <summary>
/// Whether the facility's pending-projection marker (mh.stock_projection_pending) is, or may be, in PostgreSQL. A commit
/// writes it only when it is not; a projection clears it in the transaction of the rows that cover it. Shared by the
/// committer and the projection, the two writers of that row.
/// </summary>
internal sealed class ProjectionMarker
{
    public bool Committed { get; private set; }

    /// <summary>A commit wrote it, or an activation found it: later commits need not write it until a projection clears it.</summary>
    public void Written() => Committed = true;

    /// <summary>A batch failed after its first card change: whether its commit went through is unknown, so the next writes it again.</summary>
    public void Unknown() => Committed = false;

    /// <summary>A projection covered every commit so far and deleted it.</summary>
    public void Cleared() => Committed = false;
}
