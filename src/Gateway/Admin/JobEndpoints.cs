using MhSupply.Gateway.Auth;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Indicators;
using MhSupply.Hosting;
using MhSupply.Indicators;
using MhSupply.Jobs;
using MhSupply.Messages;
using MhSupply.Stock;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MhSupply.Gateway.Admin;

/// <summary>Admin control of the recurring jobs: list them, or run one now on a silo (answers when it finished).</summary>
public static class JobEndpoints
{
    public sealed record JobRun(string Job, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string Summary);

    /// <summary>A run of dhis2-push: what it did (<see cref="Dhis2PushOutcomes"/>), in words, and the push with DHIS2's import summary.</summary>
    public sealed record Dhis2PushRun(string Job, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string Summary, string Outcome, string Period,
        string OrgUnit, UserMessage Message, Dhis2PushRecord? Push);

    public static RouteGroupBuilder MapAdminJobApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin/jobs").WithTags("Admin").RequireAuthorization(AuthServiceExtensions.AdminPolicy);
        group.MapGet("/", List).WithSummary("The recurring jobs that can be run.");
        group.MapPost("/{jobName}/run", Run)
            .WithSummary("Run a recurring job now; answers when it has finished. dhis2-push takes ?period= (default: the last complete month) and &force=true, and answers DHIS2's import summary.")
            .Produces<Dhis2PushRun>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static Ok<List<string>> List() => TypedResults.Ok(JobNames.All.Order().ToList());

    private static async Task<IResult> Run(string jobName, string? period, bool? force, HttpContext http, IGrainFactory grains,
        IOptions<StockOptions> stock, [FromKeyedServices(Clock.Key)] TimeProvider clock)
    {
        if (!JobNames.All.Contains(jobName))
        {
            return TypedResults.Problem(statusCode: 404, title: $"No job named '{jobName}'.",
                extensions: new Dictionary<string, object?> { ["jobs"] = JobNames.All.Order().ToList() });
        }
        if (jobName == JobNames.Dhis2Push)
        {
            return await PushToDhis2(period, force ?? false, http, grains, stock, clock);
        }
        var started = clock.GetUtcNow();
        var summary = await grains.GetGrain<IRecurringJobGrain>(jobName).Run();
        return TypedResults.Ok(new JobRun(jobName, started, clock.GetUtcNow(), summary));
    }

    private static async Task<IResult> PushToDhis2(string? period, bool force, HttpContext http, IGrainFactory grains, IOptions<StockOptions> stock,
        TimeProvider clock)
    {
        var started = clock.GetUtcNow();
        if (period is not null)
        {
            var errors = new ValidationErrors();
            var asked = IndicatorRequest.Period(period, "period", errors);
            if (asked is { } p && !Dhis2PushPolicy.HasEnded(p, started, TimeZoneInfo.FindSystemTimeZoneById(stock.Value.TimeZone)))
            {
                errors.Add("period", Dhis2PushMessages.Of("dhis2.push_period_open", ("value", period)));
            }
            if (errors.Any)
            {
                return errors.ToResult();
            }
            period = asked!.Value.ToString();
        }
        var answer = await grains.GetGrain<IDhis2PushGrain>(IDhis2PushGrain.Current).Push(period, force, http.User.Subject());
        var message = Dhis2PushWords.Of(answer);
        return TypedResults.Ok(new Dhis2PushRun(JobNames.Dhis2Push, started, clock.GetUtcNow(), message.Text, answer.Outcome, answer.Period,
            answer.OrgUnit, message, answer.Push));
    }
}
