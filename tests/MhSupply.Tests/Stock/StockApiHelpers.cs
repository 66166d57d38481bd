using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using MhSupply.Stock;
using MhSupply.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MhSupply.Tests.Stock;

/// <summary>A stock event as a client sends it (serialised camelCase, as docs/api.md "Stock" names the fields).</summary>
internal sealed record StockEventBody(
    Guid Id,
    string Medicine,
    string Type,
    int Quantity,
    DateTimeOffset OccurredAt,
    string? Reason = null,
    string? Lot = null,
    string? Expiry = null,
    string? OtherFacility = null,
    string? Note = null);

/// <summary>The HTTP and SQL steps the stock API tests share.</summary>
internal static class StockApiHelpers
{
    public const string Fluoxetine = "fluoxetine-cap-20mg";
    public const string Haloperidol = "haloperidol-tab-5mg";

    public static StockEventBody Event(string type, int quantity, DateTimeOffset at, string medicine = Fluoxetine) =>
        new(Guid.NewGuid(), medicine, type, quantity, at);

    public static Task<HttpResponseMessage> PostEvents(this HttpClient client, string facility, params object[] events) =>
        client.PostAsJsonAsync($"/api/v1/facilities/{facility}/stock-events", new { events });

    public static Task<HttpResponseMessage> PostCsv(this HttpClient client, string facility, string csv) =>
        client.PostAsync($"/api/v1/facilities/{facility}/stock-events/csv", new StringContent(csv, Encoding.UTF8, "text/csv"));

    /// <summary>The per-event results of a 200 answer.</summary>
    public static async Task<List<JsonElement>> Results(this HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
    }

    public static string? Outcome(this JsonElement result) => result.GetProperty("outcome").GetString();

    public static string? ErrorField(this JsonElement result) =>
        result.TryGetProperty("error", out var e) && e.TryGetProperty("field", out var f) ? f.GetString() : null;

    public static string? ErrorCode(this JsonElement result) =>
        result.TryGetProperty("error", out var e) && e.TryGetProperty("code", out var c) ? c.GetString() : null;

    /// <summary>The field names of a 400 problem's <c>errors</c> map.</summary>
    public static async Task<List<string>> ErrorFields(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();

    /// <summary>One medicine's item of GET .../stock (optionally ?asOf=).</summary>
    public static async Task<JsonElement> StockItem(this HttpClient client, string facility, string medicine, string? asOf = null)
    {
        var stock = await client.GetFromJsonAsync<JsonElement>($"/api/v1/facilities/{facility}/stock" + (asOf is null ? "" : $"?asOf={asOf}"));
        return stock.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("medicine").GetString() == medicine);
    }

    public static async Task<int> Soh(this HttpClient client, string facility, string medicine = Fluoxetine) =>
        (await client.StockItem(facility, medicine)).GetProperty("soh").GetInt32();

    /// <summary>The lines of GET .../card (query like "?from=...").</summary>
    public static async Task<List<JsonElement>> CardLines(this HttpClient client, string facility, string medicine = Fluoxetine, string query = "")
    {
        var card = await client.GetFromJsonAsync<JsonElement>($"/api/v1/facilities/{facility}/stock/{medicine}/card{query}");
        return card.GetProperty("items").EnumerateArray().ToList();
    }

    /// <summary>Rows in the ledger (mh.stock_event) for a facility.</summary>
    public static async Task<long> LedgerRows(this GatewayFactory gateway, string facility)
    {
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM mh.stock_event WHERE facility = @facility", new { facility });
    }

    /// <summary>The signed sum of a card's ledger rows (no counts or adjustments in the streams that use it).</summary>
    public static async Task<long> LedgerNet(this GatewayFactory gateway, string facility, string medicine)
    {
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>("""
            SELECT coalesce(sum(CASE WHEN type IN ('receipt', 'transfer_in') THEN quantity ELSE -quantity END), 0)
            FROM mh.stock_event WHERE facility = @facility AND medicine = @medicine
            """, new { facility, medicine });
    }

    /// <summary>
    /// stock_on_hand of a card's read-model row (mh.stock_card), null when there is none; read as every reader of the
    /// read model does, after the facilities with unprojected reports have projected.
    /// </summary>
    public static async Task<int?> ReadModelSoh(this GatewayFactory gateway, string facility, string medicine)
    {
        await gateway.Services.GetRequiredService<StockProjectionCatchUp>().CatchUpAllAsync();
        await using var connection = await gateway.Database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int?>("SELECT soh FROM mh.stock_card WHERE facility = @facility AND medicine = @medicine",
            new { facility, medicine });
    }

    /// <summary>A time in the past, relative to the application's clock.</summary>
    public static DateTimeOffset HoursAgo(this GatewayFactory gateway, double hours) => gateway.Clock.GetUtcNow().AddHours(-hours);

    public static string Today(this GatewayFactory gateway) => gateway.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd");
}
