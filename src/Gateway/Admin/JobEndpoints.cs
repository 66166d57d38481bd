using MhSupply.Gateway.Auth;
using MhSupply.Hosting;
using MhSupply.Jobs;

namespace MhSupply.Gateway.Admin;

/// <summary>Admin control of the recurring jobs: run one now (returns when it finished) or list them.</summary>
public static class JobEndpoints
{
    public sealed record JobRun(string Job, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, string Summary);

    public static RouteGroupBuilder MapAdminJobApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/admin/jobs").WithTags("Admin").RequireAuthorization(AuthServiceExtensions.AdminPolicy);
        group.MapGet("/", (IEnumerable<IRecurringJob> jobs) => TypedResults.Ok(jobs.Select(j => j.Name).Order().ToList()))
            .WithSummary("The recurring jobs that can be run.");
        group.MapPost("/{jobName}/run", async (string jobName, IEnumerable<IRecurringJob> jobs, RecurringJobRunner runner,
                [FromKeyedServices(Clock.Key)] TimeProvider clock, CancellationToken cancellationToken) =>
            {
                if (!RecurringJobRunner.Exists(jobs, jobName))
                {
                    return Results.Problem(statusCode: 404, title: $"No job named '{jobName}'.",
                        extensions: new Dictionary<string, object?> { ["jobs"] = jobs.Select(j => j.Name).Order().ToList() });
                }
                var started = clock.GetUtcNow();
                var summary = await runner.RunAsync(jobName, cancellationToken);
                return Results.Ok(new JobRun(jobName, started, clock.GetUtcNow(), summary));
            })
            .WithSummary("Run a recurring job now; answers when it has finished.");
        return api;
    }
}
