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

        // Money is not stored as REAL (binary floating point: 0.1 is not exact and sums drift): the
        // cost is a whole number of micro-dollars (USD / 1,000,000), rounded once per request.
        new(2, "cost-as-integer-micro-dollars", """
            ALTER TABLE usage_logs ADD COLUMN cost_micro_usd INTEGER;
            UPDATE usage_logs SET cost_micro_usd = CAST(ROUND(cost * 1000000) AS INTEGER) WHERE cost IS NOT NULL;
            ALTER TABLE usage_logs DROP COLUMN cost;
            """),
    ];

    private const decimal MicroDollarsPerDollar = 1_000_000m;

    private static readonly string[] Columns = ["timestamp", "model", "tokens_in", "tokens_out", "cost_micro_usd", "duration_ms", "session_id"];

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
                values[4] = record.Cost is { } cost ? (long)decimal.Round(cost * MicroDollarsPerDollar, MidpointRounding.AwayFromZero) : null;
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
    /// Stops accepting records and waits, within <paramref name="cancellationToken"/> (the module's
    /// graceful stop time), until every accepted one is written. When the token is cancelled first it
    /// returns at once, so the runtime's stop is not held up: the writer has logged how many accepted
    /// rows were still pending (<c>sqlite.writer.drain-cancelled</c>), goes on writing them in the
    /// background, and reports any it then cannot write through its own logging and statistics; the
    /// store waits for it when the application's services are disposed.
    /// </summary>
    public async ValueTask CloseAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _state, null) is not { } state)
        {
            return;
        }

        var drained = await state.Writer.CompleteAsync(cancellationToken);
        if (drained.IsSuccess)
        {
            await state.Writer.DisposeAsync();
        }
        else
        {
            // Not awaited: disposing waits for the drain whatever the token says. It ends once the
            // pending rows are written or dropped; disposing the store waits for it too.
            _ = state.Writer.DisposeAsync().AsTask();
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
            SELECT model, COUNT(*), SUM(tokens_in), SUM(tokens_out), SUM(cost_micro_usd)
            FROM usage_logs WHERE timestamp >= $since GROUP BY model ORDER BY model;
            """,
            static reader => new ModelUsage(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetInt64(4) / MicroDollarsPerDollar),
            p => p.AddWithValue("$since", sinceText),
            cancellationToken);
    }

    private static Error NotRunning() =>
        Error.Unavailable("storage.not-running", "The usage log is not open: the 'storage' module is not running. Enable it.");

    private sealed record State(ISqliteStore Store, ISqliteBatchWriter<UsageRecord> Writer);
}
