using System.Globalization;
using Lodestar.Results;
using Microsoft.Data.Sqlite;

namespace Lodestar.Modules.Sqlite;

/// <summary>
/// The errors the SQLite package reports, with stable dotted codes (<c>sqlite.*</c>) and messages
/// that name the module, the thing that failed and the fix.
/// </summary>
internal static class SqliteErrors
{
    private const int SqliteError = 1;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteIoErr = 10;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteTooBig = 18;
    private const int SqliteConstraint = 19;
    private const int SqliteMismatch = 20;
    private const int SqliteRange = 25;

    public static Error OptionsInvalid(string moduleId, string failures) =>
        Error.Validation(
            "sqlite.options.invalid",
            $"SQLite storage for module '{moduleId}' cannot be opened: the options are invalid: {failures} Fix the values under 'Lodestar:Sqlite' or in AddLodestarSqlite(...).",
            Details(moduleId));

    public static Error ModuleIdInvalid(string moduleId) =>
        Error.Validation(
            "sqlite.store.module-id-invalid",
            $"'{moduleId}' is not a module id, so it cannot name a database file. Use the module's id from its [Module] attribute (lower-case letters, digits, '.' and '-').",
            Details(moduleId));

    public static Error PathInvalid(string moduleId, string path, Exception exception) =>
        Error.Validation(
            "sqlite.store.path-invalid",
            $"The SQLite database of module '{moduleId}' cannot be placed at '{path}': {exception.Message} Point 'Lodestar:Sqlite:DataDirectory' (or 'Lodestar:Sqlite:DatabasePaths:{moduleId}') at a writable directory.",
            Details(moduleId, ("path", path)));

    public static Error OpenFailed(string moduleId, string path, Exception exception) =>
        FromException(
            "sqlite.store.open-failed",
            $"The SQLite database of module '{moduleId}' at '{path}' could not be opened: {Describe(exception)}",
            "Check that the path is a writable file (not a directory) and that no other program holds it exclusively.",
            exception,
            path,
            Details(moduleId, ("path", path)));

    public static Error NotRegistered(string moduleId) =>
        Error.Unavailable(
            "sqlite.not-registered",
            $"Module '{moduleId}' asked for its SQLite store, but SQLite storage is not registered. Call services.AddLodestarSqlite() when building the host.",
            Details(moduleId));

    public static Error MigrationsInvalid(string moduleId, string problem) =>
        Error.Validation(
            "sqlite.migration.invalid",
            $"The migrations of module '{moduleId}' are invalid: {problem}",
            Details(moduleId));

    public static Error MigrationFailed(string moduleId, string path, SqliteMigration migration, Exception exception) =>
        FromException(
            "sqlite.migration.failed",
            $"Migration {migration} of module '{moduleId}' failed and was rolled back completely: {Describe(exception)} Nothing of it was applied.",
            "Fix the migration's SQL.",
            exception,
            path,
            MigrationDetails(moduleId, migration));

    /// <summary>A migration's SQL ended its transaction (<c>COMMIT</c>, <c>END</c> or <c>ROLLBACK</c>); the guard kept it from applying anything.</summary>
    public static Error MigrationEndedTransaction(string moduleId, SqliteMigration migration) =>
        Error.Unexpected(
            "sqlite.migration.failed",
            $"Migration {migration} of module '{moduleId}' tried to end its transaction (COMMIT, END or ROLLBACK in its SQL) and was rolled back completely. Nothing of it was applied. Remove the transaction statements: every migration runs in a transaction of its own.",
            exception: null,
            MigrationDetails(moduleId, migration));

    public static Error MigrationForeignKeyViolation(string moduleId, SqliteMigration migration, string table, string parent, int rows) =>
        Error.Conflict(
            "sqlite.migration.failed",
            $"Migration {migration} of module '{moduleId}' failed and was rolled back completely: afterwards {rows.ToString(CultureInfo.InvariantCulture)} row(s) of table '{table}' referenced rows of table '{parent}' that do not exist (PRAGMA foreign_key_check). Migrations run with foreign keys off so tables can be rebuilt; fix the migration so that every foreign key holds when it commits (keep or copy the parent rows, or delete or update the child rows).",
            MigrationDetails(moduleId, migration, ("table", table), ("parent", parent)));

