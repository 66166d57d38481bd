using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MhSupply.Orders;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Orders.OrderWorld;
using static MhSupply.Tests.Stock.StockApiHelpers;

namespace MhSupply.Tests.Orders;

/// <summary>
/// POST /api/v1/orders and its steps (issue 18, item 1), against the gateway, a silo and PostgreSQL: an order from draft to
/// received moves stock from the warehouse's card to the clinic's exactly once, however often a step is retried.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OrderApiTests(GatewayFactory gateway)
{
    [Fact]
    public async Task An_order_goes_from_draft_to_received_and_both_cards_show_it_once_even_when_steps_are_retried()
    {
        using var w = await Create(gateway, "ord-flow");
        var id = Guid.NewGuid();

        var drafted = await w.Draft(id, 120);
        Assert.Equal(HttpStatusCode.Created, drafted.StatusCode);
        var draft = await drafted.Body();
        Assert.Equal(("draft", w.Warehouse, 120), (draft.Status(), draft.GetProperty("supplier").GetString(), draft.Line().Figure("requested")));
        Assert.Equal(["cancel", "submit"], draft.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()).Order());
        Assert.Equal(HttpStatusCode.OK, (await w.Draft(id, 120)).StatusCode); // the same draft again: recognised

        Assert.Equal("submitted", (await (await Step(w.Head, id, "submit")).Body()).Status());
        var approved = await (await Step(w.Manager, id, "approve", new { lines = new[] { new { medicine = Fluoxetine, quantity = 100 } } })).Body();
        Assert.Equal(("approved", 120, 100), (approved.Status(), approved.Line().Figure("requested"), approved.Line().Figure("approved")));

        Assert.Equal((100, 0), await Coming(w));

        var ship = new { lines = new[] { new { medicine = Fluoxetine, quantity = 100, lot = "WH-1", expiry = "2028-01-31" } } };
        var shipped = await Step(w.Store, id, "ship", ship);
        Assert.True(shipped.IsSuccessStatusCode, await shipped.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Step(w.Store, id, "ship", ship)).StatusCode);
        Assert.Equal(400, await w.Store.Soh(w.Warehouse));
        Assert.Equal(2, await gateway.LedgerRows(w.Warehouse)); // the receipt and one transfer out
        Assert.Equal((0, 100), await Coming(w));

        // 90 arrive: the clinic's card takes what arrived, in the shipped lot and its expiry; the 10 missing are kept.
        var receive = new { lines = new[] { new { medicine = Fluoxetine, quantity = 90, lot = "WH-1" } } };
        var received = await (await Step(w.Pharmacist, id, "receive", receive)).Body();
        Assert.Equal(HttpStatusCode.OK, (await Step(w.Pharmacist, id, "receive", receive)).StatusCode);
        Assert.Equal("received", received.Status());
        Assert.Equal((100, 90), (received.Line().Figure("shipped"), received.Line().Figure("received")));
        var discrepancy = received.GetProperty("discrepancies").EnumerateArray().Single();
        Assert.Equal(-10, discrepancy.GetProperty("difference").GetInt32());
        Assert.Contains("10 missing", discrepancy.GetProperty("message").GetString());
        Assert.Equal(90, await w.Pharmacist.Soh(w.Clinic));
        Assert.Equal((0, 0), await Coming(w));
        Assert.Equal(1, await gateway.LedgerRows(w.Clinic));
        var line = (await w.Pharmacist.CardLines(w.Clinic)).Single();
        Assert.Equal(("transfer_in", w.Warehouse), (line.GetProperty("type").GetString(), line.GetProperty("otherFacility").GetString()));
        var lot = (await w.Pharmacist.StockItem(w.Clinic, Fluoxetine)).GetProperty("lots").EnumerateArray().Single();
        Assert.Equal(("WH-1", "2028-01-31"), (lot.GetProperty("lot").GetString(), lot.GetProperty("expiry").GetString()));
        var outLine = (await w.Store.CardLines(w.Warehouse)).Last();
        Assert.Equal(("transfer_out", w.Clinic, 100), (outLine.GetProperty("type").GetString(), outLine.GetProperty("otherFacility").GetString(),
            outLine.GetProperty("quantity").GetInt32()));

        var history = received.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("status").GetString()).ToList();
        Assert.Equal(["draft", "submitted", "approved", "shipped", "received"], history);
        Assert.Equal(5, await StepRows(id));
    }

    [Fact]
    public async Task A_retried_ship_after_a_crash_between_the_card_and_the_order_records_the_transfer_once()
    {
        using var w = await Create(gateway, "ord-crash");
        var id = Guid.NewGuid();
        await w.Draft(id, 50);
        await Step(w.Head, id, "submit");
        await Step(w.StoreHead, id, "approve");
        var at = gateway.Clock.GetUtcNow();
        var shipment = new[] { new OrderShipmentLine(Fluoxetine, 50, "WH-1", new DateOnly(2028, 1, 31)) };
        // What the first attempt wrote before its process died: the card's transfer, not yet the order's step.
        var order = new OrderState(id, 3, w.Clinic, w.Warehouse, w.District, "approved", at, false, null, [], [], [], [], []);
        var events = OrderTransfers.Out(order, shipment, at)
            .Select(e => new { id = e.Id, medicine = e.Medicine, type = e.Type, quantity = e.Quantity, occurredAt = e.OccurredAt, lot = e.Lot,
                expiry = "2028-01-31", otherFacility = e.OtherFacility, note = e.Note });
        Assert.Equal(["accepted"], (await (await w.Store.PostEvents(w.Warehouse, [.. events])).Results()).Select(r => r.Outcome()));

        var retried = await Step(w.Store, id, "ship", new { at, lines = new[] { new { medicine = Fluoxetine, quantity = 50, lot = "WH-1", expiry = "2028-01-31" } } });

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("shipped", (await retried.Body()).Status());
        Assert.Equal(450, await w.Store.Soh(w.Warehouse));
        Assert.Equal(2, await gateway.LedgerRows(w.Warehouse));
    }

    [Fact]
    public async Task A_shipment_the_warehouse_cannot_cover_is_refused_whole_and_changes_nothing()
    {
        using var w = await Create(gateway, "ord-short", warehouseStock: 30);
        var id = Guid.NewGuid();
        await w.Draft(id, 50);
        await Step(w.Head, id, "submit");
        await Step(w.Manager, id, "approve");

        var refused = await Step(w.Store, id, "ship", new { lines = new[] { new { medicine = Fluoxetine, quantity = 50, lot = "WH-1" } } });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problem = await refused.Body();
        Assert.Equal(["lines[0].quantity"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal("approved", (await (await w.Head.GetAsync($"/api/v1/orders/{id}")).Body()).Status());
        Assert.Equal(30, await w.Store.Soh(w.Warehouse));
        Assert.Equal(1, await gateway.LedgerRows(w.Warehouse));
    }

    [Fact]
    public async Task Each_step_is_for_its_capacity_and_a_step_out_of_order_is_a_409_naming_the_state()
    {
        using var w = await Create(gateway, "ord-roles");
        await gateway.RegisterFacility("ord-roles-other", "ord-roles-d2");
        using var outsider = await gateway.ClientFor("facility_head", facilities: ["ord-roles-other"]);
        using var clinician = await gateway.ClientFor("clinician", facilities: [w.Clinic]);
        var id = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.Forbidden, (await w.Draft(id, 10, by: w.Pharmacist)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await w.Draft(id, 10)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await clinician.GetAsync($"/api/v1/orders/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Step(w.Pharmacist, id, "submit")).StatusCode);

        var early = await Step(w.Manager, id, "approve");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal("draft", (await early.Body()).GetProperty("status").GetString());

        await Step(w.Head, id, "submit");
        Assert.Equal(HttpStatusCode.Forbidden, (await Step(w.Head, id, "approve")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Step(w.Store, id, "approve")).StatusCode);
        var noReason = await Step(w.StoreHead, id, "reject");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(["reason"], await noReason.ErrorFields());
        Assert.Equal("rejected", (await (await Step(w.StoreHead, id, "reject", new { reason = "Order from the regional store this month" })).Body()).Status());

        var late = await Step(w.Head, id, "cancel", new { reason = "no longer needed" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("rejected", (await late.Body()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await w.Draft(id, 12)).StatusCode); // a closed order's lines stay as they were

        var mine = await w.Head.GetFromJsonAsync<JsonElement>($"/api/v1/orders?facility={w.Clinic}");
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), o => o.GetProperty("id").GetGuid() == id);
        var theirs = await outsider.GetFromJsonAsync<JsonElement>($"/api/v1/orders?facility={w.Clinic}");
        Assert.Empty(theirs.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_order_for_a_card_below_its_emergency_point_is_an_emergency_even_when_not_flagged()
    {
        using var w = await Create(gateway, "ord-emerg");
        (await w.Pharmacist.PostEvents(w.Clinic, Event("receipt", 10, gateway.HoursAgo(8)), Event("issue", 10, gateway.HoursAgo(4)))).EnsureSuccessStatusCode();

        var order = await (await w.Draft(Guid.NewGuid(), 60)).Body();
        var haloperidol = await (await w.Head.PostAsJsonAsync("/api/v1/orders", new
        {
            id = Guid.NewGuid(), facility = w.Clinic, lines = new[] { new { medicine = Haloperidol, quantity = 60 } },
        })).Body();

        Assert.True(order.GetProperty("emergency").GetBoolean());
        Assert.False(haloperidol.GetProperty("emergency").GetBoolean());
    }

    [Theory]
    [InlineData("""{ "facility": "ord-bad-phc", "lines": [ { "medicine": "fluoxetine-cap-20mg", "quantity": 5 } ] }""", "id")]
    [InlineData("""{ "id": "3f7c1a2e-9b4d-4e8f-a1c2-5d6e7f8a9b0c", "lines": [ { "medicine": "fluoxetine-cap-20mg", "quantity": 5 } ] }""", "facility")]
    [InlineData("""{ "id": "3f7c1a2e-9b4d-4e8f-a1c2-5d6e7f8a9b0c", "facility": "nowhere", "lines": [ { "medicine": "fluoxetine-cap-20mg", "quantity": 5 } ] }""", "facility")]
    [InlineData("""{ "id": "3f7c1a2e-9b4d-4e8f-a1c2-5d6e7f8a9b0c", "facility": "ord-bad-phc", "lines": [] }""", "lines")]
    [InlineData("""{ "id": "3f7c1a2e-9b4d-4e8f-a1c2-5d6e7f8a9b0c", "facility": "ord-bad-phc", "lines": [ { "medicine": "fluoxetine-cap-20mg", "quantity": 0 } ] }""", "lines[0].quantity")]
    [InlineData("""{ "id": "3f7c1a2e-9b4d-4e8f-a1c2-5d6e7f8a9b0c", "facility": "ord-bad-phc", "lines": [ { "medicine": "aspirin", "quantity": 5 } ] }""", "lines[0].medicine")]
    [InlineData("""{ "id": "3f7c1a2e-9b4d-4e8f-a1c2-5d6e7f8a9b0c", "facility": "ord-bad-phc", "lines": [ { "medicine": "fluoxetine-cap-20mg", "quantity": 5 }, { "medicine": "Fluoxetine 20 mg", "quantity": 5 } ] }""", "lines[1].medicine")]
    [InlineData("""{ "id": "3f7c1a2e-9b4d-4e8f-a1c2-5d6e7f8a9b0c", "facility": "ord-bad-phc", "emergency": "yes", "lines": [ { "medicine": "fluoxetine-cap-20mg", "quantity": 5 } ] }""", "emergency")]
    [InlineData("""{ "id": "3f7c1a2e-9b4d-4e8f-a1c2-5d6e7f8a9b0c", "facility": "ord-bad-phc", "at": "yesterday", "lines": [ { "medicine": "fluoxetine-cap-20mg", "quantity": 5 } ] }""", "at")]
    [InlineData("""{ "id": "3f7c1a2e-9b4d-4e8f-a1c2-5d6e7f8a9b0c", "facility": "ord-bad-phc", "supplier": "ord-bad-phc", "lines": [ { "medicine": "fluoxetine-cap-20mg", "quantity": 5 } ] }""", "supplier")]
    [InlineData("""[ 1 ]""", "body")]
    public async Task A_draft_that_cannot_be_read_is_a_400_naming_the_field_and_stores_nothing(string json, string field)
    {
        await gateway.RegisterFacility("ord-bad-wh", "ord-bad-d", "warehouse");
        await gateway.RegisterFacility("ord-bad-phc", "ord-bad-d");
        using var head = await gateway.ClientFor("facility_head", facilities: ["ord-bad-phc"]);

        var response = await head.PostAsync("/api/v1/orders", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ErrorFields());
        Assert.Equal(0, await StepRows(Guid.Parse("3f7c1a2e-9b4d-4e8f-a1c2-5d6e7f8a9b0c")));
    }

    [Fact]
    public async Task A_shipment_of_more_than_approved_or_of_a_medicine_not_approved_is_a_400_naming_the_line()
    {
        using var w = await Create(gateway, "ord-over");
        var id = Guid.NewGuid();
        await w.Draft(id, 40);
        await Step(w.Head, id, "submit");
        await Step(w.Manager, id, "approve", new { lines = new[] { new { medicine = Fluoxetine, quantity = 30 } } });

        var over = await Step(w.Store, id, "ship", new
        {
            lines = new object[] { new { medicine = Fluoxetine, quantity = 20, lot = "WH-1" }, new { medicine = Fluoxetine, quantity = 20, lot = "WH-2" } },
        });
        var other = await Step(w.Store, id, "ship", new { lines = new[] { new { medicine = Haloperidol, quantity = 5 } } });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (over.StatusCode, other.StatusCode));
        var errors = (await over.Body()).GetProperty("errors");
        Assert.Equal(["lines[1].quantity"], errors.EnumerateObject().Select(e => e.Name));
        Assert.Contains("40 shipped but 30 approved", errors.GetProperty("lines[1].quantity")[0].GetString());
        Assert.Equal(["lines[0].medicine"], await other.ErrorFields());
        Assert.Equal(1, await gateway.LedgerRows(w.Warehouse));
    }

    [Fact]
    public async Task A_supply_line_set_by_an_admin_names_the_supplier_and_without_one_the_district_warehouse_does()
    {
        using var w = await Create(gateway, "ord-line", warehouseStock: 0);
        var regional = await gateway.RegisterFacility("ord-line-regional", "ord-line-r", "warehouse");
        var alone = await gateway.RegisterFacility("ord-line-alone", "ord-line-empty");
        using var admin = await gateway.ClientFor("admin");
        using var lonelyHead = await gateway.ClientFor("facility_head", facilities: [alone]);

        Assert.Equal(HttpStatusCode.Forbidden, (await w.Head.PutAsJsonAsync($"/api/v1/supply-lines/{w.Clinic}", new { supplier = regional })).StatusCode);
        var unknown = await admin.PutAsJsonAsync($"/api/v1/supply-lines/{w.Clinic}", new { supplier = "nowhere" });
        Assert.Equal(["supplier"], await unknown.ErrorFields());
        var set = await (await admin.PutAsJsonAsync($"/api/v1/supply-lines/{w.Clinic}", new { supplier = regional })).Body();
        Assert.Equal((regional, true), (set.GetProperty("supplier").GetString(), set.GetProperty("configured").GetBoolean()));

        var viaLine = await (await w.Draft(Guid.NewGuid(), 10)).Body();
        Assert.Equal(regional, viaLine.GetProperty("supplier").GetString());
        (await admin.PutAsJsonAsync($"/api/v1/supply-lines/{w.Clinic}", new { supplier = (string?)null })).EnsureSuccessStatusCode();
        Assert.Equal(w.Warehouse, (await (await w.Draft(Guid.NewGuid(), 10)).Body()).GetProperty("supplier").GetString());

        // No warehouse in its district and no supply line: the head is told whom to ask, and nothing is stored.
        var none = await lonelyHead.PostAsJsonAsync("/api/v1/orders", new { id = Guid.NewGuid(), facility = alone, lines = new[] { new { medicine = Fluoxetine, quantity = 5 } } });
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("Ask an administrator to set its supply line", (await none.Body()).GetProperty("errors").GetProperty("supplier")[0].GetString());
    }

    [Fact]
    public async Task A_redistribution_suggestion_becomes_an_approved_transfer_order_in_one_action_and_moves_the_stock_once()
    {
        using var w = await Create(gateway, "ord-redis", warehouseStock: 0);
        var source = await gateway.RegisterFacility("ord-redis-src", w.District);
        var far = await gateway.RegisterFacility("ord-redis-far", "ord-redis-other");
        using var sourcePharmacist = await gateway.ClientFor("pharmacist", facilities: [source]);
        (await sourcePharmacist.PostEvents(source, Event("receipt", 200, gateway.HoursAgo(5)))).EnsureSuccessStatusCode();
        var id = Guid.NewGuid();
        var move = new { id, medicine = Fluoxetine, from = source, to = w.Clinic, quantity = 50, note = "Camp clinic stocked out" };

        Assert.Equal(HttpStatusCode.Forbidden, (await w.Head.PostAsJsonAsync("/api/v1/stock/redistribution/orders", move)).StatusCode);
        var elsewhere = await w.Manager.PostAsJsonAsync("/api/v1/stock/redistribution/orders", move with { to = far });
        Assert.Equal(["to"], await elsewhere.ErrorFields());
        var created = await w.Manager.PostAsJsonAsync("/api/v1/stock/redistribution/orders", move);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await w.Manager.PostAsJsonAsync("/api/v1/stock/redistribution/orders", move)).StatusCode);
        var order = await created.Body();
        Assert.Equal(("approved", source, 50), (order.Status(), order.GetProperty("supplier").GetString(), order.Line().Figure("approved")));
        Assert.Equal((50, 0), await Coming(w));

        Assert.Equal(HttpStatusCode.OK, (await Step(sourcePharmacist, id, "ship", new { lines = new[] { new { medicine = Fluoxetine, quantity = 50 } } })).StatusCode);
        Assert.Equal("received", (await (await Step(w.Pharmacist, id, "receive")).Body()).Status());
        Assert.Equal((150, 50), (await sourcePharmacist.Soh(source), await w.Pharmacist.Soh(w.Clinic)));
        Assert.Equal((2, 1), (await gateway.LedgerRows(source), await gateway.LedgerRows(w.Clinic)));
    }

    [Fact]
    public async Task A_redistribution_that_would_take_the_source_below_its_minimum_is_refused_with_what_it_can_give()
    {
        using var w = await Create(gateway, "ord-redmin", warehouseStock: 0);
        var source = await gateway.RegisterFacility("ord-redmin-src", w.District);
        var empty = await gateway.RegisterFacility("ord-redmin-empty", w.District);
        using var sourcePharmacist = await gateway.ClientFor("pharmacist", facilities: [source]);
        // 300 received four months ago, 30 dispensed in each of the last three complete months: AMC 30, 210 on hand. A
        // primary care minimum of 1 month keeps 30, so 180 can go.
        var now = gateway.Clock.GetUtcNow();
        var month = new DateTimeOffset(now.Year, now.Month, 1, 12, 0, 0, TimeSpan.Zero);
        (await sourcePharmacist.PostEvents(source, Event("receipt", 300, month.AddMonths(-4).AddDays(4)), Event("issue", 30, month.AddMonths(-3).AddDays(9)),
            Event("issue", 30, month.AddMonths(-2).AddDays(9)), Event("issue", 30, month.AddMonths(-1).AddDays(9)))).EnsureSuccessStatusCode();
        var id = Guid.NewGuid();
        var move = new { id, medicine = Fluoxetine, from = source, to = w.Clinic, quantity = 200 };

        var beyond = await w.Manager.PostAsJsonAsync("/api/v1/stock/redistribution/orders", move);
        Assert.Equal(HttpStatusCode.Conflict, beyond.StatusCode);
        var problem = await beyond.Body();
        Assert.Equal(("quantity", 180), (problem.GetProperty("field").GetString(), problem.GetProperty("givable").GetInt32()));
        Assert.Contains("can give at most 180 of Fluoxetine", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Contains("keep its minimum of 30 (210 on hand)", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Manager.GetAsync($"/api/v1/orders/{id}")).StatusCode);

        // A facility with nothing to spare is told so; 150 from the source is made, and its retry after the shipment
        // (the source now holds 60, less than it would need to give 150 again) is still the order, not a refusal.
        var none = await w.Manager.PostAsJsonAsync("/api/v1/stock/redistribution/orders", move with { id = Guid.NewGuid(), from = empty, quantity = 5 });
        Assert.Equal(HttpStatusCode.Conflict, none.StatusCode);
        var nothing = (await none.Body()).GetProperty("title").GetString();
        Assert.StartsWith($"{empty} has no Fluoxetine", nothing, StringComparison.Ordinal);
        Assert.Contains("to spare today (0 on hand, 0 kept as its minimum)", nothing, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, (await w.Manager.PostAsJsonAsync("/api/v1/stock/redistribution/orders", move with { quantity = 150 })).StatusCode);
        // Approved and not shipped, the 150 are promised: another movement from the same stock may take only the 30 left
        // above the minimum.
        var twice = await w.Manager.PostAsJsonAsync("/api/v1/stock/redistribution/orders", move with { id = Guid.NewGuid(), quantity = 40 });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("of the 210 it holds, 150 are promised to other orders and 30 are its minimum. Move 30 or fewer.",
            (await twice.Body()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await Step(sourcePharmacist, id, "ship", new { lines = new[] { new { medicine = Fluoxetine, quantity = 150 } } })).StatusCode);
        Assert.Equal(60, await sourcePharmacist.Soh(source));
        Assert.Equal(HttpStatusCode.OK, (await w.Manager.PostAsJsonAsync("/api/v1/stock/redistribution/orders", move with { quantity = 150 })).StatusCode);
    }

    [Fact]
    public async Task A_step_dated_before_the_last_one_or_in_the_future_is_refused_on_at_and_changes_nothing()
    {
        using var w = await Create(gateway, "ord-when");
        var id = Guid.NewGuid();
        (await w.Draft(id, 10)).EnsureSuccessStatusCode();
        var now = gateway.Clock.GetUtcNow();

        var early = await Step(w.Head, id, "submit", new { at = now.AddDays(-1) });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Equal(["at"], await early.ErrorFields());
        Assert.Contains("before the order's last step", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var late = await Step(w.Head, id, "submit", new { at = now.AddHours(1) });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(["at"], await late.ErrorFields());
        Assert.Equal("draft", (await (await w.Head.GetAsync($"/api/v1/orders/{id}")).Body()).Status());
        Assert.Equal(1, await StepRows(id));

        // Within the clocks' slack is now, not the future; a redistribution dated tomorrow is refused the same way.
        Assert.Equal("submitted", (await (await Step(w.Head, id, "submit", new { at = now.AddMinutes(2) })).Body()).Status());
        var source = await gateway.RegisterFacility("ord-when-src", w.District);
        using var sourcePharmacist = await gateway.ClientFor("pharmacist", facilities: [source]);
        (await sourcePharmacist.PostEvents(source, Event("receipt", 50, gateway.HoursAgo(2)))).EnsureSuccessStatusCode();
        var tomorrow = await w.Manager.PostAsJsonAsync("/api/v1/stock/redistribution/orders",
            new { id = Guid.NewGuid(), medicine = Fluoxetine, from = source, to = w.Clinic, quantity = 5, at = now.AddDays(1) });
        Assert.Equal(HttpStatusCode.BadRequest, tomorrow.StatusCode);
        Assert.Equal(["at"], await tomorrow.ErrorFields());
    }

    /// <summary>The clinic's fluoxetine item: (onOrder, inTransit).</summary>
    private static async Task<(int, int)> Coming(OrderWorld w)
    {
        var item = await w.Head.StockItem(w.Clinic, Fluoxetine);
        return (item.GetProperty("onOrder").GetInt32(), item.GetProperty("inTransit").GetInt32());
    }

    private async Task<long> StepRows(Guid id)
    {
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM mh.stock_order_step WHERE order_id = @id";
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
