using MhSupply.Messages;
using System.Text.Json;
using MhSupply.Access;
using MhSupply.Gateway.Referrals;
using MhSupply.Referrals;
using MhSupply.Alerts;
using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Stock;
using MhSupply.Hosting;
using MhSupply.Stock;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MhSupply.Gateway.Alerts;

/// <summary>The in-app inbox (docs/api.md "Alerts"): alerts within the caller's scope, open first, newest first.</summary>
public static class AlertEndpoints
{
    private static readonly string[] Statuses = ["open", "acknowledged", "resolved"];

    /// <summary>Acknowledging is a facility head's (or higher) action within scope.</summary>
    private static readonly string[] Acknowledgers = [Roles.FacilityHead, Roles.DistrictManager, Roles.ReferralCoordinator, Roles.Admin];

    public sealed record AlertDto(Guid Id, string Kind, string Subject, string Status, string? Facility, string? District, Guid? Referral, string? Medicine,
        string? Lot, DateTimeOffset RaisedAt, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, DateTimeOffset? ResolvedAt,
        DateTimeOffset? EscalatedAt, string Message, IReadOnlyList<ChangeDto>? History = null, string? AcknowledgementNote = null,
        string? MessageCode = null, JsonElement? MessageParams = null)
    {
        /// <summary>
        /// <see cref="Message"/> is the English text; <see cref="MessageCode"/> (null for words with no template) and
        /// <see cref="MessageParams"/> (codes, numbers, ISO days) let a client render it in its reader's language.
        /// </summary>
        public static AlertDto From(AlertStore.AlertRow a, IReadOnlyList<ChangeDto>? history = null) => new(a.Id, a.Kind, a.Subject, a.Status, a.Facility,
            a.District, a.Referral, a.Medicine, a.Lot, a.RaisedAt, a.AcknowledgedAt, a.AcknowledgedBy, a.ResolvedAt,
            a.EscalatedAt, a.Message, history, a.AcknowledgementNote, a.MessageCode, ParamsOf(a.MessageParams));

        private static JsonElement ParamsOf(string json)
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
    }

    public sealed record ChangeDto(string Change, DateTimeOffset At, string By, string? Note);

    public sealed record AcknowledgeBody(string? Note);

    public static RouteGroupBuilder MapAlertApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/alerts").WithTags("Alerts");
        group.MapGet("/", List).WithSummary("Alerts within the caller's scope, open first and newest first.");
        group.MapGet("/{id:guid}", Get).WithSummary("One alert with its history: raised, notified, acknowledged, escalated, resolved.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/acknowledge", Acknowledge).WithSummary("Acknowledge an open alert, with an optional note.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Ok<Paged<AlertDto>>, ValidationProblem>> List(string? status, string? kind, string? facility, string? district, [AsParameters] Paging paging,
        HttpContext http, AlertStore store, StockProjectionCatchUp projection, ReferralCallers callers, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(status is null || Statuses.Contains(status), "status", () => SubscriptionMessages.Of("alert.status_invalid", ("value", status), ("allowed", string.Join(", ", Statuses))));
        errors.Require(kind is null || AlertKinds.All.Contains(kind), "kind", () => SubscriptionMessages.Of("alert.kind_invalid", ("value", kind), ("allowed", string.Join(", ", AlertKinds.All))));
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var user = http.User;
        await projection.CatchUpForAsync(http.User, cancellationToken);
        var referrals = ReferralAccessPolicy.ReachOf(await callers.ResolveAsync(http.ActorOf(), cancellationToken));
        var (items, total) = await store.ListAsync(new AlertStore.Filter(
            user.IsAdmin() ? null : user.Districts(), user.IsAdmin() ? null : user.Facilities(), referrals,
            status, kind, facility, district, paging.Offset, paging.Size), cancellationToken);
        return TypedResults.Ok(new Paged<AlertDto>(items.Select(a => AlertDto.From(a)).ToList(), paging.PageNumber, paging.Size, total));
    }

    private static async Task<Results<Ok<AlertDto>, ProblemHttpResult>> Get(Guid id, HttpContext http, AlertStore store, StockProjectionCatchUp projection,
        ReferralQueries referrals, ReferralCallers callers, CancellationToken cancellationToken)
    {
        await projection.CatchUpForAsync(http.User, cancellationToken);
        var found = await store.FindAsync(id, cancellationToken);
        if (found is not { } f || !await InScope(http, f.Alert, referrals, callers, cancellationToken))
        {
            // Out of scope looks the same as absent: an alert's existence is itself information.
            return Problems.NotFound(SubscriptionMessages.Of("alert.not_in_scope"));
        }
        return TypedResults.Ok(AlertDto.From(f.Alert, f.History.Select(h => new ChangeDto(h.Change, h.At, h.Actor, h.Note)).ToList()));
    }

    private static async Task<Results<Ok<AlertDto>, ValidationProblem, ProblemHttpResult>> Acknowledge(Guid id, AcknowledgeBody? body, HttpContext http, AlertStore store, IGrainFactory grains,
        StockProjectionCatchUp projection, ReferralQueries referrals, ReferralCallers callers, [FromKeyedServices(Clock.Key)] TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (body?.Note is { Length: > 2000 })
        {
            return ValidationErrors.For("note", SubscriptionMessages.Of("alert.note_too_long", ("length", body.Note.Length), ("max", 2000)));
        }
        // A report may have resolved the alert a moment ago: acknowledge what is current.
        await projection.CatchUpForAsync(http.User, cancellationToken);
        var found = await store.FindAsync(id, cancellationToken);
        if (found is not { } f || !await InScope(http, f.Alert, referrals, callers, cancellationToken))
        {
            return Problems.NotFound(SubscriptionMessages.Of("alert.not_in_scope"));
        }
        if (!http.User.HasAnyRole(Acknowledgers))
        {
            return Problems.Forbidden(SubscriptionMessages.Of("alert.acknowledge_forbidden"));
        }
        if (f.Alert.Status == "resolved")
        {
            return Problems.Conflict(SubscriptionMessages.Of("alert.already_resolved"),
                new Dictionary<string, object?> { ["status"] = f.Alert.Status });
        }
        await grains.GetGrain<IAlertGrain>(id).Acknowledge(http.User.Subject(), body?.Note);
        var after = await store.FindAsync(id, cancellationToken);
        return TypedResults.Ok(AlertDto.From(after!.Value.Alert,
            after.Value.History.Select(h => new ChangeDto(h.Change, h.At, h.Actor, h.Note)).ToList()));
    }

    /// <summary>
    /// An alert about a referral is the referral's: only those the access policy lets read it see it. Others follow their
    /// facility and district.
    /// </summary>
    private static async Task<bool> InScope(HttpContext http, AlertStore.AlertRow alert, ReferralQueries referrals, ReferralCallers callers,
        CancellationToken cancellationToken)
    {
        if (alert.Referral is { } referral)
        {
            return await referrals.FindAsync(referral, cancellationToken) is { } row
                && ReferralAccessPolicy.Decide(await callers.ResolveAsync(http.ActorOf(), cancellationToken), row.Parties()).CanRead;
        }
        var user = http.User;
        return user.IsAdmin()
            || (alert.Facility is not null && user.Facilities().Contains(alert.Facility))
            || (alert.District is not null && user.Districts().Contains(alert.District));
    }
}