    public static Error MigrationsTableFailed(string moduleId, string path, Exception exception) =>
        FromException(
            "sqlite.migration.failed",
            $"The migrations of module '{moduleId}' could not run: the migrations table '{SqliteDefaults.MigrationsTable}' could not be created or read: {Describe(exception)} Nothing was applied.",
            "Check that the database file is writable and its disk has room; the start can be retried.",
            exception,
            path,
            Details(moduleId, ("table", SqliteDefaults.MigrationsTable)));

    public static Error MigrationDrift(string moduleId, SqliteMigration migration, string appliedName, string appliedChecksum) =>
        Error.Conflict(
            "sqlite.migration.drift",
            $"Migration {migration} of module '{moduleId}' was applied as '{appliedName}' with checksum {appliedChecksum}, but its SQL (or name) has changed since (checksum now {migration.Checksum}). Applied migrations are never re-run: restore the original text and add the change as a new migration with a higher version.",
            MigrationDetails(moduleId, migration));

    public static Error MigrationUnknown(string moduleId, int version, string name) =>
        Error.Conflict(
            "sqlite.migration.unknown",
            $"The database of module '{moduleId}' has migration {version} '{name}' applied, which this version of the module does not declare. An older module is running against a newer database: deploy the newer module, or restore a database that matches this one.",
            Details(moduleId, ("migration", name), ("version", version.ToString(CultureInfo.InvariantCulture))));

    public static Error MigrationOutOfOrder(string moduleId, SqliteMigration migration, int appliedVersion) =>
        Error.Conflict(
            "sqlite.migration.out-of-order",
            $"Migration {migration} of module '{moduleId}' is not applied, but the later migration {appliedVersion.ToString(CultureInfo.InvariantCulture)} is. Migrations are applied in version order only: give the new migration a version above {appliedVersion.ToString(CultureInfo.InvariantCulture)}.",
            MigrationDetails(moduleId, migration));

    public static Error CommandFailed(string moduleId, string path, Exception exception) =>
        FromException(
            "sqlite.command.failed",
            $"A SQLite command of module '{moduleId}' failed: {Describe(exception)} The unit of work will be rolled back.",
            "Fix the statement or the data it was given.",
            exception,
            path,
            Details(moduleId));

    /// <summary>A command of a unit of work ended its transaction (<c>COMMIT</c>, <c>END</c> or <c>ROLLBACK</c> in its SQL); the guard kept it from writing.</summary>
    public static Error UnitOfWorkEndedTransaction(string moduleId) =>
        Error.Unexpected(
            "sqlite.command.failed",
            $"A SQLite command of module '{moduleId}' tried to end the unit of work's transaction (COMMIT, END or ROLLBACK in its SQL). The unit of work was rolled back and nothing of it was written. Remove the transaction statements: a unit of work commits when it returns success and rolls back otherwise.",
            exception: null,
            Details(moduleId));

    public static Error QueryFailed(string moduleId, string path, Exception exception) =>
        FromException(
            "sqlite.query.failed",
            $"A SQLite query of module '{moduleId}' failed: {Describe(exception)}",
            "Fix the statement, or run the module's migrations first.",
            exception,
            path,
            Details(moduleId));

    public static Error TransactionFailed(string moduleId, string path, string step, Exception exception) =>
        FromException(
            "sqlite.write.failed",
            $"A unit of work of module '{moduleId}' could not {step}: {Describe(exception)} Nothing was written.",
            exception is SqliteException sqlite && IsRowSpecific(sqlite)
                ? "A deferred constraint (e.g. a DEFERRABLE INITIALLY DEFERRED foreign key) is checked at commit and failed: retrying the same work fails again; fix the rows the unit of work writes."
                : "Retry later, or raise 'Lodestar:Sqlite:BusyTimeout' if another writer holds the database for long.",
            exception,
            path,
            Details(moduleId));

    public static Error UnitOfWorkThrew(string moduleId, Exception exception) =>
        Error.Unexpected(
            "sqlite.write.exception",
            $"A unit of work of module '{moduleId}' threw {exception.GetType().Name}: {exception.Message} It was rolled back. Return a failed Result for expected failures; fix the bug otherwise.",
            exception,
            Details(moduleId));

    public static Error Cancelled(string moduleId, string what) =>
        Error.Cancelled(
            "sqlite.cancelled",
            $"{what} of module '{moduleId}' was cancelled before it finished; nothing of it was committed.",
            Details(moduleId));

