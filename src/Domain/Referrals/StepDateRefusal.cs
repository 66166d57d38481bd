using System.Globalization;
using MhSupply.Messages;

namespace MhSupply.Referrals;

/// <summary>
/// A step refused because its dates cannot be true (booked in the past, attended before the appointment, missed before
/// it was due): the request field at fault and the message (<see cref="ReferralMessages"/>), whose English text names
/// the dates in the facilities' calendar and whose parameters carry them as ISO 8601 UTC for the reader's language.
/// </summary>
public sealed record StepDateRefusal(string Field, UserMessage Problem)
{
    public string Code => Problem.Code;

    public string Message => Problem.Text;

    /// <summary>The parameters as text (instants ISO 8601 UTC, numbers in invariant digits).</summary>
    public IReadOnlyDictionary<string, string> Params =>
        Problem.Params.ToDictionary(p => p.Key, p => Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal);
}
