namespace Lodestar.Modules.Sqlite;

/// <summary>What a retention purge did.</summary>
/// <param name="DeletedRows">How many rows were deleted.</param>
/// <param name="Batches">How many transactions it took (the last one finds fewer rows than the batch size).</param>
public readonly record struct SqlitePurgeResult(long DeletedRows, int Batches);
