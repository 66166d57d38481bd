using MhSupply.Gateway.Errors;
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
            errors.Add("consent", "consent is required: whether the person agreed to share with the receiving service");
            return null;
        }
        if (consent is { } c && to?.ReceivingService is { } r && c != r)
        {
            errors.Add("consentTo.receivingService", "consentTo.receivingService and consent say different things; give one, or the same in both");
            return null;
        }
        var named = to?.Facilities ?? [];
        errors.Require(named.Length <= MaxNamedFacilities, "consentTo.facilities", $"consentTo.facilities names at most {MaxNamedFacilities} facilities");
        for (var i = 0; i < Math.Min(named.Length, MaxNamedFacilities); i++)
        {
            errors.Require(Ids.IsValid(named[i]) && await facilities.FindAsync(named[i], cancellationToken) is not null,
                $"consentTo.facilities[{i}]", "each named facility is a registered facility");
        }
        return new ConsentInput(consent ?? to!.ReceivingService!.Value, to?.CommunityServices ?? false, [.. named.Distinct(StringComparer.Ordinal)]);
    }
}
