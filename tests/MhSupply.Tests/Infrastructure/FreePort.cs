using System.Net;
using System.Net.Sockets;

namespace MhSupply.Tests.Infrastructure;

/// <summary>
/// A loopback port to listen on later (Orleans needs its ports named before it starts). Chosen at random below Linux's
/// ephemeral range (32768-60999): a port the kernel handed out as "any free port" can be handed out again at once, to
/// another test process or as the source port of an outgoing connection (to PostgreSQL, say), before we bind it.
/// </summary>
public static class FreePort
{
    private const int Low = 20000;
    private const int High = 32760;

    public static int Next()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(Low, High);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
        throw new InvalidOperationException($"no free loopback port between {Low} and {High}");
    }
}
