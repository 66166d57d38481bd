using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MhSupply.Access;
using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Hosting;
using MhSupply.Messages;
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

    /// <param name="Language">The language of its SMS replies: en (default), fr or ar.</param>
    public sealed record ReporterBody(string? Facility, string? Name, string? Language = null);

    public sealed record ReporterDto(string Phone, string Facility, string Name, bool Active, DateTimeOffset UpdatedAt, string UpdatedBy, string Language);

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
            return Problems.Of(StatusCodes.Status401Unauthorized, ReferenceMessages.Of("reference.sms_token", ("header", TokenHeader)));
        }
        var fields = await ReadFields(request, cancellationToken);
        if (fields is null)
        {
            return ValidationErrors.For("body", RequestMessages.Of("request.body_form_or_json"));
        }
        var errors = new ValidationErrors();
        var rawFrom = Pick(fields, FromNames);
        var from = E164.Normalise(rawFrom);
        var text = Pick(fields, TextNames);
        var id = Pick(fields, IdNames);
        errors.Require(from is not null, "from", () => ReferenceMessages.Of("reference.sms_from_invalid", ("value", rawFrom)));
        errors.Require(text is { Length: <= 1600 }, "text", ReferenceMessages.Of("reference.sms_text_too_long", ("max", 1600)));
        errors.Require(id is { Length: > 0 and <= 200 }, "id", ReferenceMessages.Of("reference.sms_id_required", ("max", 200)));
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
        return TypedResults.Ok(rows.Select(r => new ReporterDto(r.Phone, r.Facility, r.Name, r.Active, r.UpdatedAt, r.UpdatedBy, r.Language)).ToList());
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
        errors.Require(E164.IsValid(phone), "phone", () => ReferenceMessages.Of("reference.phone_invalid", ("value", phone)));
        errors.Require(!string.IsNullOrWhiteSpace(body?.Name) && body.Name.Trim().Length <= 100, "name", ReferenceMessages.Of("reference.reporter_name", ("max", 100)));
        errors.Require(!string.IsNullOrWhiteSpace(body?.Facility), "facility", RequestMessages.Of("request.required", ("field", "facility")));
        errors.Require(body?.Language is null || SmsReporter.Languages.Contains(body.Language), "language",
            () => ReferenceMessages.Of("reference.reporter_language", ("value", body!.Language), ("allowed", string.Join(", ", SmsReporter.Languages))));
        if (!string.IsNullOrWhiteSpace(body?.Facility))
        {
            errors.Require(await facilities.FindAsync(body.Facility, cancellationToken) is not null, "facility",
                () => RequestMessages.Of("request.facility_unknown", ("value", body.Facility)));
        }
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var reporter = new SmsReporter(body!.Facility!, body.Name!.Trim(), clock.GetUtcNow(), http.User.Subject(), body.Language ?? "en");
        await grains.GetGrain<ISmsReporterGrain>(phone).Put(reporter);
        return TypedResults.Ok(new ReporterDto(phone, reporter.Facility, reporter.Name, true, reporter.At, reporter.By, reporter.Language));
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
            return ValidationErrors.For("phone", ReferenceMessages.Of("reference.phone_invalid", ("value", phone)));
        }
        return await grains.GetGrain<ISmsReporterGrain>(phone).Remove(http.User.Subject())
            ? TypedResults.NoContent()
            : Problems.NotFound(ReferenceMessages.Of("reference.phone_not_registered", ("phone", phone)));
    }

    private static async Task<Ok<IReadOnlyList<SmsReporterDirectory.ShortCode>>> Codes(SmsReporterDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directory.CodesAsync(cancellationToken));

    private static ProblemHttpResult? AdminsOnly(HttpContext http) =>
        http.User.IsAdmin() ? null : Problems.Forbidden(ReferenceMessages.Of("reference.reporters_admins_only"));
}
