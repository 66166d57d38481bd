using Azure.Storage.Blobs;
using Dapper;
using MhSupply.Hosting;
using MhSupply.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;

namespace MhSupply.Tests.Foundation;

/// <summary>
/// The same grain-state behaviour on every grain storage provider a deployment can choose (Orleans:GrainStorage):
/// each provider gets its own 2-silo cluster, shared by its tests through a collection fixture.
/// </summary>
public abstract class GrainStorageProviderTests(GrainStorageClusterFixture fixture)
{
    private InProcessTestCluster Cluster => fixture.Cluster.Cluster;

    [Fact]
    public async Task State_written_is_read_back_by_a_new_activation_after_deactivation()
    {
        var key = NewKey();
        var grain = Cluster.Client.GetGrain<IProbeGrain>(key);
        await grain.Write("first count");
        var first = await grain.Activation();

        await Cluster.DeactivateAsync(grain);

        Assert.Equal("first count", await grain.Read());
        Assert.NotEqual(first, await grain.Activation());
        Assert.True(await fixture.HoldsStateOf(key), $"the state is in {fixture.Provider} storage, not in memory");
    }

    [Fact]
    public async Task State_is_served_by_another_silo_when_its_silo_stops()
    {
        var key = NewKey();
        var grain = Cluster.Client.GetGrain<IProbeGrain>(key);
        await grain.Write("stock counted");
        var before = await grain.HostedOn();

        var hosting = Cluster.Silos.Single(s => s.SiloAddress.ToString() == before);
        await Cluster.StopSiloAsync(hosting);
        try
        {
            var after = await grain.HostedOn();
            Assert.NotEqual(before, after);
            Assert.Equal("stock counted", await grain.Read());
        }
        finally
        {
            // Leave the collection's cluster with two silos, whatever order its tests run in.
            await Cluster.StartAdditionalSiloAsync();
        }
    }

    [Fact]
    public async Task Stale_write_is_refused_by_its_etag()
    {
        var key = NewKey();
        var grain = Cluster.Client.GetGrain<IProbeGrain>(key);
        await grain.Write("count one");
        // A second writer of the same state (a stale activation, say) read it at "count one"...
        var storage = Cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);
        var stale = new GrainState<ProbeState>();
        await storage.ReadStateAsync("probe", grain.GetGrainId(), stale);
        Assert.Equal("count one", stale.State?.Value);
        Assert.NotNull(stale.ETag);

        // ...the grain then moves on, and the stale writer's ETag no longer matches the stored one.
        await grain.Write("count two");
        stale.State!.Value = "count from the past";
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("probe", grain.GetGrainId(), stale));

        await Cluster.DeactivateAsync(grain);
        Assert.Equal("count two", await grain.Read());
    }

    private static string NewKey() => "probe-" + Guid.NewGuid().ToString("N");
}

/// <summary>A 2-silo cluster whose grain storage is <paramref name="provider"/>, configured as a deployment would.</summary>
public abstract class GrainStorageClusterFixture(string provider) : IAsyncLifetime
{
    public string Provider => provider;

    public ClusterFixture Cluster { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?> ProviderSettings => new Dictionary<string, string?>();

    /// <summary>Whether the provider's own store (not a silo's memory) holds a state of the grain keyed <paramref name="key"/>.</summary>
    public abstract Task<bool> HoldsStateOf(string key);

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(ProviderSettings) { ["Orleans:GrainStorage"] = provider };
        Cluster = new ClusterFixture { Settings = settings };
        await Cluster.InitializeAsync();
    }

    public Task DisposeAsync() => Cluster.DisposeAsync();
}

public sealed class AdoNetStorageClusterFixture() : GrainStorageClusterFixture("AdoNet")
{
    public override async Task<bool> HoldsStateOf(string key)
    {
        await using var connection = await Cluster.Database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM orleans.orleansstorage WHERE grainidextensionstring = @key", new { key }) == 1;
    }
}

public sealed class AzureBlobStorageClusterFixture() : GrainStorageClusterFixture("AzureBlob")
{
    protected override IReadOnlyDictionary<string, string?> ProviderSettings => new Dictionary<string, string?>
    {
        ["ConnectionStrings:" + MhSupplySiloExtensions.AzureStorageConnectionName] = TestAzurite.ConnectionString,
    };

    public override async Task<bool> HoldsStateOf(string key)
    {
        var container = new BlobServiceClient(TestAzurite.ConnectionString)
            .GetBlobContainerClient(AzureBlobStorageOptions.DEFAULT_CONTAINER_NAME);
        await foreach (var blob in container.GetBlobsAsync())
        {
            if (blob.Name.Contains(key, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}

[CollectionDefinition(Name)]
public sealed class AdoNetStorageCollection : ICollectionFixture<AdoNetStorageClusterFixture>
{
    public const string Name = "grain storage: AdoNet";
}

[CollectionDefinition(Name)]
public sealed class AzureBlobStorageCollection : ICollectionFixture<AzureBlobStorageClusterFixture>
{
    public const string Name = "grain storage: AzureBlob";
}

[Collection(AdoNetStorageCollection.Name)]
public sealed class AdoNetGrainStorageTests(AdoNetStorageClusterFixture fixture) : GrainStorageProviderTests(fixture);

[Collection(AzureBlobStorageCollection.Name)]
public sealed class AzureBlobGrainStorageTests(AzureBlobStorageClusterFixture fixture) : GrainStorageProviderTests(fixture);

public sealed class GrainStorageConfigurationTests
{
    [Fact]
    public void AzureBlob_storage_without_its_connection_string_stops_the_silo_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:MhSupply"] = "Host=127.0.0.1;Database=unused",
            ["Orleans:GrainStorage"] = "AzureBlob",
        }).Build();
        var host = Host.CreateApplicationBuilder();

        var error = Assert.Throws<InvalidOperationException>(() => host.UseOrleans(silo => silo.AddMhSupplyGrainServices(configuration)));

        Assert.Contains("ConnectionStrings:GrainStorage", error.Message, StringComparison.Ordinal);
    }
}
