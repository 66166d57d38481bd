namespace MhSupply.Referrals;

/// <summary>
/// A step refused because its dates cannot be true (booked in the past, attended before the appointment, missed before
/// it was due): the request field at fault, a message code with its parameters (for the web app's words in each
/// language) and the English sentence, which names the dates in the facilities' calendar.
/// </summary>
public sealed record StepDateRefusal(string Field, string Code, IReadOnlyDictionary<string, string> Params, string Message);
