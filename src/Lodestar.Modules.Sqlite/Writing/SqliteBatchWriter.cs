using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using Lodestar.Results;
using Microsoft.Data.Sqlite;

namespace Lodestar.Modules.Sqlite;

/// <summary>
/// The batch writer: producers pass a room semaphore (the bounded capacity) and an unbounded
/// channel; one background loop batches rows, flush requests and timer ticks in queue order and
/// writes each batch through the store's write gate, in one transaction with a prepared command it
/// keeps for its whole life.
/// </summary>
/// <typeparam name="T">The type of the rows.</typeparam>
internal sealed class SqliteBatchWriter<T> : ISqliteBatchWriter<T>, ISqliteStoreWriter
{
    private const int MaxBatchSize = 100_000;
    private const int MaxCapacity = 10_000_000;
    private const int MaxRetries = 10;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    private readonly SqliteStore _store;
    private readonly string _insertSql;
    private readonly int _columnCount;
    private readonly Action<T, object?[]> _bind;
    private readonly int _batchSize;
    private readonly int _capacity;
    private readonly TimeSpan _flushInterval;
    private readonly int _maxRetries;
    private readonly TimeSpan _retryDelay;
    private readonly Action<IReadOnlyList<T>>? _batchCommitted;
    private readonly Action<IReadOnlyList<T>, Error>? _batchFailed;
    private readonly Channel<Entry> _queue = Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _room;
    private readonly List<T> _batch;
    private readonly object?[] _values;
    private readonly ITimer _flushTimer;
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SqliteConnection? _connection;
    private SqliteCommand? _command;
    private SqliteParameter[] _parameters = [];
    private Task _loop = Task.CompletedTask;
    private int _disposeStarted;
    private long _timerGeneration;
    private int _pending;
    private long _committedBatches;
    private long _committedRows;
    private long _failedBatches;

    /// <summary>
    /// The <see cref="_failedBatches"/> count the last completed flush reported through: a flush reports
    /// the batches that failed after it, so a batch dropped before the flush was asked for (a full batch
    /// is written at once) is still reported, once.
    /// </summary>
    private long _reportedFailedBatches;
    private long _droppedRows;
    private int _commandsPrepared;
    private volatile bool _failing;
    private volatile bool _closed;
    private volatile Error? _lastError;
    private volatile Error? _crash;

