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
/// Recipients and channels for alert deliveries (e-mail, webhook). Admins manage all; district managers those of
/// their districts. The in-app inbox needs no subscription: it is GET /api/v1/alerts.
/// </summary>
public static class SubscriptionEndpoints
{
    public sealed record SubscriptionDto(Guid Id, string Channel, string Target, string? Facility, string? District, string? Role,
        string[] Kinds, bool Active, DateTimeOffset CreatedAt, string CreatedBy, string? Secret = null)
    {
        public static SubscriptionDto From(SubscriptionStore.Subscription s, string? secret = null) => new(s.Id, s.Channel, s.Target,
            s.Facility, s.District, s.Role, s.Kinds, s.Active, s.CreatedAt,
            s.CreatedBy, secret);
    }

    public static RouteGroupBuilder MapSubscriptionApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/subscriptions").WithTags("Alerts");
        group.MapGet("/", List).WithSummary("E-mail and webhook subscriptions within the caller's scope.");
        group.MapPost("/", Create).WithSummary("Subscribe an e-mail address or a webhook URL to alert changes; a webhook's secret is shown once.");
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
        var rows = await store.ListAsync(http.User.IsAdmin() ? null : http.User.Districts(), cancellationToken);
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
        if (!user.IsAdmin())
        {
            // A district manager subscribes within their districts only.
            var district = facilityDistrict ?? body!.District;
            if (district is null || !user.Districts().Contains(district))
            {
                return TypedResults.Problem(statusCode: 403, title: "Subscriptions outside your districts are for admins.");
            }
        }
        var secret = body!.Channel == "webhook" ? body.Secret ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) : null;
        var id = Guid.NewGuid();
        var subscription = new NewSubscription(body.Channel!, body.Target!.Trim(), body.Facility, body.District, body.Role,
            body.Kinds?.Distinct().ToArray() ?? [], clock.GetUtcNow(), user.Subject());
        // The store keeps the secret sealed; this answer is the only time it is shown (SubscriptionDto.Secret is null elsewhere).
        await grains.GetGrain<ISubscriptionGrain>(id).Create(subscription, secret);
        return TypedResults.Created($"/api/v1/subscriptions/{id}", new SubscriptionDto(id, subscription.Channel, subscription.Target,
            subscription.Facility, subscription.District, subscription.Role, subscription.Kinds, true, subscription.CreatedAt,
            subscription.CreatedBy, secret));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Deactivate(Guid id, HttpContext http, SubscriptionStore store,
        IGrainFactory grains, CancellationToken cancellationToken)
    {
        if (Forbidden(http) is { } denied)
        {
            return denied;
        }
        var found = await store.FindAsync(id, cancellationToken);
        var visible = found is not null && (http.User.IsAdmin()
            || (await store.ListAsync(http.User.Districts(), cancellationToken)).Any(s => s.Id == id));
        if (!visible)
        {
            return TypedResults.Problem(statusCode: 404, title: "No such subscription within your scope.");
        }
        await grains.GetGrain<ISubscriptionGrain>(id).Deactivate();
        return TypedResults.NoContent();
    }

    private static ProblemHttpResult? Forbidden(HttpContext http) =>
        http.User.HasAnyRole(Roles.Admin, Roles.DistrictManager)
            ? null
            : TypedResults.Problem(statusCode: 403, title: "Subscriptions are managed by admins and district managers.");
}
