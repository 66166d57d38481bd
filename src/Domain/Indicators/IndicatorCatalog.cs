namespace MhSupply.Indicators;

/// <summary>What an indicator's value is: a rate in 0..1, a count, or a number of days.</summary>
public enum IndicatorUnit
{
    Rate,
    Count,
    Days,
}

/// <summary>Which part of the system an indicator is computed from: one source per area answers for all its indicators.</summary>
public enum IndicatorArea
{
    Stock,
    Reporting,
    Referrals,
}

public sealed record IndicatorDefinition(string Code, IndicatorUnit Unit, IndicatorArea Area, IReadOnlyList<string> Breakdowns);

/// <summary>
/// The indicators of the domain reference (docs/domain.md, "Indicators"), in the order every answer lists them, with the
/// dimensions each is broken down by. The definitions themselves are written once, in the area's source (SQL over the
/// aggregates) and its tests; this list is what the API, the export and the screens name.
/// </summary>
public static class IndicatorCatalog
{
    public const string Medicine = "medicine";
    public const string Category = "category";
    public const string Sex = "sex";
    public const string AgeBand = "age_band";
    public const string Urgency = "urgency";

    public static IReadOnlyList<IndicatorDefinition> All { get; } =
    [
        new("tracer_stockout_rate", IndicatorUnit.Rate, IndicatorArea.Stock, []),
        new("tracer_availability", IndicatorUnit.Rate, IndicatorArea.Stock, [Medicine]),
        new("stockout_days", IndicatorUnit.Days, IndicatorArea.Stock, [Medicine]),
        new("below_eop_share", IndicatorUnit.Rate, IndicatorArea.Stock, [Medicine]),
        new("expired_losses", IndicatorUnit.Count, IndicatorArea.Stock, [Medicine]),
        new("reporting_rate", IndicatorUnit.Rate, IndicatorArea.Reporting, []),
        new("reporting_timeliness", IndicatorUnit.Rate, IndicatorArea.Reporting, []),
        new("referrals_made", IndicatorUnit.Count, IndicatorArea.Referrals, [Category, Sex, AgeBand, Urgency]),
        new("referral_completion", IndicatorUnit.Rate, IndicatorArea.Referrals, [Urgency]),
        new("back_referral_rate", IndicatorUnit.Rate, IndicatorArea.Referrals, []),
        new("median_days_to_first_appointment", IndicatorUnit.Days, IndicatorArea.Referrals, [Urgency]),
        new("follow_up_adherence", IndicatorUnit.Rate, IndicatorArea.Referrals, []),
        new("loss_to_follow_up", IndicatorUnit.Rate, IndicatorArea.Referrals, []),
        new("treatment_interruptions", IndicatorUnit.Count, IndicatorArea.Referrals, [Medicine]),
    ];

    public static IReadOnlyList<string> Codes { get; } = All.Select(d => d.Code).ToArray();

    public static IndicatorDefinition? Find(string? code) => All.FirstOrDefault(d => string.Equals(d.Code, code, StringComparison.Ordinal));

    /// <summary>The age bands of <c>referrals_made</c>, by age in completed years at the request.</summary>
    public static string AgeBandOf(int age) => age switch
    {
        < 5 => "0-4",
        < 18 => "5-17",
        < 60 => "18-59",
        _ => "60+",
    };

    /// <summary>Where an indicator sits in answers: catalogue order, then the whole before its breakdown members.</summary>
    public static int OrderOf(string code) => ((IList<string>)Codes).IndexOf(code) is var i and >= 0 ? i : int.MaxValue;
}
