using System.Diagnostics.CodeAnalysis;
using Lodestar.Modules.Sqlite.Tests.Support;
using Lodestar.Results;

namespace Lodestar.Modules.Sqlite.Tests.Writing;

/// <summary>
/// A batch that fails because of some of its rows is split until those rows stand alone: every
/// other row is committed, only the bad rows are dropped, and nothing waits for a retry.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes the host through IAsyncLifetime.DisposeAsync.")]
public sealed class RowIsolationTests : IAsyncLifetime
{
    private const int Rows = 100;
    private const long OutageValue = -999;
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Long = TimeSpan.FromHours(1);
    private readonly SqliteTestHost _host = new();
    private readonly List<(Reading[] Rows, Error Error)> _failed = [];
    private readonly List<Reading[]> _committed = [];
    private ISqliteStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = _host.GetStore();

        // The switch, or a value of OutageValue, makes an insert fail with SQLITE_ERROR (malformed JSON): not a row's fault.
        SqliteTestHost.AssertSuccess(await _store.MigrateAsync(
        [
            new SqliteMigration(1, "readings", """
                CREATE TABLE readings (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, value INTEGER NOT NULL CHECK (value >= 0));
                CREATE TABLE failure_switch (fail_all INTEGER NOT NULL);
                INSERT INTO failure_switch VALUES (0);
                CREATE TRIGGER readings_fail_all BEFORE INSERT ON readings
                WHEN (SELECT fail_all FROM failure_switch) = 1 OR NEW.value = -999
                BEGIN SELECT json('injected failure ' || NEW.name); END;
                """),
        ]));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task FlushAsync_OneRowBreaksNotNull_CommitsEveryOtherRowInOrderWithoutWaitingForARetry()
    {
        var rows = Good();
        rows[37] = rows[37] with { Name = null };
        await using var writer = await CreateAsync();

        var flushed = await WriteAndFlushAsync(writer, rows);

        Assert.Equal("sqlite.writer.batch-failed", flushed.Error?.Code);
        Assert.Equal(Names(rows, except: [37]), Stored());
        Assert.DoesNotContain(_host.Logs.Entries, entry => entry.EventId.Id == 5020);
        Assert.Equal(0, _host.Time.ArmedTimerCount); // no backoff delay is pending
    }

