using MhSupply.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MhSupply.Sms;

[GrainType("sms-reporter")]
public sealed class SmsReporterGrain(SmsInboxStore store, [FromKeyedServices(Clock.Key)] TimeProvider clock) : Grain, ISmsReporterGrain
{
    public Task Put(SmsReporter reporter) => store.PutReporterAsync(this.GetPrimaryKeyString(), reporter);

    public Task<bool> Remove(string by) => store.RemoveReporterAsync(this.GetPrimaryKeyString(), by, clock.GetUtcNow());
}
