using MhSupply.Referrals;

namespace MhSupply.Domain.Tests.Referrals;

public sealed class PatientPrivacyTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("KE-0042/2026_a")]
    [InlineData("P123456789012345678901234567890123456789")]
    public void Pseudonymous_codes_of_3_to_40_letters_digits_dashes_underscores_and_slashes_are_valid(string code) =>
        Assert.True(PatientCodes.IsValid(code));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("P1234567890123456789012345678901234567890")]
    [InlineData("Jane Doe")]
    [InlineData("a.b.c")]
    [InlineData("tel:0712")]
    [InlineData("José")]
    [InlineData("abc\n")]
    public void Codes_that_are_too_short_too_long_or_carry_other_characters_are_invalid(string? code) =>
        Assert.False(PatientCodes.IsValid(code));

    [Theory]
    [InlineData(2026)]
    [InlineData(1906)]
    [InlineData(1980)]
    public void Birth_years_from_120_years_ago_to_this_year_are_plausible(int year) => Assert.True(BirthYears.IsPlausible(year, 2026));

    [Theory]
    [InlineData(2027)]
    [InlineData(1905)]
    [InlineData(0)]
    public void Birth_years_in_the_future_or_over_120_years_ago_are_not(int year) => Assert.False(BirthYears.IsPlausible(year, 2026));
}
