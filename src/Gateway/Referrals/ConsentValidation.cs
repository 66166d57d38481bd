using MhSupply.Gateway.Errors;
using MhSupply.Messages;
using MhSupply.Reference;
using MhSupply.Referrals;

namespace MhSupply.Gateway.Referrals;

/// <summary>
/// The consent given with a referral or a consent change: <c>consent</c> (to share with the receiving service) and/or
/// <c>consentTo</c> (per recipient), which must agree when both are given; named facilities must be registered.
/// </summary>
public static class ConsentValidation
{
    public const int MaxNamedFacilities = 20;

    public static async Task<ConsentInput?> CheckAsync(bool? consent, ConsentBody? to, FacilityDirectory facilities, ValidationErrors errors,
        CancellationToken cancellationToken)
    {
        if (consent is null && to?.ReceivingService is null)
        {
            errors.Add("consent", ReferralMessages.Of("referral.consent_required"));
            return null;
        }
        if (consent is { } c && to?.ReceivingService is { } r && c != r)
        {
            errors.Add("consentTo.receivingService", ReferralMessages.Of("referral.consent_disagree"));
            return null;
        }
        var named = to?.Facilities ?? [];
        errors.Require(named.Length <= MaxNamedFacilities, "consentTo.facilities", () => ReferralMessages.Of("referral.consent_facilities_max", ("max", MaxNamedFacilities), ("count", named.Length)));
        for (var i = 0; i < Math.Min(named.Length, MaxNamedFacilities); i++)
        {
            errors.Require(Ids.IsValid(named[i]) && await facilities.FindAsync(named[i], cancellationToken) is not null,
                $"consentTo.facilities[{i}]", ReferralMessages.Of("referral.consent_facility_unknown", ("value", named[i])));
        }
        return new ConsentInput(consent ?? to!.ReceivingService!.Value, to?.CommunityServices ?? false, [.. named.Distinct(StringComparer.Ordinal)]);
    }
}