    /// <summary>A cancelled operation of which <paramref name="done"/> was already committed, and stays.</summary>
    public static Error CancelledAfter(string moduleId, string what, string done, long completed) =>
        Error.Cancelled(
            "sqlite.cancelled",
            $"{what} of module '{moduleId}' was cancelled before it finished, after {done}: that much is committed and stays; the rest was not started. Run it again to finish.",
            Details(moduleId, ("completed", completed.ToString(CultureInfo.InvariantCulture))));

    public static Error MigrationsBusy(string moduleId, string path, Exception exception) =>
        FromException(
            "sqlite.migration.busy",
            $"The migrations of module '{moduleId}' could not run: another connection holds the database ({Describe(exception).TrimEnd('.')}). Nothing more was applied.",
            "Retry the start, or raise 'Lodestar:Sqlite:BusyTimeout' if another writer holds the database for long.",
            exception,
            path,
            Details(moduleId));

    public static Error IdentifierInvalid(string moduleId, string kind, string identifier) =>
        Error.Validation(
            "sqlite.identifier.invalid",
            $"'{identifier}' is not a valid {kind} name for module '{moduleId}'. Names must start with a letter or '_' and contain only letters, digits and '_' (at most 128 characters); they are quoted, never spliced into SQL as written.",
            Details(moduleId, (kind, identifier)));

    public static Error WriterOptionsInvalid(string moduleId, string table, string problem) =>
        Error.Validation(
            "sqlite.writer.options-invalid",
            $"The batch writer options of module '{moduleId}' for table '{table}' are invalid: {problem}",
            Details(moduleId, ("table", table)));

    public static Error WriterPrepareFailed(string moduleId, string path, string table, Exception exception) =>
        FromException(
            "sqlite.writer.prepare-failed",
            $"The batch writer of module '{moduleId}' cannot insert into table '{table}': {Describe(exception)}",
            "Run the module's migrations before creating the writer, and check the table and column names.",
            exception,
            path,
            Details(moduleId, ("table", table)));

    public static Error WriterFull(string moduleId, string table, int capacity) =>
        Error.Unavailable(
            "sqlite.writer.full",
            $"The batch writer of module '{moduleId}' for table '{table}' holds {capacity.ToString(CultureInfo.InvariantCulture)} row(s) not yet written and accepts no more right now. Retry shortly, use WriteAsync to wait for room, or raise SqliteBatchWriterOptions.Capacity.",
            Details(moduleId, ("table", table), ("capacity", capacity.ToString(CultureInfo.InvariantCulture))));

    public static Error WriterClosed(string moduleId, string table) =>
        Error.Unavailable(
            "sqlite.writer.closed",
            $"The batch writer of module '{moduleId}' for table '{table}' is completed or disposed and accepts no more rows. Create a new writer when the module starts again.",
            Details(moduleId, ("table", table)));

    public static Error BatchFailed(string moduleId, string path, string table, int count, int attempts, Exception exception) =>
        FromException(
            "sqlite.writer.batch-failed",
            $"A batch of {count.ToString(CultureInfo.InvariantCulture)} row(s) of module '{moduleId}' for table '{table}' failed {attempts.ToString(CultureInfo.InvariantCulture)} time(s) and was dropped: {Describe(exception)} The rows are passed to BatchFailed for safekeeping.",
            "Fix the cause (see the log).",
            exception,
            path,
            Details(moduleId, ("table", table)));

    public static Error RowRejected(string moduleId, string table, int position, int count, Exception exception)
    {
        var sqlite = exception as SqliteException;
        var reason = sqlite is not null ? Describe(exception) : $"it could not be bound: {Describe(exception)}";
        var details = Details(moduleId, ("table", table), ("row", position.ToString(CultureInfo.InvariantCulture)));
        if (sqlite is not null)
        {
            details["sqliteErrorCode"] = sqlite.SqliteErrorCode.ToString(CultureInfo.InvariantCulture);
        }

        return Error.Validation(
            "sqlite.writer.row-rejected",
            $"Row {position.ToString(CultureInfo.InvariantCulture)} of a batch of {count.ToString(CultureInfo.InvariantCulture)} row(s) of module '{moduleId}' for table '{table}' was rejected and dropped; the batch's other rows were written: {reason} Fix or validate such rows before writing them; the row is passed to BatchFailed for safekeeping.",
            details);
    }