    private SqliteBatchWriter(SqliteStore store, SqliteBatchWriterOptions<T> options, string table, string insertSql)
    {
        _store = store;
        Table = table;
        _insertSql = insertSql;
        _columnCount = options.Columns.Count;
        _bind = options.Bind;
        _batchSize = options.BatchSize;
        _capacity = options.Capacity;
        _flushInterval = options.FlushInterval;
        _maxRetries = options.MaxRetries;
        _retryDelay = options.RetryDelay;
        _batchCommitted = options.BatchCommitted;
        _batchFailed = options.BatchFailed;
        _room = new SemaphoreSlim(_capacity, _capacity);
        _batch = new List<T>(_batchSize);
        _values = new object?[_columnCount];
        _flushTimer = store.TimeProvider.CreateTimer(
            static state => ((SqliteBatchWriter<T>)state!).OnFlushTimer(),
            this,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
    }

    private enum EntryKind
    {
        Row,
        Tick,
        Flush,
    }

    public string Table { get; }

    public SqliteBatchWriterStatistics Statistics => new()
    {
        Pending = Volatile.Read(ref _pending),
        Capacity = _capacity,
        CommittedBatches = Interlocked.Read(ref _committedBatches),
        CommittedRows = Interlocked.Read(ref _committedRows),
        FailedBatches = Interlocked.Read(ref _failedBatches),
        DroppedRows = Interlocked.Read(ref _droppedRows),
        IsFailing = _failing || _crash is not null,
        LastError = _crash ?? _lastError,
    };

    /// <summary>Gets how many times the insert command was prepared (once per physical connection the writer used).</summary>
    internal int CommandsPrepared => Volatile.Read(ref _commandsPrepared);

    public static Result<ISqliteBatchWriter<T>> Create(SqliteStore store, SqliteBatchWriterOptions<T> options)
    {
        var moduleId = store.ModuleId;
        var table = SqliteIdentifier.Quote(moduleId, "table", options.Table);
        if (table.IsFailure)
        {
            return table.Error;
        }

        var problem = Validate(options);
        if (problem is not null)
        {
            return SqliteErrors.WriterOptionsInvalid(moduleId, options.Table, problem);
        }

        var sql = new StringBuilder("INSERT INTO ").Append(table.Value).Append(" (");
        for (var i = 0; i < options.Columns.Count; i++)
        {
            var column = SqliteIdentifier.Quote(moduleId, "column", options.Columns[i]);
            if (column.IsFailure)
            {
                return column.Error;
            }

            sql.Append(i == 0 ? string.Empty : ", ").Append(column.Value);
        }

        sql.Append(") VALUES (");
        for (var i = 0; i < options.Columns.Count; i++)
        {
            sql.Append(i == 0 ? "$p" : ", $p").Append(i.ToString(CultureInfo.InvariantCulture));
        }

        sql.Append(");");

        var writer = new SqliteBatchWriter<T>(store, options, options.Table, sql.ToString());
        try
        {
            writer.EnsureCommand();
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
        {
            writer.CloseConnection();
            writer._flushTimer.Dispose();
            return SqliteErrors.WriterPrepareFailed(moduleId, store.DatabasePath, options.Table, exception);
        }

        store.Register(writer);
        writer._loop = Task.Run(writer.RunAsync);
        return writer;
    }

    public ValueTask<Result> WriteAsync(T item, CancellationToken cancellationToken = default)
    {
        if (_closed)
        {
            return new(ClosedError());
        }

        return _room.Wait(0, CancellationToken.None) ? new(Enqueue(item)) : WriteWhenRoomAsync(item, cancellationToken);
    }

    public Result TryWrite(T item)
    {
        if (_closed)
        {
            return ClosedError();
        }

        return _room.Wait(0, CancellationToken.None) ? Enqueue(item) : SqliteErrors.WriterFull(_store.ModuleId, Table, _capacity);
    }

    public async ValueTask<Result> FlushAsync(CancellationToken cancellationToken = default)
    {
        var request = new FlushRequest(Interlocked.Read(ref _reportedFailedBatches));
        if (!_queue.Writer.TryWrite(new Entry(default!, EntryKind.Flush, 0, request)))
        {
            // Completing: the loop writes every accepted row before it ends, so waiting for it is the
            // flush; batches that lost rows meanwhile are reported as a flush would report them.
            var drained = await WaitForLoopAsync(cancellationToken).ConfigureAwait(false);
            if (drained.IsFailure)
            {
                return drained;
            }

            CompleteFlush(request);
            return await request.Done.Task.ConfigureAwait(false);
        }

        try
        {
            return await request.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return SqliteErrors.Cancelled(_store.ModuleId, "Waiting for the batch writer to flush");
        }
    }

    public async ValueTask<Result> CompleteAsync(CancellationToken cancellationToken = default)
    {
        _closed = true;
        _queue.Writer.TryComplete();
        return await WaitForLoopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposeStarted, 1) == 0)
        {
            await CompleteAsync(CancellationToken.None).ConfigureAwait(false);
            await _flushTimer.DisposeAsync().ConfigureAwait(false);
            _store.Unregister(this);
            _disposed.TrySetResult();
        }

        await _disposed.Task.ConfigureAwait(false);
    }

