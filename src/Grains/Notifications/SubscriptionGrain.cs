namespace MhSupply.Notifications;

[GrainType("subscription")]
public sealed class SubscriptionGrain(SubscriptionWriter writer) : Grain, ISubscriptionGrain
{
    public Task Create(NewSubscription subscription, string? secret) => writer.CreateAsync(this.GetPrimaryKey(), subscription, secret);

    public Task Deactivate() => writer.DeactivateAsync(this.GetPrimaryKey());
}
