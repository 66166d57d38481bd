using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace MhSupply.Tests.Infrastructure;

/// <summary>
/// A TCP relay on loopback in front of the test PostgreSQL. <see cref="Stop"/> is an outage as the application sees one:
/// open connections are cut and new ones refused, until <see cref="Start"/> listens again on the same port. Other tests
/// keep using the server directly.
/// </summary>
public sealed class TcpRelay : IDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<Socket> _open = [];
    private readonly Lock _lock = new();
    private Socket? _listener;

    public TcpRelay()
    {
        var admin = new NpgsqlConnectionStringBuilder(TestDatabase.AdminConnectionString);
        _target = new IPEndPoint(IPAddress.Parse(admin.Host == "localhost" ? "127.0.0.1" : admin.Host!), admin.Port);
        Port = FreePort.Next();
        Start();
    }

    public int Port { get; }

    /// <summary>The same connection string, through the relay.</summary>
    public string Route(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = Port }.ConnectionString;

    public void Start()
    {
        lock (_lock)
        {
            if (_listener is not null)
            {
                return;
            }
            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, Port));
            listener.Listen(64);
            _listener = listener;
            _ = Task.Run(() => AcceptAsync(listener));
        }
    }

    /// <summary>Refuses new connections and cuts the open ones.</summary>
    public void Stop()
    {
        lock (_lock)
        {
            _listener?.Close();
            _listener = null;
            foreach (var socket in _open)
            {
                socket.Close();
            }
            _open.Clear();
        }
    }

    private async Task AcceptAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                return;
            }
            var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await server.ConnectAsync(_target);
            }
            catch (SocketException)
            {
                client.Close();
                server.Close();
                continue;
            }
            lock (_lock)
            {
                if (!ReferenceEquals(_listener, listener))
                {
                    client.Close();
                    server.Close();
                    return;
                }
                _open.Add(client);
                _open.Add(server);
            }
            _ = Task.Run(() => PumpAsync(client, server));
            _ = Task.Run(() => PumpAsync(server, client));
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    break;
                }
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // One side was cut: cut the other.
        }
        from.Close();
        to.Close();
    }

    public void Dispose() => Stop();
}
