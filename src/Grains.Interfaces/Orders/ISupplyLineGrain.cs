namespace MhSupply.Orders;

/// <summary>A facility's supply line (who supplies it), keyed by the facility id: admins set it, orders read it.</summary>
[Alias("mh.orders.ISupplyLineGrain")]
public interface ISupplyLineGrain : IGrainWithStringKey
{
    /// <summary>Sets the facility's supplier, or with null returns it to its district's warehouse; durable when it returns.</summary>
    [Alias("Set")]
    Task Set(string? supplier, string by);
}
