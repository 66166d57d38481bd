using MhSupply.Messages;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace MhSupply.Gateway.Errors;

/// <summary>
/// ?page=&amp;pageSize= (default 50, max 500), as every list of the API contract. Bound as text so that a value out of
/// range or not a number is a 400 naming the field in our words (PagingFilter runs <see cref="Validate"/> before any
/// handler), never a silent clamp; the offset is a long, so no page number can overflow it.
/// </summary>
public sealed record Paging([FromQuery(Name = "page")] string? Page, [FromQuery(Name = "pageSize")] string? PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public int PageNumber => Parse(Page) is { } p and >= 1 ? p : 1;

    public int Size => Parse(PageSize) is { } s and >= 1 and <= MaxPageSize ? s : DefaultPageSize;

    public long Offset => (long)(PageNumber - 1) * Size;

    public void Validate(ValidationErrors errors)
    {
        if (!string.IsNullOrEmpty(Page) && Parse(Page) is not >= 1)
        {
            errors.Add("page", RequestMessages.Of("request.page_invalid", ("value", Page), ("max", int.MaxValue)));
        }
        if (!string.IsNullOrEmpty(PageSize) && Parse(PageSize) is not (>= 1 and <= MaxPageSize))
        {
            errors.Add("pageSize", RequestMessages.Of("request.page_size_invalid", ("value", PageSize), ("max", MaxPageSize)));
        }
    }

    public Paged<T> Apply<T>(IReadOnlyList<T> all) =>
        new(Offset >= all.Count ? [] : all.Skip((int)Offset).Take(Size).ToList(), PageNumber, Size, all.Count);

    private static int? Parse(string? text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);
