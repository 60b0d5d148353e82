using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Lodestar.Modules.Sqlite.Tests.Support;

namespace Lodestar.Modules.Sqlite.Tests.Retention;

[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes the host through IAsyncLifetime.DisposeAsync.")]
public sealed class PurgeAsyncTests : IAsyncLifetime
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private readonly SqliteTestHost _host = new();
    private ISqliteStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = _host.GetStore();
        SqliteTestHost.AssertSuccess(await _store.MigrateAsync(
        [
            new SqliteMigration(1, "logs", """
                CREATE TABLE logs (id INTEGER PRIMARY KEY, timestamp TEXT NOT NULL, at_ms INTEGER NOT NULL);
                CREATE INDEX ix_logs_timestamp ON logs (timestamp);
                """),
        ]));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task PurgeAsync_RowsOfMixedAge_DeletesOnlyThoseOlderThanMaxAge()
    {
        await InsertAgesAsync(TimeSpan.FromDays(10), TimeSpan.FromDays(8), TimeSpan.FromDays(6), TimeSpan.Zero);

        var purged = await _store.PurgeAsync(new SqliteRetentionPolicy("logs", "timestamp", TimeSpan.FromDays(7)));

        Assert.Equal(2, SqliteTestHost.AssertSuccess(purged).DeletedRows);
        Assert.Equal(2, SqliteTestHost.Scalar(_store, "SELECT count(*) FROM logs;"));
    }

    [Fact]
    public async Task PurgeAsync_TimeMovesOn_UsesTheTimeProvidersClock()
    {
        await InsertAgesAsync(TimeSpan.FromDays(6), TimeSpan.Zero);
        _host.Time.Advance(TimeSpan.FromDays(2));

        var purged = await _store.PurgeAsync(new SqliteRetentionPolicy("logs", "timestamp", TimeSpan.FromDays(7)));

        Assert.Equal(1, SqliteTestHost.AssertSuccess(purged).DeletedRows);
    }

    [Fact]
    public async Task PurgeAsync_MoreOldRowsThanTheBatchSize_DeletesThemInBoundedBatches()
    {
        await InsertAgesAsync([.. Enumerable.Repeat(TimeSpan.FromDays(30), 25), TimeSpan.Zero]);

        var purged = await _store.PurgeAsync(new SqliteRetentionPolicy("logs", "timestamp", TimeSpan.FromDays(7)) { BatchSize = 10 });

        Assert.Equal(new SqlitePurgeResult(25, 3), SqliteTestHost.AssertSuccess(purged));
        Assert.Equal(1, SqliteTestHost.Scalar(_store, "SELECT count(*) FROM logs;"));
    }

    [Fact]
    public async Task PurgeAsync_UnixMillisecondsColumn_DeletesOlderRows()
    {
        await InsertAgesAsync(TimeSpan.FromHours(3), TimeSpan.FromMinutes(30));

        var purged = await _store.PurgeAsync(new SqliteRetentionPolicy("logs", "at_ms", TimeSpan.FromHours(1)) { Format = SqliteTimestampFormat.UnixMilliseconds });

        Assert.Equal(1, SqliteTestHost.AssertSuccess(purged).DeletedRows);
    }

    [Theory]
    [InlineData("logs; DROP TABLE logs; --", "timestamp")]
    [InlineData("logs", "timestamp < '9999' OR 1=1 --")]
    [InlineData("logs\"", "timestamp")]
    [InlineData("", "timestamp")]
    public async Task PurgeAsync_InjectionAttemptInAName_IsRejectedAndNothingIsDeleted(string table, string column)
    {
        await InsertAgesAsync(TimeSpan.Zero);

        var purged = await _store.PurgeAsync(new SqliteRetentionPolicy(table, column, TimeSpan.FromDays(1)));

        Assert.Equal("sqlite.identifier.invalid", purged.Error?.Code);
        Assert.Equal(1, SqliteTestHost.Scalar(_store, "SELECT count(*) FROM logs;"));
    }

    [Fact]
    public async Task PurgeAsync_TableMissing_ReturnsErrorNamingTheTable()
    {
        var purged = await _store.PurgeAsync(new SqliteRetentionPolicy("nothing_here", "timestamp", TimeSpan.FromDays(1)));

        Assert.Equal("sqlite.retention.failed", purged.Error?.Code);
        Assert.Contains("'nothing_here'", purged.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PurgeAsync_MaxAgeNotPositive_ReturnsValidationError()
    {
        var purged = await _store.PurgeAsync(new SqliteRetentionPolicy("logs", "timestamp", TimeSpan.Zero));

        Assert.Equal("sqlite.retention.invalid", purged.Error?.Code);
    }

    [Fact]
    public async Task PurgeAsync_MaxAgeLongerThanTheCalendarReaches_DeletesNothing()
    {
        await InsertAgesAsync(TimeSpan.FromDays(3_650));

        var purged = await _store.PurgeAsync(new SqliteRetentionPolicy("logs", "timestamp", TimeSpan.MaxValue));

        Assert.Equal(new SqlitePurgeResult(0, 0), SqliteTestHost.AssertSuccess(purged));
        Assert.Equal(1, SqliteTestHost.Scalar(_store, "SELECT count(*) FROM logs;"));
    }

    [Fact]
    public async Task PurgeAsync_CancelledBetweenBatches_StopsThereAndSaysTheDeletedRowsStayDeleted()
    {
        await InsertAgesAsync([.. Enumerable.Repeat(TimeSpan.FromDays(30), 25)]);
        using var cancel = new CancellationTokenSource();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // A unit of work holds the write gate; the purge queues behind it and a second unit of work
        // behind the purge. The gate hands over in order, so the second unit runs right after the
        // purge's first batch, and cancels the purge before its second.
        var blocker = _store.WriteAsync(async (_, _) =>
        {
            holding.SetResult();
            await release.Task;
            return Lodestar.Results.Result.Success();
        }).AsTask();
        await holding.Task;
        var purge = _store.PurgeAsync(new SqliteRetentionPolicy("logs", "timestamp", TimeSpan.FromDays(7)) { BatchSize = 10 }, cancel.Token).AsTask();
        var canceller = _store.WriteAsync(async (_, _) =>
        {
            await cancel.CancelAsync();
            return Lodestar.Results.Result.Success();
        }).AsTask();
        release.SetResult();
        await Task.WhenAll(blocker, canceller).WaitAsync(Guard);
        var purged = await purge.WaitAsync(Guard);

        Assert.Equal(Lodestar.Results.ErrorKind.Cancelled, purged.Error?.Kind);
        Assert.Contains("after 10 row(s) were deleted: that much is committed and stays", purged.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("10", purged.Error.Details["completed"]);
        Assert.Equal(15, SqliteTestHost.Scalar(_store, "SELECT count(*) FROM logs;"));
    }

    private async Task InsertAgesAsync(params TimeSpan[] ages)
    {
        var now = _host.Time.GetUtcNow();
        var result = await _store.WriteAsync(async (unit, ct) =>
        {
            foreach (var age in ages)
            {
                var at = now - age;
                var inserted = await unit.ExecuteAsync(
                    "INSERT INTO logs (timestamp, at_ms) VALUES ($timestamp, $atMs);",
                    p =>
                    {
                        p.AddWithValue("$timestamp", at.ToString("O", CultureInfo.InvariantCulture));
                        p.AddWithValue("$atMs", at.ToUnixTimeMilliseconds());
                    },
                    ct);
                if (inserted.IsFailure)
                {
                    return inserted.Error;
                }
            }

            return Lodestar.Results.Result.Success();
        });
        SqliteTestHost.AssertSuccess(result);
    }
}
