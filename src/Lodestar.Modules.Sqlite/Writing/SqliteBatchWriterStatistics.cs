using Lodestar.Results;

namespace Lodestar.Modules.Sqlite;

/// <summary>A snapshot of a batch writer's figures, for health checks and metrics.</summary>
public readonly record struct SqliteBatchWriterStatistics
{
    /// <summary>Gets how many accepted rows are not written yet (queued or in the batch being written).</summary>
    public int Pending { get; init; }

    /// <summary>Gets how many rows may be pending at most.</summary>
    public int Capacity { get; init; }

    /// <summary>Gets how many batches were committed.</summary>
    public long CommittedBatches { get; init; }

    /// <summary>Gets how many rows were committed.</summary>
    public long CommittedRows { get; init; }

    /// <summary>Gets how many batches were dropped after their retries.</summary>
    public long FailedBatches { get; init; }

    /// <summary>Gets how many rows the dropped batches held.</summary>
    public long DroppedRows { get; init; }

    /// <summary>Gets a value indicating whether a batch is being retried, or the last batch was dropped; cleared by the next commit.</summary>
    public bool IsFailing { get; init; }

    /// <summary>Gets the error of the last dropped batch (or of a crashed writer), if any.</summary>
    public Error? LastError { get; init; }

    /// <summary>Gets a value indicating whether the queue is at least 80 % full.</summary>
    public bool IsBackedUp => Capacity > 0 && Pending * 100L >= Capacity * (long)SqliteDefaults.BackedUpPercent;
}
