using System.Diagnostics.CodeAnalysis;
using Lodestar.Results;
using Microsoft.Data.Sqlite;

namespace Lodestar.Modules.Sqlite;

/// <summary>
/// A module's SQLite database: by default the file <c>{DataDirectory}/{module-id}.db</c>. Every
/// connection it opens runs in WAL mode with <c>synchronous=NORMAL</c>, <c>foreign_keys=ON</c> and
/// the configured busy timeout. Get it with <c>context.GetSqliteStore()</c> or
/// <see cref="ISqliteStoreProvider.GetStore"/>.
/// </summary>
/// <remarks>
/// <para>
/// Expected failures (a busy or unreadable file, a failing statement, cancellation) come back as
/// failed <see cref="Result"/>s with <c>sqlite.*</c> codes whose messages name the module and the fix.
/// A busy database, a full disk, an I/O error or a file that exists but cannot be opened is
/// <see cref="ErrorKind.Unavailable"/> in every operation: the same work can succeed later.
/// Writes of one store (units of work, batch writer batches, migrations, retention batches) take
/// turns in this process; other processes are kept apart by SQLite's own write lock.
/// </para>
/// <para>
/// SQL text passed to the helpers is fixed: the parameter is marked <see cref="ConstantExpectedAttribute"/>,
/// so analyzer CA1857 reports SQL built at run time. Values always go in as parameters.
/// </para>
/// </remarks>
public interface ISqliteStore
{
    /// <summary>Gets the id of the module that owns the store.</summary>
    string ModuleId { get; }

    /// <summary>Gets the full path of the database file.</summary>
    string DatabasePath { get; }

