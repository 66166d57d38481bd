namespace MhSupply.Referrals;

/// <summary>
/// The birth year kept instead of a birth date (docs/domain.md, "Privacy"): enough for age-based care, too coarse
/// to identify. Plausible means not in the future and an age of at most 120 years.
/// </summary>
public static class BirthYears
{
    public const int MaxAge = 120;

    public static bool IsPlausible(int year, int currentYear) => year >= currentYear - MaxAge && year <= currentYear;
}
