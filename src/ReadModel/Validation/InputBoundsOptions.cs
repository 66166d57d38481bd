namespace MhSupply.Validation;

/// <summary>
/// "Validation": how far dates sent by clients may reach, for the gateway's checks and the facility grain's (validated at
/// start-up by both processes). A date
/// outside these is a typing slip (2062 for 2026, a year of 0001), not a record, and far enough out it would overflow
/// the date arithmetic behind deadlines and figures.
/// </summary>
public sealed class InputBoundsOptions
{
    public const string Section = "Validation";

    /// <summary>
    /// Nothing happened before this: no stock card, referral or expiry date of this service is older. A country that
    /// digitises older paper ledgers moves it back.
    /// </summary>
    public DateOnly Earliest { get; set; } = MhSupply.Stock.StockEvent.DefaultEarliestOccurredOn;

    /// <summary>The last day a filter (from, to) may name: far beyond any record, still far from overflowing.</summary>
    public DateOnly FilterLatest { get; set; } = new(2100, 12, 31);

    /// <summary>
    /// How far ahead an appointment or a promised visit may be booked: about two years, the longest specialist waiting
    /// lists seen in humanitarian settings. A country with longer queues raises it.
    /// </summary>
    public int AppointmentHorizonDays { get; set; } = 730;

    /// <summary>
    /// Expiry dates up to the end of the year this many years ahead: medicine shelf lives are at most about five
    /// years; twenty leaves room for any product while still catching a mistyped century.
    /// </summary>
    public int ExpiryHorizonYears { get; set; } = 20;

    public IEnumerable<string> Problems()
    {
        if (Earliest >= FilterLatest)
        {
            yield return "Validation:Earliest must be before Validation:FilterLatest";
        }
        if (FilterLatest > new DateOnly(9000, 12, 31))
        {
            yield return "Validation:FilterLatest must be at most 9000-12-31 (date arithmetic must not overflow)";
        }
        if (AppointmentHorizonDays is < 1 or > 3660)
        {
            yield return "Validation:AppointmentHorizonDays must be 1 to 3660";
        }
        if (ExpiryHorizonYears is < 1 or > 100)
        {
            yield return "Validation:ExpiryHorizonYears must be 1 to 100";
        }
    }
}
