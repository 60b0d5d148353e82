using System.Diagnostics.CodeAnalysis;
using Lodestar.Modules.Sqlite.Tests.Support;
using Lodestar.Results;

namespace Lodestar.Modules.Sqlite.Tests.Writing;

/// <summary>
/// A full disk is no row's fault: the batch writer retries the whole batch with backoff, commits it
/// once there is room again, and when its retries run out hands every row to BatchFailed with an
/// Unavailable error that names the file.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes the host through IAsyncLifetime.DisposeAsync.")]
public sealed class DiskFullTests : IAsyncLifetime
{
    private const int Rows = 10;
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private readonly SqliteTestHost _host = new();
    private ISqliteStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = _host.GetStore();

        // The ballast takes room that deleting it gives back, as freeing disk space would.
        SqliteTestHost.AssertSuccess(await _store.MigrateAsync(
        [
            new SqliteMigration(1, "items-and-ballast", """
                CREATE TABLE items (id INTEGER PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE ballast (data BLOB NOT NULL);
                INSERT INTO ballast VALUES (randomblob(256 * 1024));
                """),
        ]));

        // The writer's connection is the pooled one this limits: every batch it writes fails with SQLITE_FULL.
        await SqliteTestHost.StopGrowthAsync(_store);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task FlushAsync_DiskFullUntilSpaceIsFreed_RetriesTheBatchAndCommitsEveryRowInOrder()
    {
        await using var writer = await CreateAsync(maxRetries: 3, failed: null);
        var values = Values();
        foreach (var value in values)
        {
            SqliteTestHost.AssertSuccess(writer.TryWrite(value));
        }

        var flushing = writer.FlushAsync().AsTask();
        await _host.Time.WaitForTimerAsync(RetryDelay).WaitAsync(Guard);
        using (var connection = SqliteTestHost.OpenRaw(_store.DatabasePath))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "DELETE FROM ballast;";
            command.ExecuteNonQuery();
        }

        _host.Time.Advance(RetryDelay);

        SqliteTestHost.AssertSuccess(await flushing.WaitAsync(Guard));
        Assert.Equal(values, SqliteTestHost.Strings(_store, "SELECT value FROM items ORDER BY id;"));
        Assert.Contains(_host.Logs.Entries, entry => entry.EventId.Id == 5020 && entry.Message.Contains("SQLite error 13", StringComparison.Ordinal));
        Assert.Equal(0, writer.Statistics.DroppedRows);
    }

    [Fact]
    public async Task FlushAsync_DiskFullThroughEveryRetry_HandsEveryRowToBatchFailedWithAnUnavailableErrorNamingTheFile()
    {
        var dropped = new TaskCompletionSource<(string[] Rows, Error Error)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var writer = await CreateAsync(maxRetries: 0, failed: (rows, error) => dropped.TrySetResult(([.. rows], error)));
        var values = Values();
        foreach (var value in values)
        {
            SqliteTestHost.AssertSuccess(writer.TryWrite(value));
        }

        var flushed = await writer.FlushAsync().AsTask().WaitAsync(Guard);

        var (rows, error) = await dropped.Task.WaitAsync(Guard);
        Assert.Equal("sqlite.writer.batch-failed", flushed.Error?.Code);
        Assert.Equal(values, rows);
        Assert.Equal("sqlite.writer.batch-failed", error.Code);
        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Contains($"'{_store.DatabasePath}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("free disk space", error.Message, StringComparison.Ordinal);
        Assert.Equal(Rows, writer.Statistics.DroppedRows);
    }

    /// <summary>Rows too large to fit in the pages the table already has.</summary>
    private static string[] Values()
    {
        var values = new string[Rows];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture) + new string('x', 4_000);
        }

        return values;
    }

    private async Task<ISqliteBatchWriter<string>> CreateAsync(int maxRetries, Action<IReadOnlyList<string>, Error>? failed)
    {
        var writer = await _store.CreateBatchWriterAsync(new SqliteBatchWriterOptions<string>("items", ["value"], static (value, values) => values[0] = value)
        {
            BatchSize = Rows,
            FlushInterval = TimeSpan.FromHours(1),
            MaxRetries = maxRetries,
            RetryDelay = RetryDelay,
            BatchFailed = failed,
        });
        return SqliteTestHost.AssertSuccess(writer);
    }
}
