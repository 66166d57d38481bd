using MhSupply.Hosting;
using MhSupply.Referrals;

namespace MhSupply.Gateway.Referrals;

/// <summary>
/// What a caller may see of a referral, as ReferralAccessPolicy decides (contact details, clinical parts, the actions
/// offered): from the read model for a detail, from the grain's outcome for a step's answer, through the one
/// <see cref="ReferralDtoMapper"/>. Every detail read is audited: an ordinary one as "read", one that opened withheld parts
/// with a stated reason as "exceptional-read" with it, a refused one as "denied-read".
/// </summary>
public sealed class ReferralViews(ReferralQueries queries, ReferralCallers callers, ContactProtector contacts,
    [FromKeyedServices(Clock.Key)] TimeProvider clock)
{
    /// <summary>The referral as the caller may see it, or null when it does not exist or is outside their reach (the same answer).</summary>
    public async Task<ReferralDto?> ReadAsync(Guid id, HttpContext http, CancellationToken cancellationToken)
    {
        var referral = await queries.RecordAsync(id, cancellationToken);
        if (!referral.State.Exists)
        {
            return null;
        }
        var caller = await callers.ResolveAsync(http.ActorOf(), cancellationToken);
        var justification = http.Justification();
        var access = ReferralAccessPolicy.Decide(caller, referral.State.Parties(), justification);
        await AuditAsync(id, http, access.CanRead ? access.Exceptional ? "exceptional-read" : "read" : "denied-read",
            access.Exceptional || !access.CanRead ? justification : null, cancellationToken);
        if (!access.CanRead)
        {
            return null;
        }
        return Of(id, referral, access);
    }

    /// <summary>The referral a step committed, as its caller may see it: from the grain's outcome, read from nowhere.</summary>
    public ReferralDto Of(Guid id, ReferralOutcome done) => Of(id, done.Referral!, done.Access!);

    private ReferralDto Of(Guid id, ReferralRecord referral, ReferralAccess access)
    {
        var contact = access.Sees(ReferralParts.Contact);
        return ReferralDtoMapper.ToDto(id, referral, access, contact ? contacts.Unprotect(referral.NameEncrypted) : null,
            contact ? contacts.Unprotect(referral.PhoneEncrypted) : null, clock.GetUtcNow());
    }

    /// <summary>Records an access to the referral (a read, a denied attempt) in its audit.</summary>
    public Task AuditAsync(Guid id, HttpContext http, string action, string? justification, CancellationToken cancellationToken) =>
        queries.AuditReadAsync(id, http.ActorOf().Subject, http.RoleOf(), action, http.Connection.RemoteIpAddress?.ToString(), justification,
            clock.GetUtcNow(), cancellationToken);
}
