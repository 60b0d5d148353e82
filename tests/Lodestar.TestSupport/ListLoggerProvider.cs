using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Lodestar.TestSupport;

/// <summary>Keeps every log entry in memory and tells each one to <see cref="OnLog"/>, so tests can wait for what is logged.</summary>
public sealed class ListLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    /// <summary>Gets the entries so far, in the order they were logged.</summary>
    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    /// <summary>Told of every entry, synchronously, after it is recorded.</summary>
    public Action<LogEntry>? OnLog { get; set; }

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, this);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <summary>One log entry, with its formatted message.</summary>
    /// <param name="Category">The logger's category.</param>
    /// <param name="Level">The level.</param>
    /// <param name="EventId">The event id and name.</param>
    /// <param name="Message">The formatted message.</param>
    /// <param name="Exception">The exception logged with it, if any.</param>
    public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception);

    private sealed class ListLogger(string category, ListLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var entry = new LogEntry(category, logLevel, eventId, formatter(state, exception), exception);
            owner._entries.Enqueue(entry);
            owner.OnLog?.Invoke(entry);
        }
    }
}