    [Fact]
    public async Task FlushAsync_OneRowBreaksNotNull_ReportsExactlyThatRowNamingTheTableAndItsPosition()
    {
        var rows = Good();
        rows[37] = rows[37] with { Name = null };
        await using var writer = await CreateAsync();

        _ = await WriteAndFlushAsync(writer, rows);

        var (failedRows, error) = Assert.Single(_failed);
        Assert.Equal([rows[37]], failedRows);
        Assert.Equal("sqlite.writer.row-rejected", error.Code);
        Assert.Equal(ErrorKind.Validation, error.Kind);
        Assert.Contains("Row 38 of a batch of 100", error.Message, StringComparison.Ordinal);
        Assert.Contains("'readings'", error.Message, StringComparison.Ordinal);
        Assert.Contains("NOT NULL", error.Message, StringComparison.Ordinal);
        Assert.Equal("19", error.Details["sqliteErrorCode"]);
        Assert.Equal(1, writer.Statistics.DroppedRows);
        Assert.Equal(Rows - 1, writer.Statistics.CommittedRows);
        Assert.Contains(_host.Logs.Entries, entry => entry.EventId.Id == 5026 && entry.Message.Contains("row 38 of a batch of 100", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FlushAsync_BadRowsScatteredThroughTheBatch_CommitsEveryGoodRowAndRejectsEachBadOne()
    {
        var rows = Good();
        rows[0] = rows[0] with { Name = null };                 // NOT NULL
        rows[13] = rows[13] with { Value = -1 };                // CHECK
        rows[50] = rows[50] with { Name = rows[10].Name };      // UNIQUE, against a row of the same batch
        rows[99] = rows[99] with { Name = null };               // NOT NULL, the last row
        await using var writer = await CreateAsync();

        _ = await WriteAndFlushAsync(writer, rows);

        Assert.Equal(Names(rows, except: [0, 13, 50, 99]), Stored());
        Assert.Equal([rows[0], rows[13], rows[50], rows[99]], _failed.Select(failure => Assert.Single(failure.Rows)));
        Assert.All(_failed, failure => Assert.Equal("sqlite.writer.row-rejected", failure.Error.Code));
        Assert.Equal(4, writer.Statistics.DroppedRows);
    }

    [Fact]
    public async Task FlushAsync_BindThrowsForOneRow_CommitsEveryOtherRowAndRejectsThatRow()
    {
        var rows = Good();
        rows[60] = rows[60] with { Name = "throw" };
        await using var writer = await CreateAsync(bind: static (reading, values) =>
        {
            values[0] = reading.Name == "throw" ? throw new InvalidOperationException("bind refused the row") : reading.Name;
            values[1] = reading.Value;
        });

        _ = await WriteAndFlushAsync(writer, rows);

        Assert.Equal(Names(rows, except: [60]), Stored());
        var (failedRows, error) = Assert.Single(_failed);
        Assert.Equal([rows[60]], failedRows);
        Assert.Contains("could not be bound: InvalidOperationException: bind refused the row", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, writer.Statistics.DroppedRows);
    }

    [Fact]
    public async Task FlushAsync_BatchSplitToIsolateARow_ReportsItsCommittedRowsOnceInQueueOrder()
    {
        var rows = Good();
        rows[37] = rows[37] with { Name = null };
        await using var writer = await CreateAsync();

        _ = await WriteAndFlushAsync(writer, rows);

        var committed = Assert.Single(_committed);
        Assert.Equal(rows.Where((_, i) => i != 37), committed);
        Assert.Equal(1, writer.Statistics.CommittedBatches);
        Assert.Equal(1, writer.Statistics.FailedBatches);
    }

    [Fact]
    public async Task FlushAsync_BatchSplitToIsolateARow_KeepsTheOnePreparedCommand()
    {
        var rows = Good();
        rows[37] = rows[37] with { Name = null };
        await using var writer = await CreateAsync();

        _ = await WriteAndFlushAsync(writer, rows);

        Assert.Equal(1, ((SqliteBatchWriter<Reading>)writer).CommandsPrepared);
    }

    [Fact]
    public async Task FlushAsync_BatchHeldARejectedRow_ReturnsAFailureNamingTheTable()
    {
        var rows = Good();
        rows[5] = rows[5] with { Value = -5 };
        await using var writer = await CreateAsync();

        var flushed = await WriteAndFlushAsync(writer, rows);

        Assert.Equal("sqlite.writer.batch-failed", flushed.Error?.Code);
        Assert.Contains("'readings'", flushed.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("sqlite.writer.row-rejected", flushed.Error.Details["lastErrorCode"]);
    }

    [Fact]
    public async Task FlushAsync_FailureNotCausedByARow_IsRetriedWithBackoffThenTheWholeBatchIsDropped()
    {
        var retryDelay = TimeSpan.FromSeconds(2);
        var rows = Good();
        await using var writer = await CreateAsync(maxRetries: 1, retryDelay: retryDelay);
        await SqliteTestHost.SetFailAllAsync(_store, true);
        foreach (var row in rows)
        {
            SqliteTestHost.AssertSuccess(await writer.WriteAsync(row));
        }

        var flushing = writer.FlushAsync().AsTask();
        await _host.Time.WaitForTimerAsync(retryDelay).WaitAsync(Guard);
        Assert.False(flushing.IsCompleted);
        _host.Time.Advance(retryDelay);

        Assert.Equal("sqlite.writer.batch-failed", (await flushing.WaitAsync(Guard)).Error?.Code);
        var (failedRows, error) = Assert.Single(_failed);
        Assert.Equal(rows, failedRows);
        Assert.Equal("sqlite.writer.batch-failed", error.Code);
        Assert.Equal(Rows, writer.Statistics.DroppedRows);
        Assert.Empty(Stored());
        Assert.DoesNotContain(_host.Logs.Entries, entry => entry.EventId.Id is 5025 or 5026);
    }

    [Fact]
    public async Task FlushAsync_DatabaseFailsWhileABatchIsSplit_SpendsOneRetryBudgetThenDropsTheRestAtOnce()
    {
        var retryDelay = TimeSpan.FromSeconds(2);
        var rows = Good();
        rows[37] = rows[37] with { Name = null };

        // From the first row bound again (the first part of the split) on, every insert fails with
        // SQLITE_ERROR (a trigger's malformed JSON): the database failing, not a row.
        var bound = new HashSet<Reading>();
        var outage = false;
        await using var writer = await CreateAsync(maxRetries: 1, retryDelay: retryDelay, bind: (reading, values) =>
        {
            outage |= !bound.Add(reading);
            values[0] = reading.Name;
            values[1] = outage ? OutageValue : reading.Value;
        });
        foreach (var row in rows)
        {
            SqliteTestHost.AssertSuccess(await writer.WriteAsync(row));
        }

        var flushing = writer.FlushAsync().AsTask();
        await _host.Time.WaitForTimerAsync(retryDelay).WaitAsync(Guard);
        _host.Time.Advance(retryDelay);

        Assert.Equal("sqlite.writer.batch-failed", (await flushing.WaitAsync(Guard)).Error?.Code);
        var (failedRows, error) = Assert.Single(_failed);
        Assert.Equal(rows, failedRows);
        Assert.Equal("sqlite.writer.batch-failed", error.Code);
        Assert.Single(_host.Logs.Entries, entry => entry.EventId.Id == 5020);
        Assert.Equal(0, _host.Time.ArmedTimerCount);
        Assert.Equal(Rows, writer.Statistics.DroppedRows);
        Assert.Empty(Stored());
    }

    [Fact]
    public async Task FlushAsync_RetriesSpentBeforeABadRowIsFound_AreNotGivenBackToTheSplitParts()
    {
        var retryDelay = TimeSpan.FromSeconds(2);
        Reading[] rows = [new("first", 0), new(null, 1), new("last", 2)];

        // Once the bad row is rejected, the database fails again for the rest of the batch.
        await using var writer = await CreateAsync(maxRetries: 1, retryDelay: retryDelay, failed: error =>
        {
            if (error.Code == "sqlite.writer.row-rejected")
            {
                SetFailAll(fail: true);
            }
        });
        await SqliteTestHost.SetFailAllAsync(_store, true);
        foreach (var row in rows)
        {
            SqliteTestHost.AssertSuccess(await writer.WriteAsync(row));
        }

        // The first attempt fails for the database, not a row: the batch spends its only retry.
        var flushing = writer.FlushAsync().AsTask();
        await _host.Time.WaitForTimerAsync(retryDelay).WaitAsync(Guard);
        await SqliteTestHost.SetFailAllAsync(_store, false);
        _host.Time.Advance(retryDelay);

        // The retry meets the bad row: the batch is split, the first row committed, the bad row rejected,
        // and the last row's part fails for the database. No retry is left, so it is dropped at once.
        var first = await Task.WhenAny(flushing, _host.Time.WaitForTimerAsync(retryDelay)).WaitAsync(Guard);
        var backedOffAgain = first != flushing;
        if (backedOffAgain)
        {
            _host.Time.Advance(retryDelay);
        }

        var flushed = await flushing.WaitAsync(Guard);
        Assert.False(backedOffAgain, "A split part waited out another backoff after the batch's retries were spent.");
        Assert.Single(_host.Logs.Entries, entry => entry.EventId.Id == 5020);
        Assert.Equal("sqlite.writer.batch-failed", flushed.Error?.Code);
        Assert.Collection(
            _failed,
            rejected =>
            {
                Assert.Equal([rows[1]], rejected.Rows);
                Assert.Equal("sqlite.writer.row-rejected", rejected.Error.Code);
            },
            dropped =>
            {
                Assert.Equal([rows[2]], dropped.Rows);
                Assert.Equal("sqlite.writer.batch-failed", dropped.Error.Code);
                Assert.Contains("failed 2 time(s)", dropped.Error.Message, StringComparison.Ordinal);
            });
        Assert.Equal(2, writer.Statistics.DroppedRows);
        Assert.Equal(["first"], Stored());
    }

    private static Reading[] Good() =>
        [.. Enumerable.Range(0, Rows).Select(i => new Reading("r" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), i))];

    private static string[] Names(Reading[] rows, int[] except) =>
        [.. rows.Where((_, i) => !except.Contains(i)).Select(row => row.Name!)];

    private static async Task<Result> WriteAndFlushAsync(ISqliteBatchWriter<Reading> writer, Reading[] rows)
    {
        foreach (var row in rows)
        {
            SqliteTestHost.AssertSuccess(await writer.WriteAsync(row));
        }

        return await writer.FlushAsync().AsTask().WaitAsync(Guard);
    }

    private async Task<ISqliteBatchWriter<Reading>> CreateAsync(
        int maxRetries = 3,
        TimeSpan? retryDelay = null,
        Action<Reading, object?[]>? bind = null,
        Action<Error>? failed = null)
    {
        // The batch is larger than the rows written and the flush interval is long: FlushAsync writes them as one batch.
        var writer = await _store.CreateBatchWriterAsync(new SqliteBatchWriterOptions<Reading>(
            "readings",
            ["name", "value"],
            bind ?? (static (reading, values) =>
            {
                values[0] = reading.Name;
                values[1] = reading.Value;
            }))
        {
            BatchSize = 1_000,
            Capacity = 1_000,
            FlushInterval = Long,
            MaxRetries = maxRetries,
            RetryDelay = retryDelay ?? TimeSpan.FromMinutes(1),
            BatchCommitted = batch => _committed.Add([.. batch]),
            BatchFailed = (batch, error) =>
            {
                _failed.Add(([.. batch], error));
                failed?.Invoke(error);
            },
        });
        return SqliteTestHost.AssertSuccess(writer);
    }


    /// <summary>Turns the failure switch on or off from a writer callback, which cannot wait for a unit of work.</summary>
    private void SetFailAll(bool fail)
    {
        using var connection = SqliteTestHost.OpenRaw(_store.DatabasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE failure_switch SET fail_all = $fail;";
        command.Parameters.AddWithValue("$fail", fail ? 1 : 0);
        command.ExecuteNonQuery();
    }

    private string[] Stored() => SqliteTestHost.Strings(_store, "SELECT name FROM readings ORDER BY id;");

    private sealed record Reading(string? Name, long Value);
}
