using Microsoft.Extensions.Logging;

namespace Lodestar.Modules.Sqlite;

/// <summary>
/// The SQLite package's log messages, source-generated, with fixed event ids (5000–5099:
/// 50xx connections and migrations, 501x units of work, 502x batch writer, 503x retention,
/// 504x configuration, 505x disposal).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(5000, LogLevel.Debug, "Module {ModuleId}: opened a new SQLite connection to {DatabasePath} and applied its pragmas (WAL, synchronous=NORMAL, foreign_keys=ON, busy_timeout={BusyTimeoutMs} ms).")]
    public static partial void PragmasApplied(ILogger logger, string moduleId, string databasePath, long busyTimeoutMs);

    [LoggerMessage(5001, LogLevel.Warning, "Module {ModuleId}: SQLite kept journal mode '{JournalMode}' for {DatabasePath} instead of WAL; the file system may not support WAL. Writers will block readers.")]
    public static partial void WalNotEnabled(ILogger logger, string moduleId, string databasePath, string journalMode);

    [LoggerMessage(5002, LogLevel.Information, "Module {ModuleId}: applied migration {Version} '{Name}' to {DatabasePath}.")]
    public static partial void MigrationApplied(ILogger logger, string moduleId, int version, string name, string databasePath);

    [LoggerMessage(5003, LogLevel.Debug, "Module {ModuleId}: migration {Version} '{Name}' was applied by another connection meanwhile; skipped.")]
    public static partial void MigrationAppliedElsewhere(ILogger logger, string moduleId, int version, string name);

    [LoggerMessage(5004, LogLevel.Error, "Module {ModuleId}: migration failed and was rolled back: {ErrorCode} {ErrorMessage}")]
    public static partial void MigrationFailed(ILogger logger, string moduleId, string errorCode, string errorMessage, Exception? exception);

    [LoggerMessage(5005, LogLevel.Warning, "Module {ModuleId}: foreign_keys could not be turned back on after its migrations; the connection pool of its database is cleared so that connection is not reused.")]
    public static partial void ForeignKeysNotRestored(ILogger logger, string moduleId, Exception? exception);

    [LoggerMessage(5010, LogLevel.Error, "Module {ModuleId}: a unit of work threw and was rolled back.")]
    public static partial void UnitOfWorkThrew(ILogger logger, string moduleId, Exception exception);

    [LoggerMessage(5011, LogLevel.Error, "Module {ModuleId}: rolling back a unit of work failed; SQLite discards the transaction when the connection closes.")]
    public static partial void RollbackFailed(ILogger logger, string moduleId, Exception exception);

    [LoggerMessage(5020, LogLevel.Warning, "Module {ModuleId}: batch of {Count} row(s) for table {Table} failed (attempt {Attempt} of {Attempts}); retrying in {Delay}: {ErrorMessage}")]
    public static partial void BatchRetrying(ILogger logger, string moduleId, int count, string table, int attempt, int attempts, TimeSpan delay, string errorMessage);

    [LoggerMessage(5021, LogLevel.Error, "Module {ModuleId}: batch of {Count} row(s) for table {Table} failed {Attempts} time(s) and was dropped; the rest of the queue goes on: {ErrorCode} {ErrorMessage}")]
    public static partial void BatchDropped(ILogger logger, string moduleId, int count, string table, int attempts, string errorCode, string errorMessage, Exception? exception);

    [LoggerMessage(5022, LogLevel.Error, "Module {ModuleId}: the {Callback} callback of the batch writer for table {Table} threw; the writer carries on.")]
    public static partial void WriterCallbackFailed(ILogger logger, string moduleId, string callback, string table, Exception exception);

    [LoggerMessage(5023, LogLevel.Critical, "Module {ModuleId}: the batch writer for table {Table} stopped unexpectedly; {Pending} accepted row(s) were not written.")]
    public static partial void WriterCrashed(ILogger logger, string moduleId, string table, int pending, Exception exception);

    [LoggerMessage(5024, LogLevel.Warning, "Module {ModuleId}: stopped waiting for the batch writer for table {Table} to drain; {Pending} row(s) are still being written in the background.")]
    public static partial void WriterDrainCancelled(ILogger logger, string moduleId, string table, int pending);

    [LoggerMessage(5025, LogLevel.Warning, "Module {ModuleId}: batch of {Count} row(s) for table {Table} was rejected because of a row in it; writing it in parts to isolate the rejected row(s) and commit the rest: {ErrorMessage}")]
    public static partial void BatchSplitting(ILogger logger, string moduleId, int count, string table, string errorMessage);

    [LoggerMessage(5026, LogLevel.Error, "Module {ModuleId}: row {Position} of a batch of {Count} row(s) for table {Table} was rejected and dropped; the other rows are written: {ErrorCode} {ErrorMessage}")]
    public static partial void RowRejected(ILogger logger, string moduleId, int position, int count, string table, string errorCode, string errorMessage, Exception exception);

    [LoggerMessage(5030, LogLevel.Information, "Module {ModuleId}: purged {Deleted} row(s) older than {Cutoff:O} from {Table} in {Batches} batch(es).")]
    public static partial void Purged(ILogger logger, string moduleId, long deleted, DateTimeOffset cutoff, string table, int batches);

    [LoggerMessage(5050, LogLevel.Error, "Module {ModuleId}: draining a batch writer while disposing the store failed: {ErrorMessage}")]
    public static partial void WriterDisposeFailed(ILogger logger, string moduleId, string errorMessage);
}