    private static string? Validate(SqliteBatchWriterOptions<T> options)
    {
        if (options.Columns.Count == 0)
        {
            return "Columns is empty. Name at least one column.";
        }

        if (options.BatchSize is < 1 or > MaxBatchSize)
        {
            return $"BatchSize is {options.BatchSize.ToString(CultureInfo.InvariantCulture)}; use 1 to {MaxBatchSize.ToString(CultureInfo.InvariantCulture)}.";
        }

        if (options.Capacity is < 1 or > MaxCapacity)
        {
            return $"Capacity is {options.Capacity.ToString(CultureInfo.InvariantCulture)}; use 1 to {MaxCapacity.ToString(CultureInfo.InvariantCulture)}.";
        }

        if (options.BatchSize > options.Capacity)
        {
            return $"BatchSize ({options.BatchSize.ToString(CultureInfo.InvariantCulture)}) is larger than Capacity ({options.Capacity.ToString(CultureInfo.InvariantCulture)}), so a batch could never fill. Lower BatchSize or raise Capacity.";
        }

        if (options.FlushInterval <= TimeSpan.Zero || options.FlushInterval == Timeout.InfiniteTimeSpan)
        {
            return $"FlushInterval is {options.FlushInterval}; use a positive, finite time.";
        }

        if (options.MaxRetries is < 0 or > MaxRetries)
        {
            return $"MaxRetries is {options.MaxRetries.ToString(CultureInfo.InvariantCulture)}; use 0 to {MaxRetries.ToString(CultureInfo.InvariantCulture)}.";
        }

        if (options.RetryDelay < TimeSpan.Zero || options.RetryDelay > MaxRetryDelay)
        {
            return $"RetryDelay is {options.RetryDelay}; use zero to {MaxRetryDelay}.";
        }

        return null;
    }

    private Result Enqueue(T item)
    {
        Interlocked.Increment(ref _pending);
        if (_queue.Writer.TryWrite(new Entry(item, EntryKind.Row, 0, null)))
        {
            return Result.Success();
        }

        Interlocked.Decrement(ref _pending);
        _room.Release();
        return ClosedError();
    }

    private async ValueTask<Result> WriteWhenRoomAsync(T item, CancellationToken cancellationToken)
    {
        try
        {
            await _room.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return SqliteErrors.Cancelled(_store.ModuleId, "Waiting for room in the batch writer");
        }

        if (_closed)
        {
            _room.Release();
            return ClosedError();
        }

        return Enqueue(item);
    }

    private Error ClosedError() => _crash ?? SqliteErrors.WriterClosed(_store.ModuleId, Table);

