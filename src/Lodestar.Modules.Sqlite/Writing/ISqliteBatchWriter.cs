using Lodestar.Results;

namespace Lodestar.Modules.Sqlite;

/// <summary>
/// Inserts many rows into one table in the background: accepted rows wait in a bounded queue and
/// are written in batches, each in one transaction with one prepared command, when a batch is full
/// or <see cref="SqliteBatchWriterOptions{T}.FlushInterval"/> has passed. A batch that fails because
/// of some of its rows is split until those rows stand alone: the other rows are committed and only
/// the bad rows are rejected. A batch that fails for another reason is retried with backoff, then
/// dropped. Lost rows are logged, counted and reported through the store's health, while the rest of
/// the queue goes on.
/// </summary>
/// <typeparam name="T">The type of the rows.</typeparam>
/// <remarks>
/// Dispose the writer (or call <see cref="CompleteAsync"/>) in the module's <c>StopAsync</c>: it
/// stops accepting rows and writes every row it accepted before it returns. Rows are durable once
/// their batch is committed (<see cref="SqliteBatchWriterOptions{T}.BatchCommitted"/>); a process
/// that dies loses at most the rows not yet committed, never part of a transaction (a batch being
/// split to isolate rejected rows is committed part by part, each part whole).
/// </remarks>
public interface ISqliteBatchWriter<T> : IAsyncDisposable
{
    /// <summary>Gets a snapshot of the writer's figures.</summary>
    SqliteBatchWriterStatistics Statistics { get; }

    /// <summary>Accepts a row, waiting for room while the queue is full (backpressure).</summary>
    /// <param name="item">The row.</param>
    /// <param name="cancellationToken">Cancels waiting for room.</param>
    /// <returns>Success once the row is accepted (not yet written); <c>sqlite.writer.closed</c> after completion; <c>sqlite.cancelled</c>.</returns>
    ValueTask<Result> WriteAsync(T item, CancellationToken cancellationToken = default);

    /// <summary>Accepts a row if there is room, without waiting.</summary>
    /// <param name="item">The row.</param>
    /// <returns>Success once the row is accepted; <c>sqlite.writer.full</c> when the queue is full; <c>sqlite.writer.closed</c> after completion.</returns>
    Result TryWrite(T item);

    /// <summary>Writes every row accepted before the call now, without waiting for the batch to fill, and waits until they are committed or dropped.</summary>
    /// <param name="cancellationToken">Cancels waiting (the rows are still written).</param>
    /// <returns>
    /// Success; <c>sqlite.writer.batch-failed</c> when a batch holding such rows was dropped or had rows
    /// rejected since the last flush reported (also before this call: a full batch is written at once);
    /// <c>sqlite.cancelled</c>.
    /// </returns>
    ValueTask<Result> FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>Stops accepting rows and waits until every accepted row is committed or dropped.</summary>
    /// <param name="cancellationToken">Stops waiting, e.g. when the module's graceful stop time is up; the rows are still written in the background.</param>
    /// <returns>Success once drained; <c>sqlite.writer.drain-cancelled</c> when waiting was cancelled.</returns>
    ValueTask<Result> CompleteAsync(CancellationToken cancellationToken = default);
}
