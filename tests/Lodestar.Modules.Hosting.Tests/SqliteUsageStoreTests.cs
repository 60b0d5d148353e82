using Lodestar.Modules.Sqlite;
using Lodestar.Results;
using Lodestar.Samples.UsageTracker.Contracts;
using Lodestar.Samples.UsageTracker.Modules;
using Lodestar.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lodestar.Modules.Hosting.Tests;

/// <summary>The usage-tracker sample's SQLite store, on a real store whose writes can be held up.</summary>
public sealed class SqliteUsageStoreTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private readonly string _directory = Directory.CreateTempSubdirectory("lodestar-usage-store-").FullName;
    private readonly ListLoggerProvider _logs = new();
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ServiceProvider _services = null!;
    private ISqliteStore _store = null!;
    private Task<Result> _blocker = Task.FromResult(Result.Success());

    public Task InitializeAsync()
    {
        _services = CreateServices();
        _store = _services.GetRequiredService<ISqliteStoreProvider>().GetStore("storage").Value;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _release.TrySetResult();
        await _blocker.WaitAsync(Guard);
        await _services.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    public void Dispose() => _logs.Dispose();

    [Fact]
    public async Task CloseAsync_StopTokenCancelledWhileWritesAreBlocked_ReturnsWithoutWaitingForTheDrain()
    {
        var usage = await OpenAsync();
        Assert.True((await usage.AppendAsync(Record())).IsSuccess);
        await BlockWritesAsync();

        await usage.CloseAsync(new CancellationToken(canceled: true)).AsTask().WaitAsync(Guard);

        Assert.False(_release.Task.IsCompleted);
    }

    [Fact]
    public async Task CloseAsync_StopTokenCancelledWhileWritesAreBlocked_LogsHowManyRowsArePending()
    {
        var usage = await OpenAsync();
        await BlockWritesAsync();
        Assert.True((await usage.AppendAsync(Record())).IsSuccess);
        Assert.True((await usage.AppendAsync(Record())).IsSuccess);

        await usage.CloseAsync(new CancellationToken(canceled: true)).AsTask().WaitAsync(Guard);

        // The batch writer's drain-cancelled warning (event 5024) counts the rows it goes on writing.
        var warning = Assert.Single(_logs.Entries, e => e.EventId.Id == 5024);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("usage_logs to drain; 2 row(s)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseAsync_StopTokenCancelledWhileWritesAreBlocked_RowsStillPendingAreWrittenOnceWritesResume()
    {
        var usage = await OpenAsync();
        await BlockWritesAsync();
        Assert.True((await usage.AppendAsync(Record())).IsSuccess);
        var closing = usage.CloseAsync(new CancellationToken(canceled: true)).AsTask();

        _release.TrySetResult();
        await closing.WaitAsync(Guard);
        await _services.DisposeAsync(); // the store waits for its writers to drain
        _services = CreateServices();
        var reopened = _services.GetRequiredService<ISqliteStoreProvider>().GetStore("storage").Value;

        var count = await reopened.QueryAsync("SELECT COUNT(*) FROM usage_logs;", static r => r.GetInt64(0));
        Assert.True(count.IsSuccess, count.IsFailure ? count.Error.ToString() : null);
        Assert.Equal(1, Assert.Single(count.Value));
    }

    [Fact]
    public async Task OpenAsync_DatabaseWithRealCosts_MigratesThemToExactMicroDollars()
    {
        // The schema as version 1 of the sample made it, with costs as REAL.
        var created = await _store.MigrateAsync([new SqliteMigration(1, "create-usage-logs", """
            CREATE TABLE usage_logs (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                timestamp   TEXT    NOT NULL,
                model       TEXT    NOT NULL,
                tokens_in   INTEGER NOT NULL,
                tokens_out  INTEGER NOT NULL,
                cost        REAL,
                duration_ms INTEGER NOT NULL,
                session_id  TEXT    NOT NULL);
            CREATE INDEX ix_usage_logs_timestamp ON usage_logs (timestamp);
            CREATE INDEX ix_usage_logs_model ON usage_logs (model);
            CREATE INDEX ix_usage_logs_session ON usage_logs (session_id);
            """)]);
        Assert.True(created.IsSuccess, created.IsFailure ? created.Error.ToString() : null);
        var inserted = await _store.WriteAsync(static async (work, ct) => (Result)await work.ExecuteAsync(
            """
            INSERT INTO usage_logs (timestamp, model, tokens_in, tokens_out, cost, duration_ms, session_id) VALUES
                ('2999-01-01T00:00:00.0000000+00:00', 'gpt-4o', 100, 50, 0.1, 1000, 's'),
                ('2999-01-01T00:00:00.0000000+00:00', 'gpt-4o', 100, 50, 0.2, 1000, 's'),
                ('2999-01-01T00:00:00.0000000+00:00', 'llama-3-70b', 100, 50, NULL, 1000, 's');
            """,
            cancellationToken: ct));
        Assert.True(inserted.IsSuccess, inserted.IsFailure ? inserted.Error.ToString() : null);

        var usage = await OpenAsync();
        var summary = await usage.SummarizeAsync(DateTimeOffset.MinValue);

        Assert.True(summary.IsSuccess, summary.IsFailure ? summary.Error.ToString() : null);
        Assert.Equal([("gpt-4o", 2, (decimal?)0.3m), ("llama-3-70b", 1, null)], summary.Value.Select(u => (u.Model, u.Requests, u.Cost)));
        Assert.Equal(["integer 100000", "integer 200000", "null "], await StoredCostsAsync());
    }

    [Fact]
    public async Task AppendAsync_Cost_IsStoredAsWholeMicroDollars()
    {
        var usage = await OpenAsync();
        Assert.True((await usage.AppendAsync(Record() with { Cost = 0.0001235m })).IsSuccess);

        var summary = await usage.SummarizeAsync(DateTimeOffset.MinValue); // flushes the writer

        Assert.True(summary.IsSuccess, summary.IsFailure ? summary.Error.ToString() : null);
        Assert.Equal(0.000124m, Assert.Single(summary.Value).Cost);
        Assert.Equal(["integer 124"], await StoredCostsAsync());
    }

    private async Task<IReadOnlyList<string>> StoredCostsAsync()
    {
        var costs = await _store.QueryAsync(
            "SELECT typeof(cost_micro_usd), cost_micro_usd FROM usage_logs ORDER BY id;",
            static r => r.GetString(0) + " " + (r.IsDBNull(1) ? string.Empty : r.GetInt64(1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(costs.IsSuccess, costs.IsFailure ? costs.Error.ToString() : null);
        return costs.Value;
    }

    private static UsageRecord Record() =>
        new(DateTimeOffset.UtcNow, "gpt-4o", 100, 50, 0.001m, TimeSpan.FromSeconds(1), "session-0");

    private ServiceProvider CreateServices()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(_logs));
        // A fake clock: the writer's flush timer never fires, so rows move only when a test says so.
        services.AddSingleton<TimeProvider>(new FakeTimeProvider());
        services.AddLodestarSqlite(o => o.DataDirectory = _directory);
        return services.BuildServiceProvider();
    }

    private async Task<SqliteUsageStore> OpenAsync()
    {
        var usage = new SqliteUsageStore();
        var opened = await usage.OpenAsync(_store, new StorageOptions(), CancellationToken.None);
        Assert.True(opened.IsSuccess, opened.IsFailure ? opened.Error.ToString() : null);
        return usage;
    }

    /// <summary>Holds the store's write lock in a unit of work until <see cref="_release"/> completes.</summary>
    private async Task BlockWritesAsync()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _blocker = _store.WriteAsync(async (_, _) =>
        {
            entered.TrySetResult();
            await _release.Task;
            return Result.Success();
        }).AsTask();
        await entered.Task.WaitAsync(Guard);
    }
}
