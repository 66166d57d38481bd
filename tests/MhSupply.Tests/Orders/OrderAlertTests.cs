using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Orders.OrderWorld;
using static MhSupply.Tests.Stock.StockApiHelpers;

namespace MhSupply.Tests.Orders;

/// <summary>
/// order_not_approved and shipment_not_received (issue 18, item 1) through the alert machinery: each step's deadline in the
/// due-index, raised by the scan once the configured delay (Alerts:OrderApprovalDelay 3 days, ShipmentReceiptDelay 7 days)
/// has passed, resolved by the step that ends the wait. The steps are dated in the past rather than moving the clock.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OrderAlertTests(GatewayFactory gateway)
{
    private DateTimeOffset DaysAgo(double days) => gateway.Clock.GetUtcNow().AddDays(-days);

    /// <summary>The order's alerts of a kind, whatever their status (the list holds every status when none is asked for).</summary>
    private async Task<List<JsonElement>> Alerts(string kind, Guid order, string district) =>
        [.. (await gateway.AdminAlerts($"?kind={kind}&district={district}&pageSize=500")).Where(a => a.GetProperty("subject").GetString() == order.ToString())];

    [Fact]
    public async Task An_order_waiting_longer_than_the_approval_delay_raises_an_alert_for_the_supplier_that_approval_resolves()
    {
        using var w = await Create(gateway, "ord-alert-a");
        var early = Guid.NewGuid();
        var recent = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await w.Head.PostAsJsonAsync("/api/v1/orders", new
        {
            id = early, facility = w.Clinic, at = DaysAgo(4), lines = new[] { new { medicine = Fluoxetine, quantity = 60 } },
        })).StatusCode);
        await Step(w.Head, early, "submit", new { at = DaysAgo(3).AddMinutes(-5) });
        await w.Draft(recent, 30);
        await Step(w.Head, recent, "submit");

        await gateway.RunAlertScan();

        var alert = Assert.Single(await Alerts("order_not_approved", early, w.District));
        Assert.Equal(("open", w.Warehouse, w.District), (alert.GetProperty("status").GetString(), alert.GetProperty("facility").GetString(),
            alert.GetProperty("district").GetString()));
        Assert.Equal($"The order of {w.Clinic} to {w.Warehouse}, submitted {MhSupply.Alerts.AlertMessages.Day(DateOnly.FromDateTime(DaysAgo(3).AddMinutes(-5).UtcDateTime))}, has waited 3 days for approval (1 medicines). The district manager or the head of {w.Warehouse} should approve or reject it.",
            alert.GetProperty("message").GetString());
        Assert.Empty(await Alerts("order_not_approved", recent, w.District)); // submitted just now: 3 days to go

        await Step(w.Manager, early, "approve");
        Assert.Equal("resolved", Assert.Single(await Alerts("order_not_approved", early, w.District)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_shipment_not_received_within_its_delay_raises_an_alert_for_the_clinic_that_receiving_resolves()
    {
        using var w = await Create(gateway, "ord-alert-s");
        var id = Guid.NewGuid();
        (await w.Store.PostEvents(w.Warehouse, Event("receipt", 100, DaysAgo(12)))).EnsureSuccessStatusCode();
        await w.Head.PostAsJsonAsync("/api/v1/orders", new { id, facility = w.Clinic, at = DaysAgo(10), lines = new[] { new { medicine = Fluoxetine, quantity = 40 } } });
        await Step(w.Head, id, "submit", new { at = DaysAgo(9.5) });
        await Step(w.StoreHead, id, "approve", new { at = DaysAgo(9) });
        var shipped = await Step(w.Store, id, "ship", new { at = DaysAgo(8), lines = new[] { new { medicine = Fluoxetine, quantity = 40 } } });
        Assert.True(shipped.IsSuccessStatusCode, await shipped.Content.ReadAsStringAsync());

        await gateway.RunAlertScan();

        Assert.Empty(await Alerts("order_not_approved", id, w.District)); // approved within its 3 days
        var alert = Assert.Single(await Alerts("shipment_not_received", id, w.District));
        Assert.Equal(("open", w.Clinic), (alert.GetProperty("status").GetString(), alert.GetProperty("facility").GetString()));
        Assert.Contains("The shipment of 40 units from", alert.GetProperty("message").GetString());
        Assert.Contains("has not been received after 7 days", alert.GetProperty("message").GetString());

        Assert.Equal(HttpStatusCode.OK, (await Step(w.Pharmacist, id, "receive")).StatusCode);
        Assert.Equal("resolved", Assert.Single(await Alerts("shipment_not_received", id, w.District)).GetProperty("status").GetString());
        Assert.Equal(40, await w.Pharmacist.Soh(w.Clinic));
    }
}
