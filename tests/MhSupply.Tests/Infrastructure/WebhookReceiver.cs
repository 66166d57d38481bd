using System.Collections.Concurrent;
using System.Net;

namespace MhSupply.Tests.Infrastructure;

/// <summary>A real HTTP endpoint on 127.0.0.1 that records every call; it can be down (not listening) until started.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();

    public WebhookReceiver()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hooks/alerts";

    public ConcurrentQueue<(byte[] Body, string? Signature, string? Delivery)> Calls { get; } = new();

    public void Start()
    {
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                Calls.Enqueue((body.ToArray(), context.Request.Headers["X-MhSupply-Signature"], context.Request.Headers["X-MhSupply-Delivery"]));
                context.Response.StatusCode = 204;
                context.Response.Close();
            }
        });
    }

    public void Dispose()
    {
        _stop.Cancel();
        if (_listener.IsListening)
        {
            _listener.Stop();
        }
        _listener.Close();
    }
}
