using MhSupply.Messages;
using MhSupply.Access;
using System.Security.Cryptography;
using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Hosting;
using MhSupply.Notifications;
using MhSupply.Reference;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MhSupply.Gateway.Notifications;

/// <summary>
/// Recipients and channels for alert deliveries (e-mail, webhook, SMS). Admins manage all; district managers those of
/// their districts; facility heads those of their facilities. The in-app inbox needs no subscription: it is GET /api/v1/alerts.
/// </summary>
public static class SubscriptionEndpoints
{
    public sealed record SubscriptionDto(Guid Id, string Channel, string Target, string? Facility, string? District, string? Role,
        string[] Kinds, bool Active, DateTimeOffset CreatedAt, string CreatedBy, string? Secret = null,
        string Language = MhSupply.Alerts.AlertLanguages.Default)
    {
        public static SubscriptionDto From(SubscriptionStore.Subscription s, string? secret = null) => new(s.Id, s.Channel, s.Target,
            s.Facility, s.District, s.Role, s.Kinds, s.Active, s.CreatedAt,
            s.CreatedBy, secret, s.Language);
    }

    public static RouteGroupBuilder MapSubscriptionApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/subscriptions").WithTags("Alerts");
        group.MapGet("/", List).WithSummary("E-mail, webhook and SMS subscriptions within the caller's scope.");
        group.MapPost("/", Create).WithSummary("Subscribe an e-mail address, a webhook URL or a phone number (SMS, E.164) to alert changes; a webhook's secret is shown once.");
        group.MapDelete("/{id:guid}", Deactivate).WithSummary("Stop a subscription (kept, inactive, for the record).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<Paged<SubscriptionDto>>, ProblemHttpResult>> List(HttpContext http, SubscriptionStore store,
        CancellationToken cancellationToken)
    {
        if (Forbidden(http) is { } denied)
        {
            return denied;
        }
        var rows = await Visible(http, store, cancellationToken);
        return TypedResults.Ok(new Paged<SubscriptionDto>(rows.Select(r => SubscriptionDto.From(r)).ToList(), 1, rows.Count, rows.Count));
    }

    private static async Task<Results<Created<SubscriptionDto>, ValidationProblem, ProblemHttpResult>> Create(SubscriptionBody? body,
        HttpContext http, IGrainFactory grains, FacilityDirectory facilities, [FromKeyedServices(Clock.Key)] TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (Forbidden(http) is { } denied)
        {
            return denied;
        }
        var (errors, facilityDistrict) = await SubscriptionBody.ValidateAsync(body, facilities, cancellationToken);
        if (errors.Any)
        {
            return errors.ToResult();
        }
        var user = http.User;
        if (!user.IsAdmin() && !user.IsInRole(Roles.DistrictManager))
        {
            // A facility head subscribes for their facilities only.
            if (body!.Facility is null || !user.Facilities().Contains(body.Facility))
            {
                return Problems.Forbidden(SubscriptionMessages.Of("subscription.own_facility_only"));
            }
        }
        else if (!user.IsAdmin())
        {
            // A district manager subscribes within their districts only.
            var district = facilityDistrict ?? body!.District;
            if (district is null || !user.Districts().Contains(district))
            {
                return Problems.Forbidden(SubscriptionMessages.Of("subscription.own_districts_only"));
            }
        }
        var secret = body!.Channel == "webhook" ? body.Secret ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : null;
        var id = Guid.NewGuid();
        var subscription = new NewSubscription(body.Channel!, body.Target!.Trim(), body.Facility, body.District, body.Role,
            body.Kinds?.Distinct().ToArray() ?? [], clock.GetUtcNow(), user.Subject(), body.Language ?? MhSupply.Alerts.AlertLanguages.Default);
        // The store keeps the secret sealed; this answer is the only time it is shown (SubscriptionDto.Secret is null elsewhere).
        await grains.GetGrain<ISubscriptionGrain>(id).Create(subscription, secret);
        return TypedResults.Created($"/api/v1/subscriptions/{id}", new SubscriptionDto(id, subscription.Channel, subscription.Target,
            subscription.Facility, subscription.District, subscription.Role, subscription.Kinds, true, subscription.CreatedAt,
            subscription.CreatedBy, secret, subscription.Language));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Deactivate(Guid id, HttpContext http, SubscriptionStore store,
        IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (Forbidden(http) is { } denied)
        {
            return denied;
        }
        var found = await store.FindAsync(id, cancellationToken);
        var visible = found is not null && (http.User.IsAdmin() || (await Visible(http, store, cancellationToken)).Any(s => s.Id == id));
        if (!visible)
        {
            return Problems.NotFound(SubscriptionMessages.Of("subscription.not_in_scope"));
        }
        await grains.GetGrain<ISubscriptionGrain>(id).Deactivate();
        return TypedResults.NoContent();
    }

    /// <summary>All for an admin; a district manager's districts; a facility head's facilities (those naming the facility).</summary>
    private static async Task<IReadOnlyList<SubscriptionStore.Subscription>> Visible(HttpContext http, SubscriptionStore store,
        CancellationToken cancellationToken)
    {
        var user = http.User;
        if (user.IsAdmin())
        {
            return await store.ListAsync(null, cancellationToken);
        }
        return await store.ListAsync(user.IsInRole(Roles.DistrictManager) ? user.Districts() : [], cancellationToken,
            user.IsInRole(Roles.FacilityHead) ? user.Facilities() : []);
    }

    private static ProblemHttpResult? Forbidden(HttpContext http) =>
        http.User.HasAnyRole(Roles.Admin, Roles.DistrictManager, Roles.FacilityHead)
            ? null
            : Problems.Forbidden(SubscriptionMessages.Of("subscription.forbidden"));
}
