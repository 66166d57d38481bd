using MhSupply.Messages;
using MhSupply.Gateway.Auth;
using MhSupply.Referrals;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MhSupply.Gateway.Referrals;

/// <summary>What the caller's token says, as the referral grain and the access policy take it.</summary>
public static class ReferralActors
{
    /// <summary>The header naming why a caller opens what their role does not normally show (exceptional access).</summary>
    public const string JustificationHeader = MhSupply.Gateway.Validation.RequestTextMiddleware.JustificationHeader;

    public static ReferralActor ActorOf(this HttpContext http) => new(http.User.Subject(),
        http.User.FindAll(ClaimNames.Role).Select(c => c.Value).Distinct().ToArray(), [.. http.User.Facilities()], [.. http.User.Districts()],
        http.Connection.RemoteIpAddress?.ToString(), http.Justification());

    public static string RoleOf(this HttpContext http) => string.Join(",", http.User.FindAll(ClaimNames.Role).Select(c => c.Value));

    /// <summary>The stated reason for exceptional access, if any (its length is checked by <see cref="JustificationProblem"/>).</summary>
    public static string? Justification(this HttpContext http) =>
        http.Request.Headers[JustificationHeader].FirstOrDefault() is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    /// <summary>A 400 naming the header when the stated reason is longer than the audit keeps.</summary>
    public static ValidationProblem? JustificationProblem(this HttpContext http) =>
        http.Justification() is { Length: > ReferralAccessPolicy.MaxJustificationLength } text
            ? MhSupply.Gateway.Errors.ValidationErrors.For(JustificationHeader,
                ReferralMessages.Of("referral.justification_too_long", ("length", text.Length), ("max", ReferralAccessPolicy.MaxJustificationLength)))
            : null;
}
