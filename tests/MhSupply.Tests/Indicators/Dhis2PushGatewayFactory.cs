using System.Net.Http.Json;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Indicators;

/// <summary>
/// A gateway whose DHIS2 is <see cref="Receiver"/> (personal access token, a district with its facilities, a one-minute first
/// back-off), and a small world to push: district push-d with facilities push-a and push-b, open for half a year, push-a
/// reporting two months ago, and a mapping of the reporting rate for the district and both facilities.
/// </summary>
public sealed class Dhis2PushGatewayFactory : GatewayFactory
{
    public const string District = "push-d";
    public const string Token = "d2pat_TestToken0123456789abcdef";
    private readonly SemaphoreSlim _world = new(1, 1);
    private bool _ready;

    public Dhis2PushGatewayFactory()
    {
        Settings["Dhis2:BaseUrl"] = Receiver.BaseUrl;
        Settings["Dhis2:OrgUnit"] = District;
        Settings["Dhis2:Token"] = Token;
        Settings["Dhis2:Timeout"] = "00:00:10";
        Settings["Dhis2:FirstRetryAfter"] = "00:01:00";
        Settings["Dhis2:MaxRetryAfter"] = "00:10:00";
        // Few enough to reach in a test; the retry test above delivers on its fourth attempt, within it.
        Settings["Dhis2:MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public const int MaxAttempts = 4;

    public Dhis2PushReceiver Receiver { get; } = new();

    /// <summary>The first day of the month <paramref name="back"/> months before the app's current month.</summary>
    public DateOnly MonthsAgo(int back)
    {
        var now = Clock.GetUtcNow();
        return new DateOnly(now.Year, now.Month, 1).AddMonths(-back);
    }

    public static string Dhis2Period(DateOnly month) => $"{month.Year:D4}{month.Month:D2}";

    public async Task EnsureWorldAsync()
    {
        await _world.WaitAsync();
        try
        {
            if (_ready)
            {
                return;
            }
            using var admin = await ClientFor("admin");
            foreach (var id in new[] { "push-a", "push-b" })
            {
                (await admin.PutAsJsonAsync($"/api/v1/facilities/{id}", new { name = id, level = "phc", district = District, region = "push-r", openedOn = MonthsAgo(8) }))
                    .EnsureSuccessStatusCode();
            }
            using var pharmacist = await ClientFor("pharmacist", facilities: ["push-a"]);
            var reported = MonthsAgo(2);
            await pharmacist.PostAccepted("push-a", ApiSteps.StockEvent("carbamazepine-tab-200mg", "physical_count", 10,
                new DateTimeOffset(reported.AddDays(9).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero)));
            (await admin.PutAsJsonAsync("/api/v1/hmis/dhis2/mapping", new
            {
                dataSet = "pBOMPrpg1QX",
                dataElements = new object[] { new { indicator = "reporting_rate", dataElement = "ReportRate1", categoryOptionCombo = "HllvX50cXC0" } },
                orgUnits = new object[]
                {
                    new { level = "district", id = District, orgUnit = "DistrictOU1" },
                    new { level = "facility", id = "push-a", orgUnit = "FacilityOUa" },
                    new { level = "facility", id = "push-b", orgUnit = "FacilityOUb" },
                },
            })).EnsureSuccessStatusCode();
            _ready = true;
        }
        finally
        {
            _world.Release();
        }
    }

    public override async Task DisposeAsync()
    {
        Receiver.Dispose();
        await base.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class Dhis2PushCollection : ICollectionFixture<Dhis2PushGatewayFactory>
{
    public const string Name = "dhis2-push";
}
