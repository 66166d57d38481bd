namespace MhSupply.Gateway.Errors;

/// <summary>?page=&amp;pageSize= (default 50, max 500), as every list of the API contract.</summary>
public sealed record Paging(int? Page, int? PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public int PageNumber => Math.Max(1, Page ?? 1);

    public int Size => Math.Clamp(PageSize ?? DefaultPageSize, 1, MaxPageSize);

    public int Offset => (PageNumber - 1) * Size;

    public Paged<T> Apply<T>(IReadOnlyList<T> all) => new(all.Skip(Offset).Take(Size).ToList(), PageNumber, Size, all.Count);
}

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);
