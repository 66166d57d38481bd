namespace MhSupply.Indicators;

/// <summary>An admin's push to DHIS2, run on a silo where the ledger is written; the job holds the rules.</summary>
[GrainType("dhis2-push")]
public sealed class Dhis2PushGrain(Dhis2PushJob job) : Grain, IDhis2PushGrain
{
    public Task<Dhis2PushAnswer> Push(string? period, bool force, string by) =>
        job.PushAsync(period is null ? null : IndicatorPeriod.Parse(period) ?? throw new ArgumentException($"'{period}' is not a period", nameof(period)),
            force, by, CancellationToken.None);
}
