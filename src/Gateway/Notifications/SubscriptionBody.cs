using System.Net.Mail;
using MhSupply.Access;
using MhSupply.Alerts;
using MhSupply.Gateway.Errors;
using MhSupply.Reference;
using MhSupply.Sms;

namespace MhSupply.Gateway.Notifications;

/// <summary>A new subscription (POST /subscriptions), and the one place its rules are checked.</summary>
public sealed record SubscriptionBody(string? Channel, string? Target, string? Secret, string? Facility, string? District, string? Role,
    string[]? Kinds, string? Language = null)
{
    private static readonly string[] Channels = ["email", "webhook", "sms"];

    // An HMAC-SHA256 key longer than its 64-byte block is hashed first: more adds nothing but bytes to seal and store.
    private const int MaxSecretLength = 256;

    private static readonly string[] RecipientRoles = [Roles.FacilityHead, Roles.ReferralCoordinator, Roles.DistrictManager];

    /// <summary>What is wrong with the body, and the district of the facility it names (the caller's scope is checked on it).</summary>
    public sealed record Checked(ValidationErrors Errors, string? FacilityDistrict);

    public static async Task<Checked> ValidateAsync(SubscriptionBody? body, FacilityDirectory facilities, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (body is null)
        {
            errors.Add("body", "a JSON body is required");
            return new Checked(errors, null);
        }
        errors.Require(body.Channel is not null && Channels.Contains(body.Channel), "channel", "channel is email, webhook or sms");
        if (body.Channel == "email")
        {
            errors.Require(MailAddress.TryCreate(body.Target, out _), "target", "target is an e-mail address");
        }
        if (body.Channel == "webhook")
        {
            errors.Require(Uri.TryCreate(body.Target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", "target",
                "target is an absolute http(s) URL");
            errors.Require(body.Secret is null || body.Secret.Length is >= 16 and <= MaxSecretLength, "secret",
                $"secret is 16 to {MaxSecretLength} characters (or omitted to generate one)");
        }
        if (body.Channel == "sms")
        {
            errors.Require(E164.IsValid(body.Target?.Trim()), "target", $"target is {E164.Rule}");
        }
        errors.Require(body.Role is null || RecipientRoles.Contains(body.Role), "role", $"role is one of {string.Join(", ", RecipientRoles)}");
        errors.Require(body.Kinds?.All(AlertKinds.All.Contains) ?? true, "kinds", $"kinds are among {string.Join(", ", AlertKinds.All)}");
        errors.Require(body.Language is null || AlertLanguages.IsValid(body.Language), "language",
            $"language is one of {string.Join(", ", AlertLanguages.All)} (default {AlertLanguages.Default})");
        errors.Require(body.Facility is null || body.District is null, "facility", "scope is a facility or a district, not both");
        string? facilityDistrict = null;
        if (body.Facility is not null)
        {
            facilityDistrict = (await facilities.FindAsync(body.Facility, cancellationToken))?.District;
            errors.Require(facilityDistrict is not null, "facility", "facility is not registered");
        }
        return new Checked(errors, facilityDistrict);
    }
}
