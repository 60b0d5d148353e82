using System.Globalization;
using Lodestar.Samples.UsageTracker.Contracts;
using Microsoft.Data.Sqlite;

namespace Lodestar.Samples.UsageTracker.Modules;

/// <summary>Keeps usage records in the seeds' <c>usage_logs</c> table of an embedded SQLite file.</summary>
internal sealed class SqliteUsageStore : IUsageStore
{
    private string? _connectionString;

    public async Task OpenAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ToString();

        await using var connection = await ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS usage_logs (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                timestamp   TEXT    NOT NULL,
                model       TEXT    NOT NULL,
                tokens_in   INTEGER NOT NULL,
                tokens_out  INTEGER NOT NULL,
                cost        REAL,
                duration_ms INTEGER NOT NULL,
                session_id  TEXT    NOT NULL);
            CREATE INDEX IF NOT EXISTS ix_usage_logs_timestamp ON usage_logs (timestamp);
            CREATE INDEX IF NOT EXISTS ix_usage_logs_model ON usage_logs (model);
            CREATE INDEX IF NOT EXISTS ix_usage_logs_session ON usage_logs (session_id);
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task AppendAsync(UsageRecord record, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO usage_logs (timestamp, model, tokens_in, tokens_out, cost, duration_ms, session_id)
            VALUES ($timestamp, $model, $tokensIn, $tokensOut, $cost, $durationMs, $session);
            """;
        command.Parameters.AddWithValue("$timestamp", record.Timestamp.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$model", record.Model);
        command.Parameters.AddWithValue("$tokensIn", record.TokensIn);
        command.Parameters.AddWithValue("$tokensOut", record.TokensOut);
        command.Parameters.AddWithValue("$cost", record.Cost is { } cost ? cost : DBNull.Value);
        command.Parameters.AddWithValue("$durationMs", (long)record.Duration.TotalMilliseconds);
        command.Parameters.AddWithValue("$session", record.SessionId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ModelUsage>> SummarizeAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT model, COUNT(*), SUM(tokens_in), SUM(tokens_out), SUM(cost)
            FROM usage_logs WHERE timestamp >= $since GROUP BY model ORDER BY model;
            """;
        command.Parameters.AddWithValue("$since", since.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        var summary = new List<ModelUsage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            summary.Add(new ModelUsage(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                reader.IsDBNull(4) ? null : (decimal)reader.GetDouble(4)));
        }

        return summary;
    }

    private async Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connectionString = _connectionString
            ?? throw new InvalidOperationException("The usage store is not open: the 'storage' module has not started.");
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