    public static Error BatchesFailedDuringFlush(string moduleId, string table, long failed, Error last) =>
        Error.Unavailable(
            "sqlite.writer.batch-failed",
            $"{failed.ToString(CultureInfo.InvariantCulture)} batch(es) of module '{moduleId}' for table '{table}' lost rows since the last flush (dropped after their retries, or rows rejected on their own). Last error: {last.Message}",
            Details(moduleId, ("table", table), ("lastErrorCode", last.Code)));

    public static Error WriterCrashed(string moduleId, string table, Exception exception) =>
        Error.Unexpected(
            "sqlite.writer.crashed",
            $"The batch writer of module '{moduleId}' for table '{table}' stopped unexpectedly ({exception.GetType().Name}: {exception.Message}) and accepts no more rows. This is a bug in Lodestar.Modules.Sqlite; restart the module.",
            exception,
            Details(moduleId, ("table", table)));

    public static Error DrainCancelled(string moduleId, string table, int pending) =>
        Error.Cancelled(
            "sqlite.writer.drain-cancelled",
            $"Stopped waiting for the batch writer of module '{moduleId}' for table '{table}' to drain; {pending.ToString(CultureInfo.InvariantCulture)} accepted row(s) are still being written in the background. Give the module a longer [Shutdown(GracefulSeconds)].",
            Details(moduleId, ("table", table)));

    public static Error RetentionInvalid(string moduleId, string table, string problem) =>
        Error.Validation(
            "sqlite.retention.invalid",
            $"The retention policy of module '{moduleId}' for table '{table}' is invalid: {problem}",
            Details(moduleId, ("table", table)));

    public static Error RetentionFailed(string moduleId, string path, string table, long deleted, Exception exception) =>
        FromException(
            "sqlite.retention.failed",
            $"Purging old rows from table '{table}' of module '{moduleId}' failed after {deleted.ToString(CultureInfo.InvariantCulture)} row(s) were deleted: {Describe(exception)}",
            "Check the table and timestamp column names, or run the module's migrations first.",
            exception,
            path,
            Details(moduleId, ("table", table)));

    public static Error SettingsInvalid(string table, string problem) =>
        Error.Validation(
            "sqlite.settings.invalid",
            $"The setting cannot be stored in table '{table}': {problem}",
            new Dictionary<string, string> { ["table"] = table });

    public static Error SettingsFailed(string moduleId, string table, string path, Exception exception) =>
        FromException(
            "sqlite.settings.failed",
            $"The settings of module '{moduleId}' in table '{table}' of '{path}' could not be read or written: {Describe(exception)}",
            "Check that the database file is writable.",
            exception,
            path,
            Details(moduleId, ("table", table), ("path", path)));

    public static Error SettingsReloadFailed(string moduleId, string table, Exception exception) =>
        Error.Unexpected(
            "sqlite.settings.reload-failed",
            $"The settings of module '{moduleId}' were saved in table '{table}', but reloading the configuration failed: {exception.Message} The new values apply after the next successful reload.",
            exception,
            Details(moduleId, ("table", table)));

    /// <summary>Describes a SQLite exception with SQLite's own message and result code.</summary>
    public static string Describe(Exception exception) =>
        exception is SqliteException sqlite
            ? $"SQLite error {sqlite.SqliteErrorCode.ToString(CultureInfo.InvariantCulture)} ({sqlite.SqliteExtendedErrorCode.ToString(CultureInfo.InvariantCulture)}): {sqlite.Message.TrimEnd('.')}."
            : $"{exception.GetType().Name}: {exception.Message.TrimEnd('.')}.";

    /// <summary>Whether the exception is SQLite saying another connection holds the lock.</summary>
    public static bool IsBusy(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked };

