using MhSupply.Gateway.Auth;
using MhSupply.Hosting;
using MhSupply.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MhSupply.Gateway.Admin;

/// <summary>Admin control of the recurring jobs: list them, or run one now on a silo (answers when it finished).</summary>
public static class JobEndpoints
{
    public sealed record JobRun(string Job, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string Summary);

    public static RouteGroupBuilder MapAdminJobApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin/jobs").WithTags("Admin").RequireAuthorization(AuthServiceExtensions.AdminPolicy);
        group.MapGet("/", List).WithSummary("The recurring jobs that can be run.");
        group.MapPost("/{jobName}/run", Run).WithSummary("Run a recurring job now; answers when it has finished.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static Ok<List<string>> List() => TypedResults.Ok(JobNames.All.Order().ToList());

    private static async Task<Results<Ok<JobRun>, ProblemHttpResult>> Run(string jobName, IGrainFactory grains,
        [FromKeyedServices(Clock.Key)] TimeProvider clock)
    {
        if (!JobNames.All.Contains(jobName))
        {
            return TypedResults.Problem(statusCode: 404, title: $"No job named '{jobName}'.",
                extensions: new Dictionary<string, object?> { ["jobs"] = JobNames.All.Order().ToList() });
        }
        var started = clock.GetUtcNow();
        var summary = await grains.GetGrain<IRecurringJobGrain>(jobName).Run();
        return TypedResults.Ok(new JobRun(jobName, started, clock.GetUtcNow(), summary));
    }
}
