using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MhSupply.Tests.Infrastructure;

namespace MhSupply.Tests.Indicators;

/// <summary>
/// A DHIS2 stand-in on 127.0.0.1: a real HTTP listener (as <see cref="WebhookReceiver"/>, which only ever answers 204 and
/// keeps two headers) that records every request with its credentials and answers an import summary counting the data
/// values it received, or what a test sets for a period. <see cref="Down"/> closes the port (connections are refused)
/// until <see cref="Up"/> listens on it again.
/// </summary>
public sealed class Dhis2PushReceiver : IDisposable
{
    private readonly Lock _lock = new();
    private HttpListener? _listener;

    public Dhis2PushReceiver()
    {
        Port = FreePort.Next();
        Up();
    }

    public int Port { get; }

    /// <summary>A DHIS2 under a context path, as many are deployed: the push must keep it.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}/dhis";

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>What to answer for a period (DHIS2's form), instead of a SUCCESS summary.</summary>
    public ConcurrentDictionary<string, Func<Received, (int Status, string Body)>> Answers { get; } = new();

    /// <summary>Requests for a period that wait, once arrived, until the test releases them (a DHIS2 slower than the timeout).</summary>
    public ConcurrentDictionary<string, (TaskCompletionSource Arrived, TaskCompletionSource Release)> Holds { get; } = new();

    public sealed record Received(string Method, string Path, string? ContentType, string? Authorization, JsonNode Body)
    {
        public string Period => Body["period"]!.GetValue<string>();

        public IReadOnlyList<JsonNode> DataValues => [.. Body["dataValues"]!.AsArray().Select(v => v!)];
    }

    /// <summary>DHIS2 2.38+: the summary wrapped in a web message.</summary>
    public static string Wrapped(string status, int imported, int updated = 0, int ignored = 0, object[]? conflicts = null) =>
        JsonSerializer.Serialize(new
        {
            httpStatus = status == "ERROR" ? "Conflict" : "OK",
            httpStatusCode = status == "ERROR" ? 409 : 200,
            status = status == "SUCCESS" ? "OK" : status,
            message = "Import was successful.",
            response = Bare(status, imported, updated, ignored, conflicts),
        });

    /// <summary>DHIS2 before 2.38: the summary itself.</summary>
    public static object Bare(string status, int imported, int updated = 0, int ignored = 0, object[]? conflicts = null) => new
    {
        responseType = "ImportSummary",
        status,
        description = "Import process completed",
        importCount = new { imported, updated, ignored, deleted = 0 },
        conflicts = conflicts ?? [],
        dataSetComplete = "false",
    };

    public IReadOnlyList<Received> For(string period) => [.. Requests.Where(r => r.Period == period)];

    public void Up()
    {
        lock (_lock)
        {
            if (_listener is not null)
            {
                return;
            }
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            listener.Start();
            _listener = listener;
            _ = Task.Run(() => Serve(listener));
        }
    }

    public void Down()
    {
        lock (_lock)
        {
            _listener?.Close();
            _listener = null;
        }
    }

    private async Task Serve(HttpListener listener)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (!listener.IsListening)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            // Each request on its own: one a test holds does not delay the others.
            _ = Task.Run(() => Answer(context));
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var received = new Received(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.ContentType,
            context.Request.Headers["Authorization"], JsonNode.Parse(text)!);
        Requests.Enqueue(received);
        if (Holds.TryGetValue(received.Period, out var hold))
        {
            hold.Arrived.TrySetResult();
            await hold.Release.Task;
        }
        var (status, body) = Answers.TryGetValue(received.Period, out var answer) ? answer(received) : (200, Wrapped("SUCCESS", received.DataValues.Count));
        var bytes = Encoding.UTF8.GetBytes(body);
        try
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = body.StartsWith('<') ? "text/html" : "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client gave up (a timeout), or the receiver went down meanwhile: nobody reads this answer.
        }
    }

    public void Dispose() => Down();
}
