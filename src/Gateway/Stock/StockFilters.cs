using System.Globalization;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Validation;

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
            errors.Add("asOf", "asOf is a date: YYYY-MM-DD");
            return null;
        }
        if (!bounds.FilterDay(day, "asOf", errors))
        {
            return null;
        }
        errors.Require(day <= today, "asOf", "asOf must not be in the future");
        return day;
    }

    /// <summary>?from= or ?to= of a card: a day (from its start, or to its end, UTC) or an ISO 8601 time.</summary>
    public static DateTimeOffset? Bound(string? text, string field, bool endOfDay, InputBounds bounds, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (!bounds.FilterDay(date, field, errors))
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
        errors.Add(field, $"{field} is a date (YYYY-MM-DD) or an ISO 8601 time");
        return null;
    }
}
