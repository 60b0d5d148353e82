using Lodestar.Results;
using Microsoft.Data.Sqlite;

namespace Lodestar.Modules.Sqlite.Tests.Diagnostics;

/// <summary>
/// How SQLite failures become errors: a full disk, an I/O error or an existing file that cannot be
/// opened is the environment failing, so every operation reports it as Unavailable (retry later),
/// naming the database file and what to do.
/// </summary>
public sealed class SqliteErrorsTests
{
    private const string Module = "test-module";
    private const string MissingPath = "/nowhere/lodestar-sqlite-errors-tests/usage.db";

    private static readonly SqliteMigration Migration = new(1, "create-items", "CREATE TABLE items (id INTEGER PRIMARY KEY);");

    /// <summary>Every error factory that maps an exception thrown by SQLite, by the name of the operation.</summary>
    private static readonly Dictionary<string, Func<Exception, string, Error>> Operations = new(StringComparer.Ordinal)
    {
        ["open"] = static (exception, path) => SqliteErrors.OpenFailed(Module, path, exception),
        ["migration"] = static (exception, path) => SqliteErrors.MigrationFailed(Module, path, Migration, exception),
        ["migrations-table"] = static (exception, path) => SqliteErrors.MigrationsTableFailed(Module, path, exception),
        ["command"] = static (exception, path) => SqliteErrors.CommandFailed(Module, path, exception),
        ["query"] = static (exception, path) => SqliteErrors.QueryFailed(Module, path, exception),
        ["transaction"] = static (exception, path) => SqliteErrors.TransactionFailed(Module, path, "commit", exception),
        ["writer-prepare"] = static (exception, path) => SqliteErrors.WriterPrepareFailed(Module, path, "items", exception),
        ["writer-batch"] = static (exception, path) => SqliteErrors.BatchFailed(Module, path, "items", 10, 4, exception),
        ["retention"] = static (exception, path) => SqliteErrors.RetentionFailed(Module, path, "items", 0, exception),
        ["settings"] = static (exception, path) => SqliteErrors.SettingsFailed(Module, "system_configurations", path, exception),
    };

    public static TheoryData<string> OperationNames => [.. Operations.Keys];

    [Theory]
    [MemberData(nameof(OperationNames))]
    public void AnyOperation_DiskFull_IsUnavailableNamingTheFileAndSayingToFreeDiskSpace(string operation)
    {
        var error = Operations[operation](new SqliteException("SQLite Error 13: 'database or disk is full'.", 13, 13), MissingPath);

        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Contains($"'{MissingPath}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("free disk space", error.Message, StringComparison.Ordinal);
        Assert.Equal(MissingPath, error.Details["path"]);
        Assert.Equal("13", error.Details["sqliteErrorCode"]);
    }

    [Theory]
    [MemberData(nameof(OperationNames))]
    public void AnyOperation_IoError_IsUnavailableNamingTheFileAndSayingToCheckTheDisk(string operation)
    {
        var error = Operations[operation](new SqliteException("SQLite Error 10: 'disk I/O error'.", 10, 266), MissingPath);

        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Contains($"'{MissingPath}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("check the disk", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(10, 266)]   // SQLITE_IOERR_READ
    [InlineData(10, 778)]   // SQLITE_IOERR_WRITE
    [InlineData(10, 1034)]  // SQLITE_IOERR_FSYNC
    [InlineData(266, 266)]  // an extended code where the primary one is expected counts as its primary code
    public void CommandFailed_IoErrorOfAnyExtendedCode_IsUnavailable(int errorCode, int extendedErrorCode)
    {
        var error = SqliteErrors.CommandFailed(Module, MissingPath, new SqliteException("SQLite Error 10: 'disk I/O error'.", errorCode, extendedErrorCode));

        Assert.Equal(ErrorKind.Unavailable, error.Kind);
        Assert.Equal("sqlite.command.failed", error.Code);
    }

    [Fact]
    public void OpenFailed_CannotOpenAnExistingFile_IsUnavailableSayingWhatToCheck()
    {
        var path = Path.GetTempFileName();
        try
        {
            var error = SqliteErrors.OpenFailed(Module, path, new SqliteException("SQLite Error 14: 'unable to open database file'.", 14, 14));

            Assert.Equal(ErrorKind.Unavailable, error.Kind);
            Assert.Equal("sqlite.store.open-failed", error.Code);
            Assert.Contains($"'{path}' exists but could not be opened", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void OpenFailed_CannotOpenWhereNoFileIs_StaysUnexpectedAndBlamesThePath()
    {
        var error = SqliteErrors.OpenFailed(Module, MissingPath, new SqliteException("SQLite Error 14: 'unable to open database file'.", 14, 14));

        Assert.Equal(ErrorKind.Unexpected, error.Kind);
        Assert.Contains("Check that the path is a writable file", error.Message, StringComparison.Ordinal);
    }
}
