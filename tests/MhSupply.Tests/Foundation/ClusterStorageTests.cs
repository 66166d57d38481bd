using Dapper;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Foundation;

[Collection(ClusterCollection.Name)]
public sealed class ClusterStorageTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Grain_state_written_to_PostgreSQL_survives_deactivation()
    {
        var key = "probe-" + Guid.NewGuid();
        var grain = fixture.Grains.GetGrain<IProbeGrain>(key);
        await grain.Write("first count");
        await grain.Deactivate();
        // Let the deactivation finish before the next call reactivates it from storage.
        await Task.Delay(200);

        Assert.Equal("first count", await grain.Read());

        await using var connection = await fixture.Database.DataSource.OpenConnectionAsync();
        var rows = await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM orleans.orleansstorage WHERE graintypestring LIKE '%probe%'");
        Assert.True(rows >= 1, "the state row is in PostgreSQL, not in memory");
    }

    [Fact]
    public async Task Grain_answers_from_the_other_silo_with_its_state_when_its_silo_stops()
    {
        // A dedicated 2-silo cluster: stopping a silo must not disturb the shared fixture.
        await using var own = await OwnClusterAsync();
        var key = "probe-" + Guid.NewGuid();
        var grain = own.Cluster.Client.GetGrain<IProbeGrain>(key);
        await grain.Write("stock counted");
        var before = await grain.HostedOn();

        var hosting = own.Cluster.Silos.Single(s => s.SiloAddress.ToString() == before);
        await own.Cluster.StopSiloAsync(hosting);

        var after = await grain.HostedOn();
        Assert.NotEqual(before, after);
        Assert.Equal("stock counted", await grain.Read());
    }

    private static async Task<OwnCluster> OwnClusterAsync()
    {
        var own = new ClusterFixture();
        await own.InitializeAsync();
        return new OwnCluster(own);
    }

    private sealed class OwnCluster(ClusterFixture fixture) : IAsyncDisposable
    {
        public Orleans.TestingHost.InProcessTestCluster Cluster => fixture.Cluster;

        public async ValueTask DisposeAsync() => await fixture.DisposeAsync();
    }
}
