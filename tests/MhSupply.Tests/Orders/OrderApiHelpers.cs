using System.Net.Http.Json;
using System.Text.Json;
using MhSupply.Tests.Infrastructure;
using static MhSupply.Tests.Stock.StockApiHelpers;

namespace MhSupply.Tests.Orders;

/// <summary>A district with a warehouse holding fluoxetine and a clinic that orders from it, and the order steps' HTTP calls.</summary>
internal sealed record OrderWorld(string District, string Warehouse, string Clinic, HttpClient Head, HttpClient Pharmacist,
    HttpClient Store, HttpClient StoreHead, HttpClient Manager) : IDisposable
{
    public static async Task<OrderWorld> Create(GatewayFactory gateway, string name, int warehouseStock = 500)
    {
        var district = $"{name}-d";
        var warehouse = await gateway.RegisterFacility($"{name}-wh", district, "warehouse");
        var clinic = await gateway.RegisterFacility($"{name}-phc", district);
        var world = new OrderWorld(district, warehouse, clinic,
            await gateway.ClientFor("facility_head", facilities: [clinic]),
            await gateway.ClientFor("pharmacist", facilities: [clinic]),
            await gateway.ClientFor("pharmacist", facilities: [warehouse]),
            await gateway.ClientFor("facility_head", facilities: [warehouse]),
            await gateway.ClientFor("district_manager", districts: [district]));
        if (warehouseStock > 0)
        {
            (await world.Store.PostEvents(warehouse, new
            {
                id = Guid.NewGuid(), medicine = Fluoxetine, type = "receipt", quantity = warehouseStock, occurredAt = gateway.HoursAgo(10),
                lot = "WH-1", expiry = "2028-01-31",
            })).EnsureSuccessStatusCode();
        }
        return world;
    }

    public Task<HttpResponseMessage> Draft(Guid id, int quantity, bool emergency = false, HttpClient? by = null) =>
        (by ?? Head).PostAsJsonAsync("/api/v1/orders", new { id, facility = Clinic, emergency, lines = new[] { new { medicine = Fluoxetine, quantity } } });

    public static Task<HttpResponseMessage> Step(HttpClient client, Guid id, string action, object? body = null) =>
        client.PostAsJsonAsync($"/api/v1/orders/{id}/{action}", body ?? new { });

    public void Dispose()
    {
        foreach (var client in new[] { Head, Pharmacist, Store, StoreHead, Manager })
        {
            client.Dispose();
        }
    }
}

internal static class OrderJson
{
    public static async Task<JsonElement> Body(this HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    public static string Status(this JsonElement order) => order.GetProperty("status").GetString()!;

    public static JsonElement Line(this JsonElement order, string medicine = Fluoxetine) =>
        order.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("medicine").GetString() == medicine);

    public static int? Figure(this JsonElement line, string name) =>
        line.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;
}
