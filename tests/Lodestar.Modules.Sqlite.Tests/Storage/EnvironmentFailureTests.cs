using Lodestar.Modules.Sqlite.Tests.Support;
using Lodestar.Results;

namespace Lodestar.Modules.Sqlite.Tests.Storage;

/// <summary>
/// A full disk, an I/O error or an existing file that cannot be opened is the environment failing,
/// not the caller's SQL: the store reports it as Unavailable, so callers retry it as they would a
/// busy database, with a message that names the file and what to do.
/// </summary>
public sealed class EnvironmentFailureTests
{
    [Fact]
    public async Task WriteAsync_DiskFull_ReturnsAnUnavailableErrorNamingTheFileAndSayingToFreeDiskSpace()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        await SqliteTestHost.ExecuteAsync(store, "CREATE TABLE notes (text TEXT NOT NULL);");
        await SqliteTestHost.StopGrowthAsync(store);

        var result = await store.WriteAsync(async (unit, ct) =>
            (await unit.ExecuteAsync("INSERT INTO notes (text) VALUES (hex(randomblob(100000)));", cancellationToken: ct)).ToResult());

        Assert.Equal("sqlite.command.failed", result.Error?.Code);
        Assert.Equal(ErrorKind.Unavailable, result.Error!.Kind);
        Assert.Equal("13", result.Error.Details["sqliteErrorCode"]);
        Assert.Contains($"'{store.DatabasePath}'", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("free disk space", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, SqliteTestHost.Scalar(store, "SELECT count(*) FROM notes;"));
    }

    [LinuxFact]
    public async Task WriteAsync_IoError_ReturnsAnUnavailableErrorNamingTheFile()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        await SqliteTestHost.ExecuteAsync(store, "CREATE TABLE notes (text TEXT NOT NULL);");

        // With a rollback journal, a directory where the journal belongs is taken for a hot journal:
        // reading it fails with SQLITE_IOERR_READ, as a failing disk would.
        var connection = SqliteTestHost.AssertSuccess(await store.OpenConnectionAsync());
        await using (connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = DELETE;";
            Assert.Equal("delete", command.ExecuteScalar());
        }

        Directory.CreateDirectory(store.DatabasePath + "-journal");

        var result = await store.WriteAsync(async (unit, ct) =>
            (await unit.ExecuteAsync("INSERT INTO notes (text) VALUES ('a');", cancellationToken: ct)).ToResult());

        Assert.Equal(ErrorKind.Unavailable, result.Error?.Kind);
        Assert.Equal("10", result.Error!.Details["sqliteErrorCode"]);
        Assert.Contains($"'{store.DatabasePath}'", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("I/O error", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHealthAsync_ExistingFileCannotBeOpened_IsDownWithAnUnavailableErrorNamingTheFile()
    {
        await using var host = new SqliteTestHost();
        var store = (SqliteStore)host.GetStore();
        await SqliteTestHost.ExecuteAsync(store, "CREATE TABLE notes (text TEXT NOT NULL);");

        // Closing the last connection removes the WAL file; a directory in its place keeps the
        // existing database from being opened (SQLITE_CANTOPEN), as lost permissions would.
        store.Connections.ClearPool();
        Assert.False(File.Exists(store.DatabasePath + "-wal"));
        Directory.CreateDirectory(store.DatabasePath + "-wal");

        var health = await store.CheckHealthAsync();

        Assert.Equal(HealthStatus.Down, health.Status);
        Assert.Equal("sqlite.store.open-failed", health.LastError?.Code);
        Assert.Equal(ErrorKind.Unavailable, health.LastError!.Kind);
        Assert.Contains($"'{store.DatabasePath}' exists but could not be opened", health.LastError.Message, StringComparison.Ordinal);
    }
}
