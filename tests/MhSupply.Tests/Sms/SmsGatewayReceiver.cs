using System.Collections.Concurrent;
using System.Net;
using System.Text;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Sms;

/// <summary>
/// A real HTTP SMS gateway on 127.0.0.1: records every POST (content type, authorization, delivery id, body) and answers
/// what <see cref="Answer"/> decides for it (200 by default), so a test can make it fail, refuse or take a message.
/// </summary>
public sealed class SmsGatewayReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();

    public sealed record Call(string ContentType, string? Authorization, string? Delivery, string Body, int Status);

    public SmsGatewayReceiver()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(Serve);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/api/v2/broadcasts.json";

    /// <summary>The status to answer a message with (its body as received); 200 unless a test says otherwise.</summary>
    public Func<string, int> Answer { get; set; } = _ => 200;

    public ConcurrentQueue<Call> Calls { get; } = new();

    private async Task Serve()
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
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var status = Answer(body);
            Calls.Enqueue(new Call(context.Request.ContentType ?? "", context.Request.Headers["Authorization"],
                context.Request.Headers["X-MhSupply-Delivery"], body, status));
            context.Response.StatusCode = status;
            var answer = Encoding.UTF8.GetBytes(status < 400 ? "{\"id\":1}" : "{\"error\":\"invalid number\"}");
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _listener.Close();
    }
}
