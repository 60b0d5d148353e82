using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Lodestar.Modules.Sqlite.Tests.Support;

/// <summary>Keeps every log entry in memory so tests can check what was logged.</summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>Gets or sets a callback run synchronously after each entry is kept, so a test can act at a logged point.</summary>
    public Action<EventId>? Logged { get; set; }

    public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, this);

    public void Dispose()
    {
    }

    public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

    private sealed class ListLogger(string category, ListLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            provider._entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception), exception));
            provider.Logged?.Invoke(eventId);
        }
    }
}
