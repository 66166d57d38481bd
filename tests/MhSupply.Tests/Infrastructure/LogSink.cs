using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MhSupply.Tests.Infrastructure;

/// <summary>Keeps what a host logs (level, category, message and exception text) for assertions on the log itself.</summary>
public sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, string Category, string Text)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                sink.Entries.Enqueue((logLevel, category, formatter(state, exception) + (exception is null ? "" : Environment.NewLine + exception)));
            }
        }
    }
}
