using MhSupply.Hosting;

namespace MhSupply.Tests.Foundation;

/// <summary>
/// A grain used only to prove the cluster's storage wiring: state written through the production storage
/// ("mh-store", on whichever provider the silo configures), read back after deactivation or after its silo stops.
/// </summary>
public interface IProbeGrain : IGrainWithStringKey
{
    Task Write(string value);

    Task<string?> Read();

    Task<string> HostedOn();

    /// <summary>Differs per activation: tells a read from storage by a new activation from one served from memory.</summary>
    Task<Guid> Activation();

    Task Deactivate();
}

[GenerateSerializer, Alias("mh.test.ProbeState")]
public sealed class ProbeState
{
    [Id(0)] public string? Value { get; set; }

    [Id(1)] public int Writes { get; set; }
}

public sealed class ProbeGrain(
    [PersistentState("probe", GrainStorage.Name)] IPersistentState<ProbeState> state,
    ILocalSiloDetails silo) : Grain, IProbeGrain
{
    private readonly Guid _activation = Guid.NewGuid();

    public async Task Write(string value)
    {
        state.State.Value = value;
        state.State.Writes++;
        await state.WriteStateAsync();
    }

    public Task<string?> Read() => Task.FromResult(state.State.Value);

    public Task<string> HostedOn() => Task.FromResult(silo.SiloAddress.ToString());

    public Task<Guid> Activation() => Task.FromResult(_activation);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}
