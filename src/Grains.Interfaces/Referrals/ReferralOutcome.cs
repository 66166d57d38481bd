namespace MhSupply.Referrals;

/// <summary>
/// What became of a command: <c>ok</c>, or why not: <c>forbidden_transition</c> (409, naming the current state),
/// <c>forbidden_role</c> (403), <c>invalid</c> (400, naming <see cref="Field"/>), <c>not_found</c>, <c>conflict</c>.
/// </summary>
/// <param name="Code">A refusal's message code (e.g. <c>referral.appointment_in_past</c>), with <paramref name="Params"/>, for
/// clients that word it in the user's language; <see cref="Message"/> is the English text.</param>
/// <param name="Referral">On success, the referral as committed: what the answer shows, so nobody reads it back.</param>
/// <param name="Access">On success, what the access policy lets the caller see and do on the committed referral.</param>
/// <param name="Replayed">The step's client id was seen before: the answer is the referral as it is, nothing was done again.</param>
/// <param name="Denied">
/// The caller was refused on a referral that exists: outside their reach (answered as not found) or beyond their capacity.
/// Such an attempt belongs in the referral's audit; a referral that does not exist has no audit to write it in.
/// </param>
[GenerateSerializer, Immutable, Alias("mh.referrals.ReferralOutcome")]
public sealed record ReferralOutcome(
    [property: Id(0)] string Kind,
    [property: Id(1)] string? Message = null,
    [property: Id(2)] string? Field = null,
    [property: Id(3)] string? CurrentStatus = null,
    [property: Id(4)] ReferralRecord? Referral = null,
    [property: Id(5)] ReferralAccess? Access = null,
    [property: Id(6)] bool Denied = false,
    [property: Id(7)] string? Code = null,
    [property: Id(8)] Dictionary<string, object>? Params = null,
    [property: Id(9)] bool Replayed = false)
{
    public const string Ok = "ok";
    public const string ForbiddenTransition = "forbidden_transition";
    public const string ForbiddenRole = "forbidden_role";
    public const string Invalid = "invalid";
    public const string NotFound = "not_found";
    public const string Conflict = "conflict";

    /// <summary>A refusal worded by a message of the catalogue (<see cref="MhSupply.Messages.ReferralMessages"/>): its code, parameters and English text.</summary>
    public static ReferralOutcome Refused(string kind, MhSupply.Messages.UserMessage message, string? field = null, string? currentStatus = null,
        bool denied = false) =>
        new(kind, message.Text, field, currentStatus, Denied: denied, Code: message.Code, Params: new Dictionary<string, object>(message.Params));

    public static ReferralOutcome Done(ReferralRecord referral, ReferralAccess access) => new(Ok, Referral: referral, Access: access);
}
