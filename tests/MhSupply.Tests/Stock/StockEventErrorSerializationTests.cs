using MhSupply.Stock;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace MhSupply.Tests.Stock;

/// <summary>
/// A rejection's message parameters cross from silo to gateway (another process in a deployment): Orleans' serializer
/// must carry the numbers as numbers and the texts as texts, not only the in-process copy the test clusters make.
/// </summary>
public sealed class StockEventErrorSerializationTests
{
    [Fact]
    public void The_message_code_and_parameters_survive_the_wire()
    {
        using var services = new ServiceCollection().AddSerializer(b => b.AddAssembly(typeof(StockEventError).Assembly)).BuildServiceProvider();
        var serializer = services.GetRequiredService<Serializer>();
        var message = StockMessages.Of("only_expired_stock", ("usable", 20), ("asked", 40), ("day", new DateOnly(2026, 12, 1)), ("expired", 30),
            ("lot", "HAL5"), ("expiry", new DateOnly(2020, 1, 1)), ("type", StockEventType.Issue));
        var error = StockEventError.Of(StockEventError.OnlyExpiredStock, message, "quantity") with { Balance = -20 };

        var copy = serializer.Deserialize<StockEventError>(serializer.SerializeToArray(error))!;

        Assert.Equal((error.Code, error.Message, error.MessageCode, error.Balance), (copy.Code, copy.Message, copy.MessageCode, copy.Balance));
        Assert.Equal(error.Params, copy.Params);
        Assert.IsType<int>(copy.Params!["usable"]);
        Assert.Equal("2026-12-01", copy.Params["day"]);
        Assert.Equal("issue", copy.Params["type"]);
    }
}