    private async ValueTask<Result> WaitForLoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var pending = Volatile.Read(ref _pending);
            Log.WriterDrainCancelled(_store.Logger, _store.ModuleId, Table, pending);
            return SqliteErrors.DrainCancelled(_store.ModuleId, Table, pending);
        }

        return _crash is { } crash ? crash : Result.Success();
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types",
        Justification = "The loop must never die silently: a bug is logged as critical, reported through Statistics/health and closes the writer.")]
    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var entry))
                {
                    switch (entry.Kind)
                    {
                        case EntryKind.Row:
                            if (_batch.Count == 0)
                            {
                                ArmFlushTimer();
                            }

                            _batch.Add(entry.Row);
                            if (_batch.Count >= _batchSize)
                            {
                                await WriteBatchAsync().ConfigureAwait(false);
                            }

                            break;
                        case EntryKind.Tick:
                            if (entry.Generation == Interlocked.Read(ref _timerGeneration) && _batch.Count > 0)
                            {
                                await WriteBatchAsync().ConfigureAwait(false);
                            }

                            break;
                        case EntryKind.Flush:
                            if (_batch.Count > 0)
                            {
                                await WriteBatchAsync().ConfigureAwait(false);
                            }

                            CompleteFlush(entry.Flush!);
                            break;
                    }
                }
            }

            if (_batch.Count > 0)
            {
                await WriteBatchAsync().ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            Crash(exception);
        }
        finally
        {
            DisarmFlushTimer();
            CloseConnection();
        }
    }

    private void Crash(Exception exception)
    {
        _crash = SqliteErrors.WriterCrashed(_store.ModuleId, Table, exception);
        _closed = true;
        _queue.Writer.TryComplete();
        Log.WriterCrashed(_store.Logger, _store.ModuleId, Table, Volatile.Read(ref _pending), exception);

        // Nothing more will be written: count what is lost, wake producers and flush waiters.
        var lost = _batch.Count;
        _batch.Clear();
        while (_queue.Reader.TryRead(out var entry))
        {
            if (entry.Kind == EntryKind.Row)
            {
                lost++;
            }
            else if (entry.Kind == EntryKind.Flush)
            {
                entry.Flush!.Done.TrySetResult(_crash);
            }
        }

        Interlocked.Add(ref _droppedRows, lost);
        Interlocked.Add(ref _pending, -lost);
        if (lost > 0)
        {
            _room.Release(lost);
        }
    }

    private async ValueTask WriteBatchAsync()
    {
        DisarmFlushTimer();
        var count = _batch.Count;
        for (var attempt = 1; ; attempt++)
        {
            var failure = await TryCommitAsync(0, count).ConfigureAwait(false);
            if (failure is null)
            {
                _failing = false;
                Interlocked.Increment(ref _committedBatches);
                Interlocked.Add(ref _committedRows, count);
                Notify(_batchCommitted, _batch);
                break;
            }

            if (failure.Value.IsRowSpecific)
            {
                // The attempts before this one failed for another reason and spent retries of the batch.
                await IsolateAsync(failure.Value.Exception, attempt - 1).ConfigureAwait(false);
                break;
            }

            if (attempt > _maxRetries)
            {
                Interlocked.Increment(ref _failedBatches);
                Drop(0, count, attempt, failure.Value.Exception);
                break;
            }

            await BackOffAsync(count, attempt, failure.Value.Exception).ConfigureAwait(false);
        }

        _batch.Clear();
        Interlocked.Add(ref _pending, -count);
        _room.Release(count);
    }

    /// <summary>
    /// Writes a batch that a row of it made fail: halves it, each half in its own transaction, and
    /// halves the parts that fail because of a row again down to single rows, so every row that can
    /// be written is committed and only the rows that fail on their own are rejected. A part that
    /// fails for another reason is retried with backoff; the parts share the batch's retries, and once
    /// they are spent the rest of the batch is dropped in one piece. Afterwards the batch holds the
    /// committed rows only, in queue order.
    /// </summary>
    /// <param name="failure">Why the whole batch failed.</param>
    /// <param name="retriesSpent">The retries the batch already spent before a row of it made it fail.</param>
    private async ValueTask IsolateAsync(Exception failure, int retriesSpent)
    {
        var count = _batch.Count;
        Log.BatchSplitting(_store.Logger, _store.ModuleId, count, Table, SqliteErrors.Describe(failure));
        var parts = new Stack<(int Start, int Count)>();
        var kept = 0;
        var retries = retriesSpent;
        Split(0, count, failure);
        while (parts.TryPop(out var part))
        {
            var partFailure = await TryCommitAsync(part.Start, part.Count).ConfigureAwait(false);
            if (partFailure is null)
            {
                // Move the committed rows down over the lost ones; parts still to write lie above.
                for (var i = 0; i < part.Count; i++)
                {
                    _batch[kept + i] = _batch[part.Start + i];
                }

                kept += part.Count;
            }
            else if (partFailure.Value.IsRowSpecific)
            {
                Split(part.Start, part.Count, partFailure.Value.Exception);
            }
            else if (retries >= _maxRetries)
            {
                // The retries are the batch's, not each part's: once they are spent the database is
                // still failing, so the rest of the batch (this part and every part above it) is
                // dropped at once instead of waiting out the same backoff again for each part.
                Drop(part.Start, count - part.Start, retries + 1, partFailure.Value.Exception);
                break;
            }
            else
            {
                retries++;
                await BackOffAsync(part.Count, retries, partFailure.Value.Exception).ConfigureAwait(false);
                parts.Push(part);
            }
        }

        var lost = count - kept;
        _batch.RemoveRange(kept, lost);
        _failing = lost > 0;
        if (lost > 0)
        {
            Interlocked.Increment(ref _failedBatches);
        }

        if (kept > 0)
        {
            Interlocked.Increment(ref _committedBatches);
            Interlocked.Add(ref _committedRows, kept);
            Notify(_batchCommitted, _batch);
        }

        // Pushes the halves of a failed part (first half on top, to keep queue order), or rejects a single row.
        void Split(int start, int length, Exception cause)
        {
            if (length == 1)
            {
                Reject(start, count, cause);
                return;
            }

            var half = length / 2;
            parts.Push((start + half, length - half));
            parts.Push((start, half));
        }
    }

    /// <summary>Completes a flush with the batches that failed since the last flush reported, and marks them reported.</summary>
    private void CompleteFlush(FlushRequest request)
    {
        // Marked before the caller resumes, so a flush it asks for next does not report them again. A
        // plain write: only the loop completes flushes while it runs, and after it ended the count no
        // longer moves, so every write is at least the one before.
        var failed = Interlocked.Read(ref _failedBatches);
        Interlocked.Exchange(ref _reportedFailedBatches, failed);
        request.Complete(failed, _lastError, _store.ModuleId, Table);
    }

    /// <summary>Marks the writer failing, logs the failed attempt and waits the backoff before the next one.</summary>
    private Task BackOffAsync(int count, int attempt, Exception failure)
    {
        _failing = true;
        var delay = _retryDelay * Math.Pow(2, attempt - 1);
        Log.BatchRetrying(_store.Logger, _store.ModuleId, count, Table, attempt, _maxRetries + 1, delay, SqliteErrors.Describe(failure));
        return delay > TimeSpan.Zero ? Task.Delay(delay, _store.TimeProvider) : Task.CompletedTask;
    }

    /// <summary>Drops rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1 of the batch after their retries: counts, logs and reports them.</summary>
    private void Drop(int start, int count, int attempts, Exception failure)
    {
        var error = SqliteErrors.BatchFailed(_store.ModuleId, _store.DatabasePath, Table, count, attempts, failure);
        _lastError = error;
        _failing = true;
        Interlocked.Add(ref _droppedRows, count);
        Log.BatchDropped(_store.Logger, _store.ModuleId, count, Table, attempts, error.Code, error.Message, failure);
        NotifyFailed(CollectionsMarshal.AsSpan(_batch).Slice(start, count).ToArray(), error);
    }

    /// <summary>Rejects the row at <paramref name="index"/> of a batch of <paramref name="count"/> rows that failed on its own: counts, logs and reports it.</summary>
    private void Reject(int index, int count, Exception failure)
    {
        var error = SqliteErrors.RowRejected(_store.ModuleId, Table, index + 1, count, failure);
        _lastError = error;
        _failing = true;
        Interlocked.Increment(ref _droppedRows);
        Log.RowRejected(_store.Logger, _store.ModuleId, index + 1, count, Table, error.Code, error.Message, failure);
        NotifyFailed([_batch[index]], error);
    }

    /// <summary>
    /// Writes rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="count"/> - 1
    /// of the batch in one transaction; returns the failure, or <see langword="null"/> once committed.
    /// </summary>
    [SuppressMessage("Design", "CA1031:Do not catch general exception types",
        Justification = "Any failure of a batch (SQLite, I/O, or the caller's bind delegate) is classified, retried or isolated, then reported; it must not stop the writer.")]
    private async ValueTask<CommitFailure?> TryCommitAsync(int start, int count)
    {
        await _store.WriteGate.WaitAsync().ConfigureAwait(false);
        var end = start + count;
        var row = -1;
        try
        {
            var command = EnsureCommand();
            using var transaction = _connection!.BeginTransaction(deferred: false);
            command.Transaction = transaction;
            var parameters = _parameters;
            var values = _values;
            for (row = start; row < end; row++)
            {
                Array.Clear(values);
                _bind(_batch[row], values);
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].Value = values[i] ?? DBNull.Value;
                }

                command.ExecuteNonQuery();
            }

            transaction.Commit();
            return null;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // SQLite rejecting a row, or anything else thrown while binding one, is the row's fault
            // and leaves the connection fine; after any other failure, start from a fresh connection.
            var rowSpecific = exception is SqliteException sqlite ? SqliteErrors.IsRowSpecific(sqlite) : row >= start && row < end;
            if (!rowSpecific)
            {
                CloseConnection();
            }

            return new CommitFailure(exception, rowSpecific);
        }
        finally
        {
            if (_command is not null)
            {
                _command.Transaction = null;
            }

            _store.WriteGate.Release();
        }
    }

    private SqliteCommand EnsureCommand()
    {
        if (_command is not null)
        {
            return _command;
        }

        _connection ??= _store.Connections.Open();
        var command = _connection.CreateCommand();
#pragma warning disable CA2100 // Built from validated, quoted identifiers and $p0..$pN placeholders only.
        command.CommandText = _insertSql;
#pragma warning restore CA2100
        var parameters = new SqliteParameter[_columnCount];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value));
        }

        try
        {
            command.Prepare();
        }
        catch
        {
            command.Dispose();
            throw;
        }

        _parameters = parameters;
        _command = command;
        Interlocked.Increment(ref _commandsPrepared);
        return command;
    }

    private void CloseConnection()
    {
        _command?.Dispose();
        _command = null;
        _connection?.Dispose();
        _connection = null;
    }

    private void ArmFlushTimer()
    {
        Interlocked.Increment(ref _timerGeneration);
        _flushTimer.Change(_flushInterval, Timeout.InfiniteTimeSpan);
    }

    private void DisarmFlushTimer()
    {
        Interlocked.Increment(ref _timerGeneration);
        _flushTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void OnFlushTimer() =>
        _queue.Writer.TryWrite(new Entry(default!, EntryKind.Tick, Interlocked.Read(ref _timerGeneration), null));

    [SuppressMessage("Design", "CA1031:Do not catch general exception types",
        Justification = "A throwing callback is the caller's bug; it is logged and must not stop the writer.")]
    private void Notify(Action<IReadOnlyList<T>>? callback, List<T> rows)
    {
        if (callback is null)
        {
            return;
        }

        try
        {
            callback(rows);
        }
        catch (Exception exception)
        {
            Log.WriterCallbackFailed(_store.Logger, _store.ModuleId, nameof(SqliteBatchWriterOptions<T>.BatchCommitted), Table, exception);
        }
    }

    [SuppressMessage("Design", "CA1031:Do not catch general exception types",
        Justification = "A throwing callback is the caller's bug; it is logged and must not stop the writer.")]
    private void NotifyFailed(T[] rows, Error error)
    {
        if (_batchFailed is null)
        {
            return;
        }

        try
        {
            _batchFailed(rows, error);
        }
        catch (Exception exception)
        {
            Log.WriterCallbackFailed(_store.Logger, _store.ModuleId, nameof(SqliteBatchWriterOptions<T>.BatchFailed), Table, exception);
        }
    }

    private readonly struct Entry(T row, EntryKind kind, long generation, FlushRequest? flush)
    {
        public T Row { get; } = row;

        public EntryKind Kind { get; } = kind;

        public long Generation { get; } = generation;

        public FlushRequest? Flush { get; } = flush;
    }

    /// <summary>Why a transaction failed, and whether a row of it caused it (so retrying cannot help).</summary>
    private readonly record struct CommitFailure(Exception Exception, bool IsRowSpecific);

    private sealed class FlushRequest(long failedBatchesBefore)
    {
        public TaskCompletionSource<Result> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Complete(long failedBatchesNow, Error? lastError, string moduleId, string table) =>
            Done.TrySetResult(failedBatchesNow > failedBatchesBefore && lastError is not null
                ? SqliteErrors.BatchesFailedDuringFlush(moduleId, table, failedBatchesNow - failedBatchesBefore, lastError)
                : Result.Success());
    }
}