    /// <summary>
    /// Opens a connection with the pragmas in effect, for code that needs the raw ADO.NET API.
    /// Dispose it when done; it returns to the pool. <c>foreign_keys</c> is on even if an earlier
    /// user of the pooled connection turned it off. Prefer <see cref="WriteAsync(Func{ISqliteUnitOfWork, CancellationToken, ValueTask{Result}}, CancellationToken)"/> for writes.
    /// </summary>
    /// <param name="cancellationToken">Cancels before the connection is opened.</param>
    /// <returns>The open connection, or <c>sqlite.store.open-failed</c>.</returns>
    ValueTask<Result<SqliteConnection>> OpenConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies the migrations that are not applied yet, in version order, each in its own
    /// <c>BEGIN IMMEDIATE</c> transaction, and records each in <c>__lodestar_migrations</c> under the
    /// module's id (modules sharing a file keep their own migrations).
    /// Processes migrating the same file at once apply each migration exactly once. Migrations run
    /// with foreign keys off (so a table can be rebuilt without cascading deletes into its child
    /// tables) and <c>PRAGMA foreign_key_check</c> runs before each commits; the connection has
    /// foreign keys on again before it goes back to the pool.
    /// </summary>
    /// <param name="migrations">Every migration of the module, old and new, in any order.</param>
    /// <param name="cancellationToken">Cancels between migrations.</param>
    /// <returns>
    /// How many migrations this call applied; or <c>sqlite.migration.failed</c> (the migration was
    /// rolled back completely, also when it left rows violating a foreign key; earlier ones stay; or
    /// the migrations table could not be created or read, e.g. on a full disk), <c>sqlite.migration.drift</c> (an applied
    /// migration changed), <c>sqlite.migration.unknown</c>, <c>sqlite.migration.out-of-order</c>,
    /// <c>sqlite.migration.invalid</c> (duplicate versions, or a migrations table of the wrong shape), <c>sqlite.migration.busy</c> (another connection held the
    /// database; retry) or <c>sqlite.cancelled</c> (naming how many were applied and stay).
    /// </returns>
    ValueTask<Result<int>> MigrateAsync(IEnumerable<SqliteMigration> migrations, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs a unit of work inside <c>BEGIN IMMEDIATE</c>: commits when it returns success, rolls back
    /// when it returns a failure, throws, is cancelled, or any of its commands failed.
    /// </summary>
    /// <param name="work">The work; use the <see cref="ISqliteUnitOfWork"/> only inside it.</param>
    /// <param name="cancellationToken">Passed to <paramref name="work"/>; also cancels waiting for the write lock.</param>
    /// <returns>Success once committed; otherwise the work's error, <c>sqlite.command.failed</c>, <c>sqlite.write.exception</c>, <c>sqlite.write.failed</c> or <c>sqlite.cancelled</c>.</returns>
    /// <remarks>
    /// Units of work of one store run one at a time, and batches of its writers wait for them. Keep
    /// them short, and never wait inside one for another write of the same store (a nested
    /// <c>WriteAsync</c>, or a batch writer's <see cref="ISqliteBatchWriter{T}.FlushAsync"/>): that
    /// write waits for this one to finish.
    /// </remarks>
    ValueTask<Result> WriteAsync(Func<ISqliteUnitOfWork, CancellationToken, ValueTask<Result>> work, CancellationToken cancellationToken = default);

    /// <summary>Runs a unit of work that returns a value, with the same rules as the other overload.</summary>
    /// <typeparam name="T">The type of the value.</typeparam>
    /// <param name="work">The work; use the <see cref="ISqliteUnitOfWork"/> only inside it.</param>
    /// <param name="cancellationToken">Passed to <paramref name="work"/>; also cancels waiting for the write lock.</param>
    /// <returns>The value once committed; otherwise the error.</returns>
    ValueTask<Result<T>> WriteAsync<T>(Func<ISqliteUnitOfWork, CancellationToken, ValueTask<Result<T>>> work, CancellationToken cancellationToken = default);

    /// <summary>Runs a read-only query outside any unit of work and maps every row.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="sql">The SQL text, with <c>$name</c> placeholders for values.</param>
    /// <param name="map">Maps the current row; called once per row.</param>
    /// <param name="parameters">Adds the values, e.g. <c>p =&gt; p.AddWithValue("$since", since.ToUniversalTime().ToString("O"))</c> (timestamps as ISO-8601 UTC text, as retention compares them); <see langword="null"/> when there are none.</param>
    /// <param name="cancellationToken">Cancels between rows.</param>
    /// <returns>The rows, or <c>sqlite.query.failed</c> / <c>sqlite.store.open-failed</c> with SQLite's message.</returns>
    ValueTask<Result<IReadOnlyList<T>>> QueryAsync<T>([ConstantExpected] string sql, Func<SqliteDataReader, T> map, Action<SqliteParameterCollection>? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a batch writer for high-volume inserts into one table: a bounded queue flushed in the
    /// background by size or interval, one transaction and one prepared command per batch.
    /// Dispose it (or call <see cref="ISqliteBatchWriter{T}.CompleteAsync"/>) when the module stops:
    /// that drains every accepted row.
    /// </summary>
    /// <typeparam name="T">The type of the rows.</typeparam>
    /// <param name="options">The table, columns, binder and tuning.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>The writer; or <c>sqlite.writer.options-invalid</c>, <c>sqlite.identifier.invalid</c> or <c>sqlite.writer.prepare-failed</c> (e.g. the table does not exist yet).</returns>
    ValueTask<Result<ISqliteBatchWriter<T>>> CreateBatchWriterAsync<T>(SqliteBatchWriterOptions<T> options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the rows older than <see cref="SqliteRetentionPolicy.MaxAge"/> (measured from the
    /// store's <see cref="TimeProvider"/>), in transactions of at most
    /// <see cref="SqliteRetentionPolicy.BatchSize"/> rows, so writers wait for one batch at most.
    /// </summary>
    /// <param name="policy">The table, timestamp column, age and batch size.</param>
    /// <param name="cancellationToken">Cancels between batches.</param>
    /// <returns>How many rows were deleted in how many batches; or <c>sqlite.identifier.invalid</c>, <c>sqlite.retention.invalid</c>, <c>sqlite.retention.failed</c> or <c>sqlite.cancelled</c>.</returns>
    ValueTask<Result<SqlitePurgeResult>> PurgeAsync(SqliteRetentionPolicy policy, CancellationToken cancellationToken = default);

    /// <summary>
    /// Checks the store for the module's own health check: runs a trivial query and reports its
    /// latency. <see cref="HealthStatus.Down"/> with the error when the file cannot be opened;
    /// <see cref="HealthStatus.Degraded"/> while one of the store's batch writers is backed up
    /// (its queue at least 80 % full) or failing (retrying, or its last batch was dropped or had rows rejected).
    /// </summary>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>The report; <see cref="HealthReport.Data"/> holds the writers' pending rows, failed batches and dropped rows.</returns>
    ValueTask<HealthReport> CheckHealthAsync(CancellationToken cancellationToken = default);
}
