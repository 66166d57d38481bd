using MhSupply.Gateway.Faults;
using MhSupply.Hosting;
using MhSupply.Reference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace MhSupply.Tests.Infrastructure;

/// <summary>
/// A 2-silo Orleans test cluster whose grain storage and reminders are the real ADO.NET providers on a
/// fresh PostgreSQL database, configured by the same code as production silos.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Configuration over the defaults, for a test's own cluster (xunit allows a collection fixture one constructor).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Rewrites the database connection string the silos use (to go through a <see cref="TcpRelay"/>, say).</summary>
    public Func<string, string>? RouteConnectionString { get; init; }

    /// <summary>
    /// Production failover: the silos' membership settings and the gateway's client fault handling (retry of retry-safe
    /// calls, response timeout). Off by default: the other tests keep Orleans' defaults on a busy test machine.
    /// </summary>
    public bool ProductionFaultHandling { get; init; }

    public TestDatabase Database { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IConfiguration Configuration { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        // The shipped default medicines list, as every real start loads it.
        await new MedicineListWriter(Database.DataSource).UpsertAsync(MedicineCsv.Parse(ReferenceDataSeeder.DefaultList()).Medicines);
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:MhSupply"] = RouteConnectionString?.Invoke(Database.ConnectionString) ?? Database.ConnectionString,
            ["Database:MaxPoolSize"] = "20",
            ["Database:OrleansMaxPoolSize"] = "20",
            // The silos run outside Development, where the key that seals webhook secrets must be configured.
            ["Privacy:SecretKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        }.Concat(Settings)).Build();

        var builder = new InProcessTestClusterBuilder(2);
        // The service id keys stored state: it must stay the same across silo restarts (see shared notes).
        builder.Options.ServiceId = "mhsupply-test-" + Database.Name;
        var configuration = Configuration;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMhSupplyGrainServices(configuration);
            if (ProductionFaultHandling)
            {
                silo.AddMhSupplyFailureDetection(configuration);
            }
        });
        if (ProductionFaultHandling)
        {
            builder.ConfigureClient(client => client.AddMhSupplyClientFaultHandling(configuration));
        }
        builder.ConfigureSiloHost((_, host) => host.Services.AddKeyedSingleton<TimeProvider>(Clock.Key, TestClock));
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>The silos' clock, moved by tests that need time to pass.</summary>
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider TestClock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
