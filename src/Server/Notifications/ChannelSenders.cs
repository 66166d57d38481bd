using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using System.Net.Http.Json;
using MhSupply.Privacy;
using MhSupply.Sms;
using Microsoft.Extensions.Options;
using MimeKit;

namespace MhSupply.Notifications;

/// <summary>Sends one delivery on its channel; throws when the channel did not take it (the job retries later).</summary>
public sealed class ChannelSenders(IOptions<NotificationOptions> options, SecretProtector secrets, IOptions<MhSupply.Stock.StockOptions> stock)
    : IDisposable
{
    /// <summary>The facilities' calendar, in which an e-mail gives the change's time.</summary>
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(stock.Value.TimeZone);

    /// <summary>The words of an e-mail or SMS in the subscriber's language (the web app's strings).</summary>
    private AlertDeliveryText Words(OutboxItem item, JsonElement payload) =>
        new(MhSupply.Alerts.AlertTextCatalog.Embedded, item.Language, payload, _zone);

    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = options.Value.WebhookTimeout,
    };

    public async Task SendAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        switch (item.Channel)
        {
            case "email":
                await SendEmail(item, cancellationToken);
                break;
            case "webhook":
                await SendWebhook(item, cancellationToken);
                break;
            case "sms":
                await SendSms(item, cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"unknown channel '{item.Channel}'");
        }
    }

    private async Task SendEmail(OutboxItem item, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            throw new InvalidOperationException("e-mail is not configured (Notifications:Smtp:Host)");
        }
        using var payload = JsonDocument.Parse(item.Payload);
        var words = Words(item, payload.RootElement);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.Add(MailboxAddress.Parse(item.Target));
        // The delivery id as Message-Id: a mail server or reader that sees a retry can tell it is the same message.
        message.MessageId = $"{item.IdempotencyKey.Replace(':', '.')}@mhsupply";
        message.Subject = words.Subject;
        message.Body = new TextPart("plain") { Text = words.Body };
        message.Headers.Add("X-MhSupply-Delivery", item.IdempotencyKey);
        message.Headers.Add("Content-Language", words.Language);

        using var client = new SmtpClient { Timeout = (int)options.Value.WebhookTimeout.TotalMilliseconds };
        var tls = smtp.Tls == "required" ? SecureSocketOptions.StartTls : SecureSocketOptions.StartTlsWhenAvailable;
        await client.ConnectAsync(smtp.Host, smtp.Port, tls, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }

    private async Task SendWebhook(OutboxItem item, CancellationToken cancellationToken)
    {
        // Opened for this one call; a secret that cannot be opened fails the delivery with the reason (retried later).
        var secret = item.SealedSecret is null
            ? throw new InvalidOperationException("the webhook subscription has no secret to sign with")
            : secrets.Open(item.SealedSecret, item.SubscriptionId);
        var body = Encoding.UTF8.GetBytes(item.Payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, item.Target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.DeliveryHeader, item.IdempotencyKey);
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Compute(secret, body));
        using var response = await _http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"webhook answered {(int)response.StatusCode}");
        }
    }

    private async Task SendSms(OutboxItem item, CancellationToken cancellationToken)
    {
        var sms = options.Value.Sms;
        if (string.IsNullOrWhiteSpace(sms.Url))
        {
            throw new InvalidOperationException("SMS is not configured (Notifications:Sms:Url)");
        }
        using var payload = JsonDocument.Parse(item.Payload);
        var text = Words(item, payload.RootElement).Sms;
        var to = sms.ToPrefix + item.Target;
        using var request = new HttpRequestMessage(HttpMethod.Post, sms.Url);
        if (sms.Format == "form")
        {
            var fields = sms.Fields.Select(f => KeyValuePair.Create(f.Key, f.Value))
                .Append(KeyValuePair.Create(sms.ToField, to)).Append(KeyValuePair.Create(sms.TextField, text));
            request.Content = new FormUrlEncodedContent(fields);
        }
        else
        {
            var body = new Dictionary<string, object>();
            foreach (var (name, value) in sms.Fields)
            {
                body[name] = value;
            }
            body[sms.ToField] = sms.ToAsList ? new[] { to } : to;
            body[sms.TextField] = text;
            request.Content = JsonContent.Create(body);
        }
        // The gateway may dedupe on it: the same alert change to the same number carries the same id on every retry.
        request.Headers.Add(WebhookSignature.DeliveryHeader, item.IdempotencyKey);
        if (!string.IsNullOrEmpty(sms.Username))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sms.Username}:{sms.Password}")));
        }
        if (!string.IsNullOrEmpty(sms.AuthHeader))
        {
            request.Headers.TryAddWithoutValidation(sms.AuthHeader, sms.AuthValue ?? "");
        }
        using var response = await _http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var reason = await response.Content.ReadAsStringAsync(cancellationToken);
        reason = $"SMS gateway answered {(int)response.StatusCode}: {(reason.Length > 300 ? reason[..300] : reason)}".TrimEnd(' ', ':');
        // A 4xx says this message will never be taken (a bad number, a refused sender): retrying would only repeat it.
        // 408 and 429 are the gateway asking for later, like a 5xx.
        var status = (int)response.StatusCode;
        throw status is >= 400 and < 500 and not 408 and not 429 ? new DeliveryRefusedException(reason) : new HttpRequestException(reason);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The channel refused the delivery for good (an SMS gateway's 4xx): recorded as failed with the reason, not retried.</summary>
public sealed class DeliveryRefusedException(string message) : Exception(message);

/// <summary>One leased delivery; a webhook's secret as stored (sealed), opened only to sign; the subscriber's language.</summary>
public sealed record OutboxItem(long Id, string IdempotencyKey, string Channel, string Target, Guid SubscriptionId, byte[]? SealedSecret,
    string Payload, int Attempts, string Language = MhSupply.Alerts.AlertLanguages.Default);
