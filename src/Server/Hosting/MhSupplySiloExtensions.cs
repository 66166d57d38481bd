using System.Net;
using Azure.Storage.Blobs;
using MhSupply.Faults;
using MhSupply.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Storage;
using Orleans.Serialization.Serializers;

namespace MhSupply.Hosting;

public static class MhSupplySiloExtensions
{
    private const string AdoNetInvariant = ConnectionStrings.AdoNetInvariant;

    private const string StorageName = GrainStorage.Name;

    /// <summary>
    /// Everything a MhSupply silo needs: ADO.NET clustering, grain storage and reminders on PostgreSQL,
    /// and the application services grains use. Shared by the silo host, the co-hosted gateway and tests.
    /// </summary>
    public static ISiloBuilder AddMhSupplySilo(this ISiloBuilder silo, IConfiguration configuration)
    {
        var hosting = configuration.GetSection(OrleansHostingOptions.Section).Get<OrleansHostingOptions>() ?? new();
        var database = DatabaseOptions.From(configuration);
        var orleansConnection = ConnectionStrings.ForOrleans(database);

        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = hosting.ClusterId;
            o.ServiceId = hosting.ServiceId;
        });
        silo.ConfigureEndpoints(AdvertisedAddress(hosting), hosting.SiloPort, hosting.GatewayPort,
            listenOnAnyHostAddress: hosting.ListenOnAnyHostAddress);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = AdoNetInvariant;
            o.ConnectionString = orleansConnection;
        });
        silo.AddMhSupplyFailureDetection(configuration);
        // A grain call carries the caller's trace (W3C traceparent), so a request's trace runs into the grains it calls.
        silo.AddActivityPropagation();
        silo.AddMhSupplyGrainServices(configuration);
        // The Orleans dashboard's silo side, whose page the gateway serves at /dashboard: the grain service it asks for
        // each silo's counters, and per-grain-method call statistics (a grain call filter that records only while someone
        // has read the dashboard in the last minute).
        silo.AddDashboard(o =>
        {
            o.HideTrace = true;
            configuration.GetSection(OrleansHostingOptions.DashboardSection).Bind(o);
        });
        return silo;
    }

    /// <summary>Storage, reminders and services, without clustering: what a test cluster adds to its own membership.</summary>
    public static ISiloBuilder AddMhSupplyGrainServices(this ISiloBuilder silo, IConfiguration configuration)
    {
        var hosting = configuration.GetSection(OrleansHostingOptions.Section).Get<OrleansHostingOptions>() ?? new();
        var orleansConnection = ConnectionStrings.ForOrleans(DatabaseOptions.From(configuration));
        AddGrainStorage(silo, hosting.GrainStorage, orleansConnection, configuration);
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = AdoNetInvariant;
            o.ConnectionString = orleansConnection;
        });
        silo.Services.AddMhSupplyServer(configuration);
        // Exceptions without an Orleans codec (Npgsql's) reach callers as ServiceFailureException, not as a codec failure.
        silo.Services.AddSingleton<IGeneralizedCodec, ForeignExceptionCodec>();
        return silo;
    }

    /// <summary>The connection string of Azure Storage when grain state goes there ("ConnectionStrings" section).</summary>
    public const string AzureStorageConnectionName = "GrainStorage";

    /// <summary>The one place that decides where grain state goes, so a deployment can swap the provider.</summary>
    private static void AddGrainStorage(ISiloBuilder silo, string provider, string orleansConnection, IConfiguration configuration)
    {
        // Orleans' own binary serializer for grain state rather than its default JSON: a facility's snapshot is some
        // hundreds of small objects read on every activation, and JSON made a five-year facility's first read a third slower
        // than a one-month one's (bench/facility-history.sh). Our state types carry [GenerateSerializer] ids for it.
        silo.Services.AddSingleton<IGrainStorageSerializer>(sp => new OrleansGrainStorageSerializer(sp.GetRequiredService<Orleans.Serialization.Serializer>()));
        switch (provider)
        {
            case "AdoNet":
                silo.AddAdoNetGrainStorage(StorageName, o =>
                {
                    o.Invariant = AdoNetInvariant;
                    o.ConnectionString = orleansConnection;
                });
                break;
            case "AzureBlob":
                // Blob, not Table: Azure Table storage splits a state across entity properties and refuses one past about
                // 1 MB per entity, while a blob holds a state of any size (a facility's snapshot of 30 cards grows with
                // its lots and months). Both guard writes by ETag.
                var azureConnection = configuration.GetConnectionString(AzureStorageConnectionName);
                if (string.IsNullOrWhiteSpace(azureConnection))
                {
                    throw new InvalidOperationException(
                        $"Orleans:GrainStorage 'AzureBlob' needs the Azure Storage connection string " +
                        $"ConnectionStrings:{AzureStorageConnectionName} (environment: ConnectionStrings__{AzureStorageConnectionName}).");
                }
                silo.AddAzureBlobGrainStorage(StorageName, o => o.BlobServiceClient = new BlobServiceClient(azureConnection));
                break;
            case "Memory":
                silo.AddMemoryGrainStorage(StorageName);
                break;
            default:
                throw new InvalidOperationException(
                    $"Orleans:GrainStorage '{provider}' is not supported; use 'AdoNet' (PostgreSQL), 'AzureBlob' (Azure Blob storage) or 'Memory'.");
        }
    }

    /// <summary>The configured address, or when none is given (containers) this host's first IPv4 address.</summary>
    private static IPAddress AdvertisedAddress(OrleansHostingOptions hosting)
    {
        if (!string.IsNullOrWhiteSpace(hosting.AdvertisedIPAddress))
        {
            return IPAddress.Parse(hosting.AdvertisedIPAddress);
        }
        return Dns.GetHostAddresses(Dns.GetHostName())
            .FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? IPAddress.Loopback;
    }
}
