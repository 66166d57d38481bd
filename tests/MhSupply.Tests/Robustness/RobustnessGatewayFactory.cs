using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Robustness;

/// <summary>
/// A gateway of its own (own database) for the malformed-request corpus, which watches every write to schema mh around
/// each request (WriteLog): nothing else may write meanwhile. Jobs run only when asked (TestHostSettings), and
/// the stock projection's timer is pushed to its longest; the corpus brings the projection up to date itself after
/// every answered request, so a report's projection is never mistaken for a change made by the next request.
/// </summary>
public sealed class RobustnessGatewayFactory : GatewayFactory
{
    public RobustnessGatewayFactory()
    {
        Settings["Stock:ProjectionDelay"] = "00:05:00";
    }
}

[CollectionDefinition(Name)]
public sealed class RobustnessCollection : ICollectionFixture<RobustnessGatewayFactory>
{
    public const string Name = "robustness";
}
