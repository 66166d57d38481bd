using System.Globalization;
using System.Text.RegularExpressions;

namespace MhSupply.Indicators;

public enum PeriodKind
{
    Month,
    Quarter,
    Year,
}

/// <summary>
/// A period indicators are computed for (docs/domain.md, "Indicators"): a calendar month (<c>2026-11</c>), quarter
/// (<c>2026Q4</c>) or year (<c>2026</c>) of the facilities' local calendar. Months are held as their first day, as the
/// reporting table holds them.
/// </summary>
public readonly partial record struct IndicatorPeriod(PeriodKind Kind, int Year, int Number)
{
    /// <summary>The first day of the period's first month.</summary>
    public DateOnly FirstDay => Kind switch
    {
        PeriodKind.Month => new DateOnly(Year, Number, 1),
        PeriodKind.Quarter => new DateOnly(Year, (Number - 1) * 3 + 1, 1),
        _ => new DateOnly(Year, 1, 1),
    };

    /// <summary>The first day after the period.</summary>
    public DateOnly EndExclusive => FirstDay.AddMonths(MonthCount);

    /// <summary>The period's last day: figures "at the end of the period" are as at the end of this local day.</summary>
    public DateOnly LastDay => EndExclusive.AddDays(-1);

    public int MonthCount => Kind switch { PeriodKind.Month => 1, PeriodKind.Quarter => 3, _ => 12 };

    /// <summary>The months of the period, oldest first, each as its first day.</summary>
    public IReadOnlyList<DateOnly> Months
    {
        get
        {
            var first = FirstDay;
            return [.. Enumerable.Range(0, MonthCount).Select(first.AddMonths)];
        }
    }

    /// <summary>The period's last month (its first day): where "at the end of the period" figures are read.</summary>
    public DateOnly LastMonth => FirstDay.AddMonths(MonthCount - 1);

    public IndicatorPeriod Next() => Shift(1);

    public IndicatorPeriod Previous() => Shift(-1);

    /// <summary>The period <paramref name="steps"/> periods of the same kind later (earlier when negative).</summary>
    public IndicatorPeriod Shift(int steps)
    {
        var perYear = Kind switch { PeriodKind.Month => 12, PeriodKind.Quarter => 4, _ => 1 };
        var index = Year * perYear + (Number - 1) + steps;
        return new IndicatorPeriod(Kind, index / perYear, index % perYear + 1);
    }

    /// <summary>Whether a facility opened on <paramref name="openedOn"/> is expected in the period (if it is active).</summary>
    public bool Expects(DateOnly openedOn) => openedOn <= FirstDay;

    /// <summary>Our form: <c>2026-11</c>, <c>2026Q4</c>, <c>2026</c>.</summary>
    public override string ToString() => Kind switch
    {
        PeriodKind.Month => $"{Year:D4}-{Number:D2}",
        PeriodKind.Quarter => $"{Year:D4}Q{Number}",
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };

    /// <summary>DHIS2's form: <c>202611</c>, <c>2026Q4</c>, <c>2026</c>.</summary>
    public string ToDhis2() => Kind == PeriodKind.Month ? $"{Year:D4}{Number:D2}" : ToString();

    public static IndicatorPeriod Month(DateOnly day) => new(PeriodKind.Month, day.Year, day.Month);

    /// <summary>Reads our form or DHIS2's (<c>2026-11</c> or <c>202611</c>, <c>2026Q4</c>, <c>2026</c>); null when it is neither.</summary>
    public static IndicatorPeriod? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var m = Form().Match(text.Trim());
        if (!m.Success)
        {
            return null;
        }
        var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < 2000 or > 2100)
        {
            return null;
        }
        if (m.Groups["month"].Success)
        {
            var month = int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture);
            return month is >= 1 and <= 12 ? new IndicatorPeriod(PeriodKind.Month, year, month) : null;
        }
        if (m.Groups["quarter"].Success)
        {
            return new IndicatorPeriod(PeriodKind.Quarter, year, int.Parse(m.Groups["quarter"].Value, CultureInfo.InvariantCulture));
        }
        return new IndicatorPeriod(PeriodKind.Year, year, 1);
    }

    /// <summary>The periods from <paramref name="from"/> to <paramref name="to"/> inclusive (same kind), oldest first.</summary>
    public static IReadOnlyList<IndicatorPeriod> Range(IndicatorPeriod from, IndicatorPeriod to)
    {
        if (from.Kind != to.Kind || to.FirstDay < from.FirstDay)
        {
            return [];
        }
        var list = new List<IndicatorPeriod>();
        for (var p = from; p.FirstDay <= to.FirstDay; p = p.Next())
        {
            list.Add(p);
        }
        return list;
    }

    [GeneratedRegex(@"^(?<year>\d{4})(?:-?(?<month>\d{2})|Q(?<quarter>[1-4]))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Form();
}
