namespace MhSupply.Referrals;

/// <summary>
/// Reasons for referral and back-referral diagnoses: the priority conditions of the WHO mhGAP Intervention Guide 2.0
/// as docs/domain.md lists them ("Back-referral"), plus "other" for anything outside them.
/// </summary>
public static class MhGapCategories
{
    public const string Depression = "depression";
    public const string Psychosis = "psychosis";
    public const string BipolarDisorder = "bipolar_disorder";
    public const string Epilepsy = "epilepsy";
    public const string ChildAdolescent = "child_adolescent";
    public const string Dementia = "dementia";
    public const string SubstanceUse = "substance_use";
    public const string SelfHarm = "self_harm";
    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } =
        [Depression, Psychosis, BipolarDisorder, Epilepsy, ChildAdolescent, Dementia, SubstanceUse, SelfHarm, Other];

    /// <summary>Exact, case-sensitive match: the wire names are part of the fixed API.</summary>
    public static bool IsValid(string? value) => value is not null && All.Contains(value, StringComparer.Ordinal);
}
