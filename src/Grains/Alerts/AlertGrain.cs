using MhSupply.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MhSupply.Alerts;

[GrainType("alert")]
public sealed class AlertGrain(AlertAcknowledgements acknowledgements, [FromKeyedServices(Clock.Key)] TimeProvider clock) : Grain, IAlertGrain
{
    public Task<bool> Acknowledge(string actor, string? note) =>
        acknowledgements.AcknowledgeAsync(this.GetPrimaryKey(), actor, note, clock.GetUtcNow());
}
