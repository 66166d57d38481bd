using MhSupply.Messages;
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
            errors.Add("body", RequestMessages.Of("request.body_required"));
            return new Checked(errors, null);
        }
        errors.Require(body.Channel is not null && Channels.Contains(body.Channel), "channel", SubscriptionMessages.Of("subscription.channel_invalid"));
        if (body.Channel == "email")
        {
            errors.Require(MailAddress.TryCreate(body.Target, out _), "target", () => SubscriptionMessages.Of("subscription.email_invalid", ("value", body.Target)));
        }
        if (body.Channel == "webhook")
        {
            errors.Require(Uri.TryCreate(body.Target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https", "target",
                () => SubscriptionMessages.Of("subscription.url_invalid", ("value", body.Target)));
            errors.Require(body.Secret is null || body.Secret.Length is >= 16 and <= MaxSecretLength, "secret",
                () => SubscriptionMessages.Of("subscription.secret_length", ("max", MaxSecretLength), ("length", body.Secret!.Length)));
        }
        if (body.Channel == "sms")
        {
            errors.Require(E164.IsValid(body.Target?.Trim()), "target", () => SubscriptionMessages.Of("subscription.phone_invalid", ("value", body.Target)));
        }
        errors.Require(body.Role is null || RecipientRoles.Contains(body.Role), "role", () => SubscriptionMessages.Of("subscription.role_invalid", ("value", body.Role), ("allowed", string.Join(", ", RecipientRoles))));
        errors.Require(body.Kinds?.All(AlertKinds.All.Contains) ?? true, "kinds", () => SubscriptionMessages.Of("subscription.kind_invalid", ("value", body.Kinds!.First(k => !AlertKinds.All.Contains(k))),
            ("allowed", string.Join(", ", AlertKinds.All))));
        errors.Require(body.Language is null || AlertLanguages.IsValid(body.Language), "language",
            () => SubscriptionMessages.Of("subscription.language_invalid", ("value", body.Language), ("allowed", string.Join(", ", AlertLanguages.All))));
        errors.Require(body.Facility is null || body.District is null, "facility", SubscriptionMessages.Of("subscription.scope_both"));
        string? facilityDistrict = null;
        if (body.Facility is not null)
        {
            facilityDistrict = (await facilities.FindAsync(body.Facility, cancellationToken))?.District;
            errors.Require(facilityDistrict is not null, "facility", () => SubscriptionMessages.Of("subscription.facility_unknown", ("value", body.Facility)));
        }
        return new Checked(errors, facilityDistrict);
    }
}
