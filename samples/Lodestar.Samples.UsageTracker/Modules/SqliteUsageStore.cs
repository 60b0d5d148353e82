using System.Globalization;
using Lodestar.Modules.Sqlite;
using Lodestar.Results;
using Lodestar.Samples.UsageTracker.Contracts;

namespace Lodestar.Samples.UsageTracker.Modules;

/// <summary>Keeps usage records in the seeds' <c>usage_logs</c> table, written through a batch writer.</summary>
internal sealed class SqliteUsageStore : IUsageStore
{
    private static readonly SqliteMigration[] Migrations =
    [
        new(1, "create-usage-logs", """
            CREATE TABLE usage_logs (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                timestamp   TEXT    NOT NULL,
                model       TEXT    NOT NULL,
                tokens_in   INTEGER NOT NULL,
                tokens_out  INTEGER NOT NULL,
                cost        REAL,
                duration_ms INTEGER NOT NULL,
                session_id  TEXT    NOT NULL);
            CREATE INDEX ix_usage_logs_timestamp ON usage_logs (timestamp);
            CREATE INDEX ix_usage_logs_model ON usage_logs (model);
            CREATE INDEX ix_usage_logs_session ON usage_logs (session_id);
            """),
    ];

    private static readonly string[] Columns = ["timestamp", "model", "tokens_in", "tokens_out", "cost", "duration_ms", "session_id"];

    private volatile State? _state;

    public async ValueTask<Result> OpenAsync(ISqliteStore store, StorageOptions options, CancellationToken cancellationToken)
    {
        var migrated = await store.MigrateAsync(Migrations, cancellationToken);
        if (migrated.IsFailure)
        {
            return migrated.Error;
        }

        var purged = await store.PurgeAsync(new SqliteRetentionPolicy("usage_logs", "timestamp", TimeSpan.FromDays(options.RetentionDays)), cancellationToken);
        if (purged.IsFailure)
        {
            return purged.Error;
        }

        var writer = await store.CreateBatchWriterAsync(
            new SqliteBatchWriterOptions<UsageRecord>("usage_logs", Columns, static (record, values) =>
            {
                values[0] = record.Timestamp.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
                values[1] = record.Model;
                values[2] = record.TokensIn;
                values[3] = record.TokensOut;
                values[4] = record.Cost is { } cost ? (double)cost : null;
                values[5] = (long)record.Duration.TotalMilliseconds;
                values[6] = record.SessionId;
            })
            {
                BatchSize = options.BatchSize,
                FlushInterval = options.FlushInterval,
            },
            cancellationToken);
        if (writer.IsFailure)
        {
            return writer.Error;
        }

        _state = new State(store, writer.Value);
        return Result.Success();
    }

    /// <summary>
    /// Stops accepting records and writes every accepted one. Disposing the writer drains it whatever
    /// the token says, so this can outlast the module's graceful stop time: the runtime then stops
    /// waiting and goes on, and disposing the application's services waits for the rows still queued.
    /// </summary>
    public async ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _state, null) is { } state)
        {
            await state.Writer.CompleteAsync(cancellationToken);
            await state.Writer.DisposeAsync();
        }
    }

    public ValueTask<Result> AppendAsync(UsageRecord record, CancellationToken cancellationToken = default) =>
        _state is { } state
            ? state.Writer.WriteAsync(record, cancellationToken)
            : new(NotRunning());

    public async ValueTask<Result<IReadOnlyList<ModelUsage>>> SummarizeAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        if (_state is not { } state)
        {
            return NotRunning();
        }

        var flushed = await state.Writer.FlushAsync(cancellationToken);
        if (flushed.IsFailure)
        {
            return flushed.Error;
        }

        var sinceText = since.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        return await state.Store.QueryAsync(
            """
            SELECT model, COUNT(*), SUM(tokens_in), SUM(tokens_out), SUM(cost)
            FROM usage_logs WHERE timestamp >= $since GROUP BY model ORDER BY model;
            """,
            static reader => new ModelUsage(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                reader.IsDBNull(4) ? null : (decimal)reader.GetDouble(4)),
            p => p.AddWithValue("$since", sinceText),
            cancellationToken);
    }

    private static Error NotRunning() =>
        Error.Unavailable("storage.not-running", "The usage log is not open: the 'storage' module is not running. Enable it.");

    private sealed record State(ISqliteStore Store, ISqliteBatchWriter<UsageRecord> Writer);
}
