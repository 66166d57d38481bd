namespace MhSupply.Notifications;

/// <summary>An alert subscription (e-mail or webhook), keyed by its id.</summary>
[Alias("mh.notifications.ISubscriptionGrain")]
public interface ISubscriptionGrain : IGrainWithGuidKey
{
    /// <summary>Stores the subscription; a webhook's secret is sealed on the silo before it is written.</summary>
    [Alias("Create")]
    Task Create(NewSubscription subscription, string? secret);

    /// <summary>Stops future deliveries.</summary>
    [Alias("Deactivate")]
    Task Deactivate();
}

[GenerateSerializer, Immutable, Alias("mh.notifications.NewSubscription")]
public sealed record NewSubscription(
    [property: Id(0)] string Channel,
    [property: Id(1)] string Target,
    [property: Id(2)] string? Facility,
    [property: Id(3)] string? District,
    [property: Id(4)] string? Role,
    [property: Id(5)] string[] Kinds,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] string CreatedBy,
    [property: Id(8)] string Language = MhSupply.Alerts.AlertLanguages.Default);
