using Lodestar.Results;

namespace Lodestar.Modules.Sqlite;

/// <summary>A snapshot of a batch writer's figures, for health checks and metrics.</summary>
public readonly record struct SqliteBatchWriterStatistics
{
    /// <summary>Gets how many accepted rows are not written yet (queued or in the batch being written).</summary>
    public int Pending { get; init; }

    /// <summary>Gets how many rows may be pending at most.</summary>
    public int Capacity { get; init; }

    /// <summary>
    /// Gets how many batches were committed. A batch split to isolate rejected rows counts once,
    /// however many transactions it took, as long as any of its rows were committed.
    /// </summary>
    public long CommittedBatches { get; init; }

    /// <summary>Gets how many rows were committed.</summary>
    public long CommittedRows { get; init; }

    /// <summary>
    /// Gets how many batches lost rows: dropped whole after their retries, or holding rows that were
    /// rejected on their own (such a batch counts in <see cref="CommittedBatches"/> too when its other
    /// rows were committed).
    /// </summary>
    public long FailedBatches { get; init; }

    /// <summary>Gets how many accepted rows were not written: the rows of dropped batches (or parts of batches), the rejected rows, and the rows a crashed writer lost.</summary>
    public long DroppedRows { get; init; }

    /// <summary>Gets a value indicating whether a batch is being retried, or the last batch lost rows (dropped, or rows rejected); cleared by the next batch that commits without losing any.</summary>
    public bool IsFailing { get; init; }

    /// <summary>Gets the error of the last dropped batch or rejected row (<c>sqlite.writer.row-rejected</c>), or of a crashed writer, if any.</summary>
    public Error? LastError { get; init; }

    /// <summary>Gets a value indicating whether the queue is at least 80 % full.</summary>
    public bool IsBackedUp => Capacity > 0 && Pending * 100L >= Capacity * (long)SqliteDefaults.BackedUpPercent;
}
