using System.Diagnostics.CodeAnalysis;
using Lodestar.Modules.Sqlite.Tests.Support;
using Lodestar.Results;

namespace Lodestar.Modules.Sqlite.Tests.Writing;

[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes the host through IAsyncLifetime.DisposeAsync.")]
public sealed class BatchWriterTests : IAsyncLifetime
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LongInterval = TimeSpan.FromHours(1);
    private readonly SqliteTestHost _host = new();
    private ISqliteStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = _host.GetStore();

        // 'poison' is rejected by SQLite (RAISE is SQLITE_CONSTRAINT): a bad row. The switch makes
        // every insert fail with SQLITE_ERROR (malformed JSON), which, like busy or I/O errors, is
        // not a row's fault: the writer retries it.
        SqliteTestHost.AssertSuccess(await _store.MigrateAsync(
        [
            new SqliteMigration(1, "items", "CREATE TABLE items (id INTEGER PRIMARY KEY, value TEXT NOT NULL);"),
            new SqliteMigration(2, "failure-switch", """
                CREATE TABLE failure_switch (fail_all INTEGER NOT NULL);
                INSERT INTO failure_switch VALUES (0);
                CREATE TRIGGER items_reject BEFORE INSERT ON items
                WHEN NEW.value = 'poison'
                BEGIN SELECT RAISE(ABORT, 'injected failure'); END;
                CREATE TRIGGER items_fail_all BEFORE INSERT ON items
                WHEN (SELECT fail_all FROM failure_switch) = 1
                BEGIN SELECT json('injected failure ' || NEW.value); END;
                """),
        ]));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task WriteAsync_BatchFills_CommitsItInOneBatch()
    {
        var committed = new TaskCompletionSource<string[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var writer = await CreateAsync(batchSize: 3, committed: batch => committed.TrySetResult([.. batch]));

        foreach (var value in new[] { "a", "b", "c" })
        {
            SqliteTestHost.AssertSuccess(await writer.WriteAsync(value));
        }

        Assert.Equal(["a", "b", "c"], await committed.Task.WaitAsync(Guard));
        Assert.Equal(["a", "b", "c"], Values());
        Assert.Equal(1, writer.Statistics.CommittedBatches);
    }

    [Fact]
    public async Task WriteAsync_BatchNotFull_IsWrittenWhenTheFlushIntervalPasses()
    {
        var interval = TimeSpan.FromSeconds(5);
        var committed = new TaskCompletionSource<string[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var writer = await CreateAsync(batchSize: 100, interval: interval, committed: batch => committed.TrySetResult([.. batch]));

        SqliteTestHost.AssertSuccess(await writer.WriteAsync("a"));
        SqliteTestHost.AssertSuccess(await writer.WriteAsync("b"));
        await _host.Time.WaitForTimerAsync(interval).WaitAsync(Guard);
        Assert.Empty(Values());
        _host.Time.Advance(interval);

        Assert.Equal(["a", "b"], await committed.Task.WaitAsync(Guard));
    }

    [Fact]
    public async Task WriteAsync_SeveralBatches_PreparesOneCommandAndUsesOneTransactionPerBatch()
    {
        var batches = new List<int>();
        await using var writer = await CreateAsync(batchSize: 10, committed: batch => batches.Add(batch.Count));

        for (var i = 0; i < 30; i++)
        {
            SqliteTestHost.AssertSuccess(await writer.WriteAsync("v" + i));
        }

        SqliteTestHost.AssertSuccess(await writer.FlushAsync().AsTask().WaitAsync(Guard));
        Assert.Equal([10, 10, 10], batches);
        Assert.Equal(1, ((SqliteBatchWriter<string>)writer).CommandsPrepared);
        Assert.Equal(30, Values().Length);
    }

    [Fact]
    public async Task FlushAsync_RowsWaiting_ReturnsOnceTheyAreCommitted()
    {
        await using var writer = await CreateAsync(batchSize: 100);
        for (var i = 0; i < 5; i++)
        {
            SqliteTestHost.AssertSuccess(await writer.WriteAsync("v" + i));
        }

        var flushed = await writer.FlushAsync().AsTask().WaitAsync(Guard);

        SqliteTestHost.AssertSuccess(flushed);
        Assert.Equal(5, Values().Length);
    }

    [Fact]
    public async Task FlushAsync_WhileCompleting_ReturnsBatchFailedWhenRowsAcceptedBeforeItAreDroppedAfterIt()
    {
        var retryDelay = TimeSpan.FromSeconds(2);
        await using var writer = await CreateAsync(maxRetries: 1, retryDelay: retryDelay);
        await SqliteTestHost.SetFailAllAsync(_store, true);
        SqliteTestHost.AssertSuccess(writer.TryWrite("a"));

        // Completing: the last batch fails once and waits for its retry.
        var completing = writer.CompleteAsync().AsTask();
        await _host.Time.WaitForTimerAsync(retryDelay).WaitAsync(Guard);

        // A flush asked for now waits for row "a", which is dropped after its retry.
        var flushing = writer.FlushAsync().AsTask();
        _host.Time.Advance(retryDelay);

        var flushed = await flushing.WaitAsync(Guard);
        SqliteTestHost.AssertSuccess(await completing.WaitAsync(Guard));
        Assert.Equal("sqlite.writer.batch-failed", flushed.Error?.Code);
        Assert.Equal(1, writer.Statistics.DroppedRows);
    }

    [Fact]
    public async Task FlushAsync_WhileCompleting_ReturnsSuccessOnceTheRowsAcceptedBeforeItAreCommitted()
    {
        var retryDelay = TimeSpan.FromSeconds(2);
        await using var writer = await CreateAsync(maxRetries: 1, retryDelay: retryDelay);
        await SqliteTestHost.SetFailAllAsync(_store, true);
        SqliteTestHost.AssertSuccess(writer.TryWrite("a"));
        var completing = writer.CompleteAsync().AsTask();
        await _host.Time.WaitForTimerAsync(retryDelay).WaitAsync(Guard);

        // The retry of the last batch succeeds.
        var flushing = writer.FlushAsync().AsTask();
        await SqliteTestHost.SetFailAllAsync(_store, false);
        _host.Time.Advance(retryDelay);

        SqliteTestHost.AssertSuccess(await flushing.WaitAsync(Guard));
        SqliteTestHost.AssertSuccess(await completing.WaitAsync(Guard));
        Assert.Equal(["a"], Values());
    }

    [Fact]
    public async Task DisposeAsync_RowsWaiting_DrainsEveryAcceptedRow()
    {
        var writer = await CreateAsync(batchSize: 1_000);
        for (var i = 0; i < 250; i++)
        {
            SqliteTestHost.AssertSuccess(await writer.WriteAsync("v" + i));
        }

        await writer.DisposeAsync().AsTask().WaitAsync(Guard);

        Assert.Equal(250, Values().Length);
        Assert.Equal(0, writer.Statistics.Pending);
    }

    [Fact]
    public async Task WriteAsync_AfterDispose_ReturnsClosedError()
    {
        var writer = await CreateAsync();
        await writer.DisposeAsync();

        var result = await writer.WriteAsync("late");

        Assert.Equal("sqlite.writer.closed", result.Error?.Code);
    }

    [Fact]
    public async Task TryWrite_QueueFull_ReturnsFullError()
    {
        await using var writer = await CreateAsync(batchSize: 2, capacity: 2);
        await using var gate = await HoldWriteLockAsync();
        SqliteTestHost.AssertSuccess(writer.TryWrite("a"));
        SqliteTestHost.AssertSuccess(writer.TryWrite("b"));

        var third = writer.TryWrite("c");

        Assert.Equal("sqlite.writer.full", third.Error?.Code);
        Assert.Equal(ErrorKind.Unavailable, third.Error!.Kind);
    }

    [Fact]
    public async Task WriteAsync_QueueFull_WaitsForRoomUntilABatchIsCommitted()
    {
        await using var writer = await CreateAsync(batchSize: 2, capacity: 2);
        var gate = await HoldWriteLockAsync();
        SqliteTestHost.AssertSuccess(await writer.WriteAsync("a"));
        SqliteTestHost.AssertSuccess(await writer.WriteAsync("b"));

        var third = writer.WriteAsync("c").AsTask();
        Assert.False(third.IsCompleted);
        await gate.DisposeAsync();

        SqliteTestHost.AssertSuccess(await third.WaitAsync(Guard));
        SqliteTestHost.AssertSuccess(await writer.FlushAsync().AsTask().WaitAsync(Guard));
        Assert.Equal(["a", "b", "c"], Values());
    }

    [Fact]
    public async Task WriteAsync_BatchFailsOnce_IsRetriedAfterTheBackoffAndCommitted()
    {
        var retryDelay = TimeSpan.FromSeconds(2);
        var committed = new TaskCompletionSource<string[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var writer = await CreateAsync(batchSize: 2, retryDelay: retryDelay, committed: batch => committed.TrySetResult([.. batch]));
        await SqliteTestHost.SetFailAllAsync(_store, true);

        SqliteTestHost.AssertSuccess(await writer.WriteAsync("a"));
        SqliteTestHost.AssertSuccess(await writer.WriteAsync("b"));
        await _host.Time.WaitForTimerAsync(retryDelay).WaitAsync(Guard);
        Assert.True(writer.Statistics.IsFailing);
        await SqliteTestHost.SetFailAllAsync(_store, false);
        _host.Time.Advance(retryDelay);

        Assert.Equal(["a", "b"], await committed.Task.WaitAsync(Guard));
        Assert.Equal(0, writer.Statistics.FailedBatches);
        Assert.False(writer.Statistics.IsFailing);
        Assert.Contains(_host.Logs.Entries, entry => entry.EventId.Id == 5020);
    }

    [Fact]
    public async Task WriteAsync_RetriesBackOffExponentially()
    {
        var retryDelay = TimeSpan.FromSeconds(1);
        await using var writer = await CreateAsync(batchSize: 1, maxRetries: 3, retryDelay: retryDelay);
        await SqliteTestHost.SetFailAllAsync(_store, true);

        SqliteTestHost.AssertSuccess(await writer.WriteAsync("a"));
        var flushing = writer.FlushAsync().AsTask();

        foreach (var delay in new[] { retryDelay, retryDelay * 2, retryDelay * 4 })
        {
            await _host.Time.WaitForTimerAsync(delay).WaitAsync(Guard);
            Assert.False(flushing.IsCompleted);
            _host.Time.Advance(delay);
        }

        var flushed = await flushing.WaitAsync(Guard);
        Assert.Equal("sqlite.writer.batch-failed", flushed.Error?.Code);
        Assert.Equal(1, writer.Statistics.FailedBatches);
    }

    [Fact]
    public async Task WriteAsync_BatchFailsEveryRetry_IsDroppedLoggedCountedAndTheRestIsWritten()
    {
        var dropped = new TaskCompletionSource<(string[] Rows, Error Error)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var writer = await CreateAsync(batchSize: 1, maxRetries: 2, retryDelay: TimeSpan.Zero, failed: (rows, error) => dropped.TrySetResult(([.. rows], error)));
        SqliteTestHost.AssertSuccess(await writer.WriteAsync("a"));
        SqliteTestHost.AssertSuccess(await writer.FlushAsync().AsTask().WaitAsync(Guard));
        await SqliteTestHost.SetFailAllAsync(_store, true);
        SqliteTestHost.AssertSuccess(await writer.WriteAsync("b"));

        var flushed = await writer.FlushAsync().AsTask().WaitAsync(Guard);
        await SqliteTestHost.SetFailAllAsync(_store, false);
        SqliteTestHost.AssertSuccess(await writer.WriteAsync("c"));
        SqliteTestHost.AssertSuccess(await writer.FlushAsync().AsTask().WaitAsync(Guard));

        var (rows, error) = await dropped.Task.WaitAsync(Guard);
        Assert.Equal("sqlite.writer.batch-failed", flushed.Error?.Code);
        Assert.Equal(["b"], rows);
        Assert.Contains("failed 3 time(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(["a", "c"], Values());
        Assert.Equal(1, writer.Statistics.FailedBatches);
        Assert.Equal(1, writer.Statistics.DroppedRows);
        Assert.Equal(2, writer.Statistics.CommittedRows);
        Assert.Equal(2, _host.Logs.Entries.Count(entry => entry.EventId.Id == 5020));
        Assert.Contains(_host.Logs.Entries, entry => entry.EventId.Id == 5021 && entry.Level == Microsoft.Extensions.Logging.LogLevel.Error);
    }

    /// <summary>
    /// The batch of a full writer is written as soon as its last row arrives, so it can fail and be
    /// dropped before the caller gets to ask for a flush: that flush still covers the dropped rows.
    /// </summary>
    [Fact]
    public async Task FlushAsync_BatchDroppedBeforeTheCall_ReportsTheFailure()
    {
        var dropped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var writer = await CreateAsync(batchSize: 1, maxRetries: 0, failed: (_, _) => dropped.TrySetResult());
        await SqliteTestHost.SetFailAllAsync(_store, true);
        SqliteTestHost.AssertSuccess(await writer.WriteAsync("b"));
        await dropped.Task.WaitAsync(Guard);

        var flushed = await writer.FlushAsync().AsTask().WaitAsync(Guard);

        Assert.Equal("sqlite.writer.batch-failed", flushed.Error?.Code);
    }

    [Fact]
    public async Task FlushAsync_FailureAFlushReported_IsNotReportedByTheNextFlush()
    {
        await using var writer = await CreateAsync(batchSize: 10, maxRetries: 0);
        await SqliteTestHost.SetFailAllAsync(_store, true);
        SqliteTestHost.AssertSuccess(await writer.WriteAsync("b"));
        var first = await writer.FlushAsync().AsTask().WaitAsync(Guard);
        await SqliteTestHost.SetFailAllAsync(_store, false);

        var second = await writer.FlushAsync().AsTask().WaitAsync(Guard);

        Assert.Equal(("sqlite.writer.batch-failed", true), (first.Error?.Code, second.IsSuccess));
    }

    [Fact]
    public async Task WriteAsync_InjectionAttemptInAValue_IsStoredAsPlainText()
    {
        const string attack = "x'); DROP TABLE items; --";
        await using var writer = await CreateAsync(batchSize: 1);

        SqliteTestHost.AssertSuccess(await writer.WriteAsync(attack));
        SqliteTestHost.AssertSuccess(await writer.FlushAsync().AsTask().WaitAsync(Guard));

        Assert.Equal([attack], Values());
    }

    [Theory]
    [InlineData("items; DROP TABLE items; --", "value")]
    [InlineData("items", "value\") VALUES ('x'); DROP TABLE items; --")]
    [InlineData("\"items\"", "value")]
    [InlineData("1items", "value")]
    public async Task CreateBatchWriterAsync_InjectionAttemptInAName_IsRejectedAndTheTableStays(string table, string column)
    {
        var writer = await _store.CreateBatchWriterAsync(new SqliteBatchWriterOptions<string>(table, [column], static (value, values) => values[0] = value));

        Assert.Equal("sqlite.identifier.invalid", writer.Error?.Code);
        Assert.Equal(1, SqliteTestHost.Scalar(_store, "SELECT count(*) FROM sqlite_master WHERE name = 'items';"));
    }

    [Fact]
    public async Task CreateBatchWriterAsync_TableMissing_ReturnsErrorNamingTheTable()
    {
        var writer = await _store.CreateBatchWriterAsync(new SqliteBatchWriterOptions<string>("missing", ["value"], static (value, values) => values[0] = value));

        Assert.Equal("sqlite.writer.prepare-failed", writer.Error?.Code);
        Assert.Contains("'missing'", writer.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("no such table", writer.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateBatchWriterAsync_BatchLargerThanCapacity_ReturnsOptionsError()
    {
        var writer = await _store.CreateBatchWriterAsync(new SqliteBatchWriterOptions<string>("items", ["value"], static (value, values) => values[0] = value)
        {
            BatchSize = 100,
            Capacity = 10,
        });

        Assert.Equal("sqlite.writer.options-invalid", writer.Error?.Code);
    }

    [Fact]
    public async Task CheckHealthAsync_WriterQueueAtLeast80PercentFull_IsDegraded()
    {
        await using var writer = await CreateAsync(batchSize: 5, capacity: 5);
        for (var i = 0; i < 4; i++)
        {
            SqliteTestHost.AssertSuccess(await writer.WriteAsync("v" + i));
        }

        var health = await _store.CheckHealthAsync();

        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Contains("backed up", health.Description, StringComparison.Ordinal);
        Assert.Equal(4L, health.Data["pendingRows"]);
    }

    [Fact]
    public async Task CheckHealthAsync_WriterDroppedItsLastBatch_IsDegradedWithTheError()
    {
        await using var writer = await CreateAsync(batchSize: 1, maxRetries: 0);
        await SqliteTestHost.SetFailAllAsync(_store, true);
        SqliteTestHost.AssertSuccess(await writer.WriteAsync("a"));
        _ = await writer.FlushAsync().AsTask().WaitAsync(Guard);

        var health = await _store.CheckHealthAsync();

        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.Equal("sqlite.writer.batch-failed", health.LastError?.Code);
        Assert.Equal(1L, health.Data["droppedRows"]);
    }

    [Fact]
    public async Task CheckHealthAsync_WriterCommitsAfterAFailure_IsHealthyAgain()
    {
        await using var writer = await CreateAsync(batchSize: 1, maxRetries: 0);
        SqliteTestHost.AssertSuccess(await writer.WriteAsync("poison"));
        SqliteTestHost.AssertSuccess(await writer.WriteAsync("fine"));
        _ = await writer.FlushAsync().AsTask().WaitAsync(Guard);

        var health = await _store.CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.Equal(1L, health.Data["failedBatches"]);
    }

    private async Task<ISqliteBatchWriter<string>> CreateAsync(
        int batchSize = 10,
        int capacity = 1_000,
        TimeSpan? interval = null,
        int maxRetries = 3,
        TimeSpan? retryDelay = null,
        Action<IReadOnlyList<string>>? committed = null,
        Action<IReadOnlyList<string>, Error>? failed = null)
    {
        var writer = await _store.CreateBatchWriterAsync(new SqliteBatchWriterOptions<string>("items", ["value"], static (value, values) => values[0] = value)
        {
            BatchSize = batchSize,
            Capacity = capacity,
            FlushInterval = interval ?? LongInterval,
            MaxRetries = maxRetries,
            RetryDelay = retryDelay ?? TimeSpan.FromSeconds(1),
            BatchCommitted = committed,
            BatchFailed = failed,
        });
        return SqliteTestHost.AssertSuccess(writer);
    }

    /// <summary>Holds the store's write lock with a unit of work until the returned handle is disposed.</summary>
    private async Task<IAsyncDisposable> HoldWriteLockAsync()
    {
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var holding = _store.WriteAsync(async (_, _) =>
        {
            entered.SetResult();
            await release.Task;
            return Result.Success();
        }).AsTask();
        await entered.Task.WaitAsync(Guard);
        return new Release(release, holding);
    }


    private string[] Values() => SqliteTestHost.Strings(_store, "SELECT value FROM items ORDER BY id;");

    private sealed class Release(TaskCompletionSource release, Task<Result> holding) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            release.TrySetResult();
            SqliteTestHost.AssertSuccess(await holding.WaitAsync(Guard));
        }
    }
}
