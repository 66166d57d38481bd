using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;

namespace MhSupply.WebTests.Infrastructure;

/// <summary>
/// Counts the bytes the gateway writes to its TCP connections: what a browser receives over the wire (HTTP headers plus
/// bodies as sent, so compressed where the server compressed), including a service worker's fetches, which page-level
/// browser instrumentation does not see. A Kestrel connection middleware wraps each connection's output.
/// </summary>
public sealed class WireCounter
{
    private long _bytes;

    public long Bytes => Interlocked.Read(ref _bytes);

    public void Reset() => Interlocked.Exchange(ref _bytes, 0);

    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        var original = connection.Transport;
        connection.Transport = new CountingPipe(original, this);
        try
        {
            await next(connection);
        }
        finally
        {
            connection.Transport = original;
        }
    };

    private sealed class CountingPipe(IDuplexPipe inner, WireCounter counter) : IDuplexPipe
    {
        public PipeReader Input => inner.Input;

        public PipeWriter Output { get; } = new CountingWriter(inner.Output, counter);
    }

    private sealed class CountingWriter(PipeWriter inner, WireCounter counter) : PipeWriter
    {
        public override void Advance(int bytes)
        {
            Interlocked.Add(ref counter._bytes, bytes);
            inner.Advance(bytes);
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
        {
            Interlocked.Add(ref counter._bytes, source.Length);
            return inner.WriteAsync(source, cancellationToken);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;
    }
}
