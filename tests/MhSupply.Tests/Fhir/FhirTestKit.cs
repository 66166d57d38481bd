using Hl7.Fhir.Rest;
using MhSupply.Tests.Infrastructure;

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

    public static async Task<HttpClient> Anonymous(this GatewayFactory gateway) => await Task.FromResult(gateway.CreateClient());
}
