using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Lodestar.Results;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Lodestar.Modules.Sqlite;

/// <summary>A module's database file: connections with pragmas, one in-process write gate, units of work, reads, health, and the writers it created.</summary>
internal sealed class SqliteStore : ISqliteStore, IAsyncDisposable
{
    private readonly Lock _writersLock = new();
    private readonly List<ISqliteStoreWriter> _writers = [];
    private int _disposed;

    public SqliteStore(string moduleId, string databasePath, TimeSpan busyTimeout, SemaphoreSlim writeGate, TimeProvider timeProvider, ILogger logger)
    {
        ModuleId = moduleId;
        WriteGate = writeGate;
        TimeProvider = timeProvider;
        Logger = logger;
        Connections = new SqliteConnectionFactory(moduleId, databasePath, busyTimeout, logger);
    }

    public string ModuleId { get; }

    public string DatabasePath => Connections.DatabasePath;

    internal SqliteConnectionFactory Connections { get; }

    /// <summary>
    /// Gets the gate every write to this store's file passes, shared by every store on the same file,
    /// so writes in this process take turns instead of spinning on SQLite's lock.
    /// </summary>
    internal SemaphoreSlim WriteGate { get; }

    internal TimeProvider TimeProvider { get; }

    internal ILogger Logger { get; }

    public ValueTask<Result<SqliteConnection>> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (cancellationToken.IsCancellationRequested)
        {
            return new(SqliteErrors.Cancelled(ModuleId, "Opening a connection"));
        }

