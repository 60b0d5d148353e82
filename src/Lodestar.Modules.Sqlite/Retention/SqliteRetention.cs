using System.Globalization;
using Lodestar.Results;
using Microsoft.Data.Sqlite;

namespace Lodestar.Modules.Sqlite;

/// <summary>
/// Deletes old rows in bounded batches, each in its own <c>BEGIN IMMEDIATE</c> transaction behind
/// the store's write gate, releasing the gate between batches so queued writers go first.
/// </summary>
internal static class SqliteRetention
{
    private const int MaxBatchSize = 100_000;

    public static async ValueTask<Result<SqlitePurgeResult>> PurgeAsync(SqliteStore store, SqliteRetentionPolicy policy, CancellationToken cancellationToken)
    {
        var moduleId = store.ModuleId;
        var table = SqliteIdentifier.Quote(moduleId, "table", policy.Table);
        if (table.IsFailure)
        {
            return table.Error;
        }

        var column = SqliteIdentifier.Quote(moduleId, "column", policy.TimestampColumn);
        if (column.IsFailure)
        {
            return column.Error;
        }

        if (policy.MaxAge <= TimeSpan.Zero)
        {
            return SqliteErrors.RetentionInvalid(moduleId, policy.Table, $"MaxAge is {policy.MaxAge}; use a positive time.");
        }

        if (policy.BatchSize is < 1 or > MaxBatchSize)
        {
            return SqliteErrors.RetentionInvalid(moduleId, policy.Table, $"BatchSize is {policy.BatchSize.ToString(CultureInfo.InvariantCulture)}; use 1 to {MaxBatchSize.ToString(CultureInfo.InvariantCulture)}.");
        }

        var now = store.TimeProvider.GetUtcNow();
        if (policy.MaxAge > now - DateTimeOffset.MinValue)
        {
            // Longer than the calendar reaches back ("keep for ever"): no row can be that old.
            return new SqlitePurgeResult(0, 0);
        }

        var cutoff = now - policy.MaxAge;
        object cutoffValue;
        switch (policy.Format)
        {
            case SqliteTimestampFormat.Iso8601Text:
                cutoffValue = cutoff.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
                break;
            case SqliteTimestampFormat.UnixMilliseconds:
                cutoffValue = cutoff.ToUnixTimeMilliseconds();
                break;
            case SqliteTimestampFormat.UnixSeconds:
                cutoffValue = cutoff.ToUnixTimeSeconds();
                break;
            default:
                return SqliteErrors.RetentionInvalid(moduleId, policy.Table, $"Format {(int)policy.Format} is not a SqliteTimestampFormat.");
        }

        var sql =
            $"DELETE FROM {table.Value} WHERE rowid IN (SELECT rowid FROM {table.Value} WHERE {column.Value} < $cutoff LIMIT $limit);";
        long deleted = 0;
        var batches = 0;
        while (true)
        {
            try
            {
                await store.WriteGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Cancelled(store, policy, deleted, cutoff, batches);
            }

            int count;
            try
            {
                // The gate may be handed over just as the token is cancelled: no batch starts after that.
                if (cancellationToken.IsCancellationRequested)
                {
                    return Cancelled(store, policy, deleted, cutoff, batches);
                }

                var opened = store.Open();
                if (opened.IsFailure)
                {
                    return opened.Error;
                }

                using var connection = opened.Value;
                using var transaction = connection.BeginTransaction(deferred: false);
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
#pragma warning disable CA2100 // Table and column are validated and quoted identifiers; the cutoff and limit are parameters.
                command.CommandText = sql;
#pragma warning restore CA2100
                command.Parameters.AddWithValue("$cutoff", cutoffValue);
                command.Parameters.AddWithValue("$limit", policy.BatchSize);
                count = command.ExecuteNonQuery();
                transaction.Commit();
            }
            catch (SqliteException exception)
            {
                return SqliteErrors.RetentionFailed(moduleId, store.DatabasePath, policy.Table, deleted, exception);
            }
            finally
            {
                store.WriteGate.Release();
            }

            batches++;
            deleted += count;
            if (count < policy.BatchSize)
            {
                break;
            }
        }

        if (deleted > 0)
        {
            Log.Purged(store.Logger, moduleId, deleted, cutoff, policy.Table, batches);
        }

        return new SqlitePurgeResult(deleted, batches);
    }

    /// <summary>The error of a purge cancelled between batches; the batches already committed are logged as purged.</summary>
    private static Error Cancelled(SqliteStore store, SqliteRetentionPolicy policy, long deleted, DateTimeOffset cutoff, int batches)
    {
        if (deleted == 0)
        {
            return SqliteErrors.Cancelled(store.ModuleId, $"Purging table '{policy.Table}'");
        }

        Log.Purged(store.Logger, store.ModuleId, deleted, cutoff, policy.Table, batches);
        return SqliteErrors.CancelledAfter(store.ModuleId, $"Purging table '{policy.Table}'", $"{deleted.ToString(CultureInfo.InvariantCulture)} row(s) were deleted", deleted);
    }
}
