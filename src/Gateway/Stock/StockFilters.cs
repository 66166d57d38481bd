using System.Globalization;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Validation;
using MhSupply.Stock;

namespace MhSupply.Gateway.Stock;

/// <summary>The query values of the stock reads (?asOf= of the figures, ?from=&amp;to= of a card), checked in one place.</summary>
public static class StockFilters
{
    /// <summary>?asOf=YYYY-MM-DD: a day within the filter bounds, not after <paramref name="today"/>; null for today.</summary>
    public static DateOnly? AsOf(string? asOf, DateOnly today, InputBounds bounds, ValidationErrors errors)
    {
        if (asOf is null)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add("asOf", StockMessages.Of("filter_date_invalid", ("value", asOf)));
            return null;
        }
        if (!InRange(day, "asOf", bounds, errors))
        {
            return null;
        }
        if (day > today)
        {
            errors.Add("asOf", StockMessages.Of("as_of_future", ("day", day), ("today", today)));
        }
        return day;
    }

    /// <summary>?from= or ?to= of a card: a day (from its start, or to its end, UTC) or a time with its offset.</summary>
    public static DateTimeOffset? Bound(string? text, string field, bool endOfDay, InputBounds bounds, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (!InRange(date, field, bounds, errors))
            {
                return null;
            }
            var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? start.AddDays(1).AddTicks(-1) : start;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return bounds.FilterInstant(at, field, errors) ? at : null;
        }
        errors.Add(field, StockMessages.Of("filter_date_invalid", ("value", text)));
        return null;
    }

    private static bool InRange(DateOnly day, string field, InputBounds bounds, ValidationErrors errors)
    {
        if (day >= bounds.Earliest && day <= bounds.FilterLatest)
        {
            return true;
        }
        errors.Add(field, StockMessages.Of("filter_date_out_of_range", ("day", day), ("from", bounds.Earliest), ("to", bounds.FilterLatest)));
        return false;
    }
}
