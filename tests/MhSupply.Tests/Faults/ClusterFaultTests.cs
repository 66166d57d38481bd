using MhSupply.Faults;
using MhSupply.Gateway.Errors;
using MhSupply.Gateway.Faults;
using MhSupply.Referrals;
using MhSupply.Stock;
using MhSupply.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static MhSupply.Tests.Stock.StockClusterHelpers;

namespace MhSupply.Tests.Faults;

/// <summary>
/// Faults as the gateway's cluster client meets them, over a real 2-silo test cluster (messages serialised between client
/// and silos): PostgreSQL failing inside a grain arrives as itself, named; a silo killed under a retry-safe call is
/// ridden out; a call that is not retry-safe fails at once, as a 503.
/// </summary>
public sealed class ClusterFaultTests
{
    private const string Medicine = "haloperidol-tab-5mg";

    [Fact]
    public async Task PostgreSQL_failing_inside_a_grain_reaches_the_client_as_a_transient_failure_naming_the_Npgsql_exception()
    {
        using var relay = new TcpRelay();
        var cluster = new ClusterFixture { RouteConnectionString = relay.Route };
        await cluster.InitializeAsync();
        try
        {
            await RegisterFacilities(cluster.Database, ["fault-active", "fault-cold"]);
            var active = cluster.Grains.GetGrain<IFacilityStockGrain>("fault-active");
            var at = cluster.TestClock.GetUtcNow().AddDays(-1);
            await active.Submit(new StockSubmission("t", [Event("receipt", 50, at)]));

            relay.Stop();
            // A method's failure (the commit) and an activation's (the ledger cannot be read).
            var commit = await Assert.ThrowsAsync<ServiceFailureException>(() => active.Submit(new StockSubmission("t", [Event("issue", 5, at.AddHours(1))])));
            // The activation fails reading the facility's snapshot from grain storage: Orleans wraps the provider's failure,
            // and the Npgsql exception inside it travels as ours.
            var cold = await Assert.ThrowsAnyAsync<Exception>(() => cluster.Grains.GetGrain<IFacilityStockGrain>("fault-cold").GetStock(null));
            Assert.True(ServiceFaults.IsUnavailable(cold), cold.ToString());
            var activation = Assert.IsType<ServiceFailureException>(Inner(cold).Last(e => e is ServiceFailureException));

            foreach (var failure in new[] { commit, activation })
            {
                Assert.StartsWith("Npgsql.", failure.OriginalType);
                Assert.True(failure.IsTransient, failure.ToString());
                Assert.Contains("Npgsql", failure.ToString());
                Assert.True(ServiceFaults.IsUnavailable(failure));
            }
        }
        finally
        {
            relay.Start();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_stock_report_in_flight_when_its_silo_is_killed_is_retried_to_success_and_counted_once()
    {
        var cluster = new ClusterFixture { ProductionFaultHandling = true };
        await cluster.InitializeAsync();
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            const string facility = "failover-stock";
            await RegisterFacilities(cluster.Database, [facility]);
            var grain = cluster.Grains.GetGrain<IFacilityStockGrain>(facility);
            var at = cluster.TestClock.GetUtcNow().AddDays(-2);
            await grain.Submit(new StockSubmission("t", [Event("receipt", 500, at)]));
            var host = cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(HostingSilo(cluster, facility).Result));
            // The silo holding the grain stops inside the report, before its commit: killed there, it never commits it.
            host.ServiceProvider.GetRequiredService<StockWriteProbe>().Hook = async (f, step) =>
            {
                if (f == facility && step == StockWriteStep.BeforeCommit)
                {
                    inside.TrySetResult();
                    await never.Task;
                }
            };
            var batch = new[] { Event("issue", 120, at.AddHours(1)), Event("issue", 30, at.AddHours(2)) };

            var report = grain.Submit(new StockSubmission("t", batch));
            await inside.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await cluster.Cluster.KillSiloAsync(host);
            var results = await report.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.All(results, r => Assert.Equal(StockEventResult.Accepted, r.Outcome));
            Assert.Equal(350, (await LedgerBalances(cluster.Database, facility))[(facility, Medicine)]);
            Assert.Equal(3, await LedgerCount(cluster.Database, facility));
        }
        finally
        {
            never.TrySetException(new IOException("the silo was killed"));
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_referral_action_in_flight_when_its_silo_is_killed_is_not_retried_and_answers_503_with_Retry_After()
    {
        // No projection on a timer: the only one is the back-referral's (it reads the PHC's stock first), held below.
        var cluster = new ClusterFixture
        {
            ProductionFaultHandling = true,
            Settings = new Dictionary<string, string?> { ["Stock:ProjectionDelay"] = "00:05:00" },
        };
        await cluster.InitializeAsync();
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            const string phc = "failover-phc", smh = "failover-smh";
            await RegisterFacilities(cluster.Database, [phc, smh]);
            var at = cluster.TestClock.GetUtcNow().AddHours(-3);
            await cluster.Grains.GetGrain<IFacilityStockGrain>(phc).Submit(new StockSubmission("t", [Event("receipt", 50, at)]));
            var id = Guid.NewGuid();
            var referral = cluster.Grains.GetGrain<IReferralGrain>(id);
            var referrer = new ReferralActor("phc", ["clinician"], [phc], []);
            var receiver = new ReferralActor("smh", ["clinician"], [smh], []);
            Assert.Equal(ReferralOutcome.Ok, (await referral.Create(new NewReferral("PX-FAIL", "female", 1990, phc, smh,
                null, "cluster-d", "psychosis", "routine", null, new ConsentInput(true, false, []), at, null, null, "cluster-d"), referrer)).Kind);
            foreach (var (action, minutes) in new[] { ("receive", 1), ("accept", 2), ("book", 3), ("attend", 4) })
            {
                var step = await referral.Act(new ReferralCommand(action, null, at.AddMinutes(minutes), action == "book" ? at.AddMinutes(3) : null, null), receiver);
                Assert.Equal(ReferralOutcome.Ok, step.Kind);
            }
            foreach (var silo in cluster.Cluster.Silos)
            {
                silo.ServiceProvider.GetRequiredService<StockWriteProbe>().Hook = async (f, step) =>
                {
                    if (f == phc && step == StockWriteStep.BeforeProjection)
                    {
                        inside.TrySetResult();
                        await never.Task;
                    }
                };
            }
            var stats = await cluster.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
            var host = stats.Single(s => s.GrainType.Contains("Referral", StringComparison.Ordinal)
                && s.GrainId.ToString().Contains(id.ToString("N"), StringComparison.Ordinal)).SiloAddress;

            var backReferral = new BackReferralInput("psychosis", "Haloperidol; review monthly.",
                [new PrescribedMedicine(Medicine, "5 mg daily", 30)], 30, null);
            var act = referral.Act(new ReferralCommand("back-refer", null, at.AddMinutes(40), null, backReferral), receiver);
            await inside.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await cluster.Cluster.KillSiloAsync(cluster.Cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
            // Not retried: a second delivery would have reached the new activation, which answers an outcome, not an exception.
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => act.WaitAsync(TimeSpan.FromSeconds(60)));

            Assert.True(ServiceFaults.IsClusterUnavailable(failure), failure.ToString());
            var http = await Render(failure);
            Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
            Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>The gateway's exception handler answering a request that failed with <paramref name="failure"/>.</summary>
    private static async Task<HttpContext> Render(Exception failure)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        var handler = new ProblemExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), Options.Create(new FaultOptions()),
            NullLogger<ProblemExceptionHandler>.Instance);
        Assert.True(await handler.TryHandleAsync(context, failure, CancellationToken.None));
        return context;
    }

    private static StockEventInput Event(string type, int quantity, DateTimeOffset at) =>
        new(Guid.NewGuid(), Medicine, type, quantity, at, null, null, null, null, null);

    private static IEnumerable<Exception> Inner(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
        {
            yield return current;
        }
    }
}
