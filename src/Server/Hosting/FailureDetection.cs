using Microsoft.Extensions.Configuration;
using Orleans.Configuration;

namespace MhSupply.Hosting;

/// <summary>How fast a silo that died (a SIGKILL, a lost machine) is declared dead, so its grains activate elsewhere.</summary>
public static class FailureDetection
{
    /// <summary>Any <see cref="ClusterMembershipOptions"/> property may be set here, over the defaults below.</summary>
    public const string Section = "Orleans:Membership";

    /// <summary>
    /// Orleans' defaults (5 s probes, 3 misses, 2 votes, votes valid 2 min, heartbeat every 30 s) take tens of seconds to
    /// evict a dead silo; until then every call routed to it fails or waits. Ours declare it dead in a few seconds:
    /// <list type="bullet">
    /// <item>ProbeTimeout 2 s: the first probe timeout and probe period. Orleans adapts both per silo between
    /// MinProbeTimeout (1 s) and MaxProbeTimeout (8 s) from the probes' round trips, and stretches them while this silo is
    /// itself degraded (ExtendProbeTimeoutDuringDegradation), so a busy machine gets more patience, not more suspicion. A
    /// killed process refuses connections at once: three probes fail in about three periods, ~6 s.</item>
    /// <item>NumMissedProbesLimit 3 (Orleans' own): one missed probe (a GC pause, a second without CPU on two cores shared
    /// with PostgreSQL and the gateway) never suspects a silo; three in a row do. And a connection that still carries
    /// messages suppresses the vote (EnableConnectionLivenessCheck), the guard against false positives under load.</item>
    /// <item>NumVotesForDeathDeclaration 2 (Orleans' own): with two silos the survivor's vote suffices (Orleans asks no
    /// more votes than there are other silos); from three on, two silos must agree, so one starved silo evicts nobody.</item>
    /// <item>DeathVoteExpirationTimeout 30 s: a vote counts while it is this recent. It must outlast gathering the votes
    /// (a few probe periods); shorter than the default so a blip's suspicion does not combine with a later blip's.</item>
    /// <item>IAmAliveTablePublishTimeout 10 s, TableRefreshTimeout 15 s: the heartbeat row (stale after 3 × 10 s, e.g.
    /// the last silo of a cluster died) and the re-read of the table when gossip was missed; a row write per silo per
    /// 10 s and a read per 15 s cost PostgreSQL nothing.</item>
    /// </list>
    /// Measured with bench/failover.sh (bench/README.md): a silo SIGKILLed under load was declared dead 2.4-2.6 s later.
    /// </summary>
    public static ISiloBuilder AddMhSupplyFailureDetection(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(2);
            o.NumMissedProbesLimit = 3;
            o.NumVotesForDeathDeclaration = 2;
            o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(30);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            o.TableRefreshTimeout = TimeSpan.FromSeconds(15);
            configuration.GetSection(Section).Bind(o);
        });
        return silo;
    }
}