        return new(Open());
    }

    public ValueTask<Result<int>> MigrateAsync(IEnumerable<SqliteMigration> migrations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        ThrowIfDisposed();
        return SqliteMigrator.MigrateAsync(this, migrations, cancellationToken);
    }

    public async ValueTask<Result> WriteAsync(Func<ISqliteUnitOfWork, CancellationToken, ValueTask<Result>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var outcome = await WriteAsync<bool>(
            async (unit, token) =>
            {
                var result = await work(unit, token).ConfigureAwait(false);
                return result.IsSuccess ? true : result.Error;
            },
            cancellationToken).ConfigureAwait(false);
        return outcome.ToResult();
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types",
        Justification = "Any exception from the unit of work must roll it back; it is logged and returned as a sqlite.write.exception error with the exception attached.")]
    public async ValueTask<Result<T>> WriteAsync<T>(Func<ISqliteUnitOfWork, CancellationToken, ValueTask<Result<T>>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ThrowIfDisposed();
        try
        {
            await WriteGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return SqliteErrors.Cancelled(ModuleId, "A unit of work");
        }

        try
        {
            var opened = Open();
            if (opened.IsFailure)
            {
                return opened.Error;
            }

            var connection = opened.Value;
            await using (connection.ConfigureAwait(false))
            {
                SqliteTransaction transaction;
                try
                {
                    transaction = connection.BeginTransaction(deferred: false);
                }
                catch (SqliteException exception)
                {
                    return SqliteErrors.TransactionFailed(ModuleId, DatabasePath, "begin its transaction (BEGIN IMMEDIATE)", exception);
                }

                await using (transaction.ConfigureAwait(false))
                {
                    // Disposed before the transaction and the connection: the hook stays with the pooled handle otherwise.
                    using var guard = SqliteCommitGuard.Install(connection);
                    var unit = new SqliteUnitOfWork(ModuleId, DatabasePath, connection, transaction, guard);
                    Result<T> outcome;
                    try
                    {
                        outcome = await work(unit, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                    {
                        unit.Complete();
                        Rollback(transaction);
                        return SqliteErrors.Cancelled(ModuleId, "A unit of work");
                    }
                    catch (Exception exception)
                    {
                        unit.Complete();
                        Rollback(transaction);
                        Log.UnitOfWorkThrew(Logger, ModuleId, exception);
                        return SqliteErrors.UnitOfWorkThrew(ModuleId, exception);
                    }

                    unit.Complete();
                    if (outcome.IsFailure || unit.FirstFailure is not null)
                    {
                        Rollback(transaction);
                        return outcome.IsFailure ? outcome : unit.FirstFailure!;
                    }

                    if (guard.TransactionEnded)
                    {
                        // The work ended the transaction itself (a ROLLBACK through Connection): nothing to commit.
                        return SqliteErrors.UnitOfWorkEndedTransaction(ModuleId);
                    }

                    try
                    {
                        guard.AllowCommit();
                        transaction.Commit();
                    }
                    catch (SqliteException exception)
                    {
                        return SqliteErrors.TransactionFailed(ModuleId, DatabasePath, "commit", exception);
                    }

                    return outcome;
                }
            }
        }
        finally
        {
            WriteGate.Release();
        }
    }

    public async ValueTask<Result<IReadOnlyList<T>>> QueryAsync<T>([ConstantExpected] string sql, Func<SqliteDataReader, T> map, Action<SqliteParameterCollection>? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentNullException.ThrowIfNull(map);
        ThrowIfDisposed();
        if (cancellationToken.IsCancellationRequested)
        {
            return SqliteErrors.Cancelled(ModuleId, "A query");
        }

        var opened = Open();
        if (opened.IsFailure)
        {
            return opened.Error;
        }

        var connection = opened.Value;
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                var command = SqliteCommands.Create(connection, transaction: null, sql, parameters);
                await using (command.ConfigureAwait(false))
                {
                    return Result.Success(await SqliteCommands.ReadAllAsync(command, map, cancellationToken).ConfigureAwait(false));
                }
            }
            catch (SqliteException exception)
            {
                return SqliteErrors.QueryFailed(ModuleId, DatabasePath, exception);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return SqliteErrors.Cancelled(ModuleId, "A query");
            }
        }
    }

    public ValueTask<Result<ISqliteBatchWriter<T>>> CreateBatchWriterAsync<T>(SqliteBatchWriterOptions<T> options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfDisposed();
        if (cancellationToken.IsCancellationRequested)
        {
            return new(SqliteErrors.Cancelled(ModuleId, "Creating a batch writer"));
        }

        return new(SqliteBatchWriter<T>.Create(this, options));
    }

    public ValueTask<Result<SqlitePurgeResult>> PurgeAsync(SqliteRetentionPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ThrowIfDisposed();
        return SqliteRetention.PurgeAsync(this, policy, cancellationToken);
    }

    public ValueTask<HealthReport> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = TimeProvider.GetTimestamp();
        try
        {
            using var connection = Connections.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master;";
            command.ExecuteScalar();
        }
        catch (Exception exception) when (IsOpenFailure(exception))
        {
            var error = SqliteErrors.OpenFailed(ModuleId, DatabasePath, exception);
            return new(HealthReport.Down($"The SQLite database of module '{ModuleId}' cannot be opened.", error)
                .WithLatency(TimeProvider.GetElapsedTime(started)));
        }

        var latency = TimeProvider.GetElapsedTime(started);
        return new(DescribeWriters(latency));
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        ISqliteStoreWriter[] writers;
        lock (_writersLock)
        {
            writers = [.. _writers];
        }

        foreach (var writer in writers)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            var statistics = writer.Statistics;
            if (statistics.Pending > 0)
            {
                Log.WriterDisposeFailed(Logger, ModuleId, $"{statistics.Pending.ToString(CultureInfo.InvariantCulture)} row(s) for table '{writer.Table}' were not written.");
            }
        }

        Connections.ClearPool();
    }

    internal Result<SqliteConnection> Open()
    {
        try
        {
            return Connections.Open();
        }
        catch (Exception exception) when (IsOpenFailure(exception))
        {
            return SqliteErrors.OpenFailed(ModuleId, DatabasePath, exception);
        }
    }

    internal void Register(ISqliteStoreWriter writer)
    {
        lock (_writersLock)
        {
            _writers.Add(writer);
        }
    }

    internal void Unregister(ISqliteStoreWriter writer)
    {
        lock (_writersLock)
        {
            _writers.Remove(writer);
        }
    }

    internal void Rollback(SqliteTransaction transaction)
    {
        try
        {
            transaction.Rollback();
        }
        catch (Exception exception) when (exception is SqliteException or InvalidOperationException)
        {
            Log.RollbackFailed(Logger, ModuleId, exception);
        }
    }

    private static bool IsOpenFailure(Exception exception) =>
        exception is SqliteException or IOException or UnauthorizedAccessException;

    private HealthReport DescribeWriters(TimeSpan latency)
    {
        ISqliteStoreWriter[] writers;
        lock (_writersLock)
        {
            writers = [.. _writers];
        }

        var pending = 0L;
        var failedBatches = 0L;
        var droppedRows = 0L;
        var status = HealthStatus.Healthy;
        string? description = null;
        Error? lastError = null;
        foreach (var writer in writers)
        {
            var statistics = writer.Statistics;
            pending += statistics.Pending;
            failedBatches += statistics.FailedBatches;
            droppedRows += statistics.DroppedRows;
            if (statistics.IsFailing)
            {
                status = HealthStatus.Degraded;
                lastError = statistics.LastError ?? lastError;
                description = $"The batch writer for table '{writer.Table}' is failing: {statistics.LastError?.Message ?? "a batch is being retried"}";
            }
            else if (statistics.IsBackedUp && status == HealthStatus.Healthy)
            {
                status = HealthStatus.Degraded;
                description = string.Create(
                    CultureInfo.InvariantCulture,
                    $"The batch writer for table '{writer.Table}' is backed up: {statistics.Pending:N0} of {statistics.Capacity:N0} rows waiting.");
            }
        }

        var data = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["databasePath"] = DatabasePath,
            ["pendingRows"] = pending,
            ["failedBatches"] = failedBatches,
            ["droppedRows"] = droppedRows,
        };

        return new HealthReport(status, description, latency, lastError, uptime: null, data);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
}
