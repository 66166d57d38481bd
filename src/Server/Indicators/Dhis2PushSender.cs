using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MhSupply.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MhSupply.Indicators;

/// <summary>What one delivery came to: DHIS2's import summary, or why there is none and whether trying again can help.</summary>
public sealed record Dhis2Delivery(Dhis2ImportSummary? Summary, string? Error, bool Retryable)
{
    public static Dhis2Delivery Answered(Dhis2ImportSummary summary) => new(summary, null, false);

    public static Dhis2Delivery Failed(string error, bool retryable) => new(null, error, retryable);
}

/// <summary>
/// Posts a data value set to <c>{Dhis2:BaseUrl}/api/dataValueSets</c> as JSON with the configured credentials and reads the
/// import summary. A body that is an import summary is DHIS2's answer whatever the HTTP status (2.38+ answers 409 for an
/// import with errors); without one, a refused connection, a timeout, 5xx, 408 and 429 are worth another attempt, any other
/// status (bad credentials, a wrong URL) is not.
/// </summary>
public sealed class Dhis2PushSender(IHttpClientFactory clients, IOptions<Dhis2PushOptions> options,
    [FromKeyedServices(Clock.Key)] TimeProvider clock)
{
    public const string ClientName = "dhis2";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public async Task<Dhis2Delivery> SendAsync(Dhis2DataValueSet set, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.DataValueSetsUri)
        {
            // DHIS2's own shape only: the export's list of unmapped figures is ours.
            Content = JsonContent.Create(new Payload(set.DataSet, set.Period, set.OrgUnit,
                [.. set.DataValues.Select(v => new PayloadValue(v.DataElement, v.CategoryOptionCombo, v.OrgUnit, v.Period, v.Value))]), options: Json),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = Credentials(settings);
        var client = clients.CreateClient(ClientName);
        // On the application's clock, so a test can let the time run out without waiting for it.
        using var timeout = new CancellationTokenSource(settings.Timeout, clock);
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            using var response = await client.SendAsync(request, linked.Token);
            var body = await response.Content.ReadAsStringAsync(linked.Token);
            if (Dhis2ImportSummary.Parse(body) is { } summary)
            {
                return Dhis2Delivery.Answered(summary);
            }
            var code = (int)response.StatusCode;
            var retryable = code >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            return Dhis2Delivery.Failed($"HTTP {code} {response.ReasonPhrase} without an import summary", retryable);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return Dhis2Delivery.Failed($"no answer within {settings.Timeout}", retryable: true);
        }
        catch (HttpRequestException e)
        {
            return Dhis2Delivery.Failed(e.Message, retryable: true);
        }
    }

    private static AuthenticationHeaderValue? Credentials(Dhis2PushOptions settings) =>
        !string.IsNullOrEmpty(settings.Token) ? new AuthenticationHeaderValue("ApiToken", settings.Token)
        : !string.IsNullOrEmpty(settings.Username)
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.Username}:{settings.Password}")))
            : null;

    private sealed record Payload(string? DataSet, string Period, string? OrgUnit, IReadOnlyList<PayloadValue> DataValues);

    private sealed record PayloadValue(string DataElement, string? CategoryOptionCombo, string OrgUnit, string Period, string Value);
}