    /// <summary>
    /// What to do about SQLite failing for the environment around the database file rather than for
    /// the statement — the disk is full, an I/O error, an existing file that cannot be opened right
    /// now (extended result codes count as their primary code) — naming the file; <see langword="null"/>
    /// for anything else. Busy and locked databases, the other failures that retrying fixes, have
    /// their own advice in each message.
    /// </summary>
    /// <remarks>
    /// <c>SQLITE_CANTOPEN</c> counts only when the file exists: permissions changed, the process ran
    /// out of file handles, or the <c>-wal</c>/<c>-shm</c> files next to it cannot be created. Where
    /// no file is (a directory in its place, a path that cannot be created) it is the path that is wrong,
    /// and retrying does not help.
    /// </remarks>
    public static string? EnvironmentAdvice(Exception exception, string path)
    {
        if (exception is not SqliteException sqlite)
        {
            return null;
        }

        return (sqlite.SqliteErrorCode & 0xFF) switch
        {
            SqliteFull =>
                $"The disk that holds '{path}' is full, or the database reached its size limit: free disk space there (or move the database to a larger disk), then retry.",
            SqliteIoErr =>
                $"The operating system reported an I/O error reading or writing '{path}' or its '-wal' and '-shm' files: check the disk and the file system it is on (a failing, removed or network drive, a full quota), then retry.",
            SqliteCantOpen when File.Exists(path) =>
                $"'{path}' exists but could not be opened: check that this process may still read and write it and its directory (SQLite keeps '-wal' and '-shm' files next to it), that its drive is still there and that the process has file handles to spare, then retry.",
            _ => null,
        };
    }

    /// <summary>
    /// Whether SQLite could not compile or run a statement against the schema it found (the generic
    /// <c>SQLITE_ERROR</c>: no such table or column, and the like), as opposed to the file or the environment failing.
    /// </summary>
    public static bool IsSchemaError(SqliteException exception) =>
        (exception.SqliteErrorCode & 0xFF) == SqliteError;

    /// <summary>
    /// Whether SQLite rejected the row being written rather than failing for the database or the
    /// environment: a constraint, a type mismatch, a value too big or a parameter out of range
    /// (extended result codes count as their primary code). Retrying such a failure never helps.
    /// </summary>
    public static bool IsRowSpecific(SqliteException exception) =>
        (exception.SqliteErrorCode & 0xFF) is SqliteTooBig or SqliteConstraint or SqliteMismatch or SqliteRange;

    /// <summary>
    /// Makes the error of an operation that threw: <see cref="ErrorKind.Unavailable"/> when the
    /// environment failed (<see cref="EnvironmentAdvice"/>) or another connection held the database,
    /// so callers treat a full disk or an I/O error as they treat a busy database — retry later — and
    /// for the environment the message ends with what to do about it instead of <paramref name="fix"/>;
    /// <see cref="ErrorKind.Unexpected"/> with the exception otherwise.
    /// </summary>
    /// <param name="code">The operation's code; the same for every cause, so callers matching it keep working.</param>
    /// <param name="what">What failed and what became of the work, ending with SQLite's description.</param>
    /// <param name="fix">What to do when the statement, the schema or the path is at fault.</param>
    /// <param name="exception">What the operation threw.</param>
    /// <param name="path">The database file.</param>
    /// <param name="details">The error's details; <c>path</c> and <c>sqliteErrorCode</c> are added as they apply.</param>
    private static Error FromException(string code, string what, string fix, Exception exception, string path, Dictionary<string, string> details)
    {
        Error error;
        var advice = EnvironmentAdvice(exception, path);
        if (advice is not null)
        {
            details["path"] = path;
            error = Error.Unavailable(code, what + " " + advice, details);
        }
        else
        {
            var message = what + " " + fix;
            error = IsBusy(exception)
                ? Error.Unavailable(code, message, details)
                : Error.Unexpected(code, message, exception, details);
        }

        if (exception is SqliteException sqlite)
        {
            error = error.WithDetail("sqliteErrorCode", sqlite.SqliteErrorCode.ToString(CultureInfo.InvariantCulture));
        }

        return error;
    }

    /// <summary>The details of an error about one migration: the module, the migration's name and version, and <paramref name="more"/>.</summary>
    private static Dictionary<string, string> MigrationDetails(string moduleId, SqliteMigration migration, params (string Key, string Value)[] more)
    {
        var details = Details(moduleId, ("migration", migration.Name), ("version", migration.Version.ToString(CultureInfo.InvariantCulture)));
        foreach (var (key, value) in more)
        {
            details[key] = value;
        }

        return details;
    }

    private static Dictionary<string, string> Details(string moduleId, params (string Key, string Value)[] more)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["moduleId"] = moduleId };
        foreach (var (key, value) in more)
        {
            details[key] = value;
        }

        return details;
    }
}
