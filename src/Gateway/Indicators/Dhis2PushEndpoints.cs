using MhSupply.Gateway.Auth;
using MhSupply.Indicators;

namespace MhSupply.Gateway.Indicators;

/// <summary>The pushes to DHIS2 the dhis2-push job recorded (admin): what was sent when, and what DHIS2 answered.</summary>
public static class Dhis2PushEndpoints
{
    /// <summary>How many pushes the list shows: a year of monthly pushes with their retries and forced repeats, many times over.</summary>
    public const int Shown = 200;

    public sealed record PushList(IReadOnlyList<Dhis2PushRecord> Pushes);

    public static RouteGroupBuilder MapDhis2PushApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/hmis/dhis2").WithTags("Indicators")
            .MapGet("/pushes", List).RequireAuthorization(AuthServiceExtensions.AdminPolicy)
            .WithSummary($"The pushes to DHIS2 (admin), newest first (the last {Shown}): period, org unit, state, DHIS2's status, import counts and conflicts, attempts.")
            .Produces<PushList>();
        return api;
    }

    private static async Task<IResult> List(Dhis2PushStore pushes, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PushList(await pushes.ListAsync(Shown, cancellationToken)));
}
