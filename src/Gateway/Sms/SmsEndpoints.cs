using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MhSupply.Access;
using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Hosting;
using MhSupply.Reference;
using MhSupply.Sms;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MhSupply.Gateway.Sms;

/// <summary>
/// Stock reports by SMS (docs/api.md "SMS"): the SMS gateway's inbound webhook, and the reporter phones admins register.
/// The gateway cannot sign in, so the webhook is authenticated by a shared token from configuration (Sms:InboundToken),
/// sent as the X-Sms-Token header or the ?token= query parameter; without it, or with another, 401 and nothing happens.
/// </summary>
public static class SmsEndpoints
{
    public const string TokenHeader = "X-Sms-Token";

    // The names gateways give the fields: ours, RapidPro's external channel (from, text, id) and Twilio's (From, Body, MessageSid).
    private static readonly string[] FromNames = ["from", "sender", "phone", "urn"];
    private static readonly string[] TextNames = ["text", "body", "message"];
    private static readonly string[] IdNames = ["id", "messageId", "message_id", "MessageSid", "sid"];

    public sealed record InboundReply(string MessageId, string To, string Outcome, string Reply);

    public sealed record ReporterBody(string? Facility, string? Name);

    public sealed record ReporterDto(string Phone, string Facility, string Name, bool Active, DateTimeOffset UpdatedAt, string UpdatedBy);

    public static RouteGroupBuilder MapSmsApi(this RouteGroupBuilder api)
    {
        var sms = api.MapGroup("/sms").WithTags("SMS");
        sms.MapPost("/inbound", Inbound).AllowAnonymous()
            .WithSummary("The SMS gateway's inbound webhook (shared token): a stock count in the SOH syntax, answered with the reply to send back.")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        sms.MapGet("/reporters", ListReporters).WithSummary("The phones registered to report stock by SMS (admins).");
        sms.MapPut("/reporters/{phone}", PutReporter).WithSummary("Register (or move) a reporter phone, E.164, for a facility (admins).");
        sms.MapDelete("/reporters/{phone}", RemoveReporter).WithSummary("Stop a phone reporting (admins).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        sms.MapGet("/codes", Codes).WithSummary("The short code of each medicine, as typed in an SMS.");
        return api;
    }

    private static async Task<Results<Ok<InboundReply>, ValidationProblem, ProblemHttpResult>> Inbound(HttpRequest request,
        IConfiguration configuration, IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (!Authenticated(request, configuration["Sms:InboundToken"]))
        {
            return TypedResults.Problem(statusCode: 401, title: $"The SMS gateway's token is missing or wrong (header {TokenHeader}).");
        }
        var fields = await ReadFields(request, cancellationToken);
        if (fields is null)
        {
            return ValidationErrors.For("body", "send the message as a form (application/x-www-form-urlencoded) or a JSON object");
        }
        var errors = new ValidationErrors();
        var rawFrom = Pick(fields, FromNames);
        var from = E164.Normalise(rawFrom);
        var text = Pick(fields, TextNames);
        var id = Pick(fields, IdNames);
        errors.Require(from is not null, "from", $"from is the sender's phone, {E164.Rule}");
        errors.Require(text is { Length: <= 1600 }, "text", "text is the message, at most 1600 characters");
        errors.Require(id is { Length: > 0 and <= 200 }, "id", "id is the gateway's message id (1 to 200 characters), so a resent message counts once");
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var reply = await grains.GetGrain<ISmsInboxGrain>(id!).Receive(new InboundSms(from!, text!));
        return TypedResults.Ok(new InboundReply(id!, from!, reply.Outcome, reply.Text));
    }

    private static bool Authenticated(HttpRequest request, string? expected)
    {
        // No token configured: the webhook is closed rather than open to anyone.
        if (string.IsNullOrEmpty(expected))
        {
            return false;
        }
        var given = request.Headers[TokenHeader].FirstOrDefault() ?? request.Query["token"].FirstOrDefault();
        return given is not null
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    private static async Task<Dictionary<string, string>?> ReadFields(HttpRequest request, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (request.HasFormContentType)
        {
            foreach (var (key, value) in await request.ReadFormAsync(cancellationToken))
            {
                fields[key] = value.ToString();
            }
            return fields;
        }
        if (!request.HasJsonContentType())
        {
            return null;
        }
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                fields[property.Name] = property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString()!,
                    JsonValueKind.Number => property.Value.GetRawText(),
                    _ => "",
                };
            }
            return fields;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Pick(Dictionary<string, string> fields, string[] names) =>
        names.Select(n => fields.GetValueOrDefault(n)).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static async Task<Results<Ok<List<ReporterDto>>, ProblemHttpResult>> ListReporters(HttpContext http, SmsReporterDirectory directory,
        CancellationToken cancellationToken)
    {
        if (AdminsOnly(http) is { } denied)
        {
            return denied;
        }
        var rows = await directory.ListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => new ReporterDto(r.Phone, r.Facility, r.Name, r.Active, r.UpdatedAt, r.UpdatedBy)).ToList());
    }

    private static async Task<Results<Ok<ReporterDto>, ValidationProblem, ProblemHttpResult>> PutReporter(string phone, ReporterBody? body,
        HttpContext http, FacilityDirectory facilities, IGrainFactory grains, [FromKeyedServices(Clock.Key)] TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (AdminsOnly(http) is { } denied)
        {
            return denied;
        }
        var errors = new ValidationErrors();
        errors.Require(E164.IsValid(phone), "phone", $"phone is {E164.Rule}");
        errors.Require(!string.IsNullOrWhiteSpace(body?.Name) && body.Name.Trim().Length <= 100, "name", "name is the reporter's name, 1 to 100 characters");
        errors.Require(!string.IsNullOrWhiteSpace(body?.Facility), "facility", "facility is the id of the facility the phone reports for");
        if (!string.IsNullOrWhiteSpace(body?.Facility))
        {
            errors.Require(await facilities.FindAsync(body.Facility, cancellationToken) is not null, "facility", "facility is not registered");
        }
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var reporter = new SmsReporter(body!.Facility!, body.Name!.Trim(), clock.GetUtcNow(), http.User.Subject());
        await grains.GetGrain<ISmsReporterGrain>(phone).Put(reporter);
        return TypedResults.Ok(new ReporterDto(phone, reporter.Facility, reporter.Name, true, reporter.At, reporter.By));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveReporter(string phone, HttpContext http,
        IGrainFactory grains)
    {
        if (AdminsOnly(http) is { } denied)
        {
            return denied;
        }
        if (!E164.IsValid(phone))
        {
            return ValidationErrors.For("phone", $"phone is {E164.Rule}");
        }
        return await grains.GetGrain<ISmsReporterGrain>(phone).Remove(http.User.Subject())
            ? TypedResults.NoContent()
            : TypedResults.Problem(statusCode: 404, title: "That phone is not registered.");
    }

    private static async Task<Ok<IReadOnlyList<SmsReporterDirectory.ShortCode>>> Codes(SmsReporterDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directory.CodesAsync(cancellationToken));

    private static ProblemHttpResult? AdminsOnly(HttpContext http) =>
        http.User.IsAdmin() ? null : TypedResults.Problem(statusCode: 403, title: "Reporter phones are managed by admins.");
}
