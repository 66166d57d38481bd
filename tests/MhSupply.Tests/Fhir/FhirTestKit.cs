using Hl7.Fhir.Rest;
using MhSupply.Tests.Infrastructure;
using MhSupply.Tests.Referrals;

namespace MhSupply.Tests.Fhir;

/// <summary>A partner's Firely FhirClient on the co-hosted gateway, with a caller's bearer token.</summary>
internal static class FhirTestKit
{
    /// <summary>A FhirClient over <paramref name="client"/> (its token and base address); strict about what it parses.</summary>
    public static FhirClient Fhir(this HttpClient client) =>
        new(new Uri(client.BaseAddress!, "/fhir/"), client, new FhirClientSettings
        {
            PreferredFormat = ResourceFormat.Json,
            VerifyFhirVersion = false,
            ReturnPreference = ReturnPreference.Representation,
        });

    /// <summary>Moves a referral made with <paramref name="kit"/> through to its back-referral (completed), as the receiver.</summary>
    public static async Task CompleteAsync(this ReferralTestKit kit, GatewayFactory gateway, HttpClient receiver, Guid id)
    {
        foreach (var (action, body) in new (string, object?)[]
        {
            ("receive", null), ("accept", null), ("book", new { appointmentAt = gateway.Clock.GetUtcNow().AddHours(-1) }),
            ("attend", new { at = gateway.Clock.GetUtcNow() }),
            ("back-refer", new
            {
                diagnosis = "psychosis",
                plan = "Continue haloperidol; review in clinic monthly.",
                medicines = new[] { new { medicine = "haloperidol-tab-5mg", dose = "5 mg at night", durationDays = 90, quantity = 1, per = "day" } },
                followUpEveryDays = 30,
                courseDays = 90,
            }),
        })
        {
            await ReferralTestKit.Json(await ReferralTestKit.Act(receiver, id, action, body));
        }
    }
}
