using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Lodestar.Modules.Benchmarks;

/// <summary>One row of the seeds' <c>usage_logs</c> table, with its values already as stored.</summary>
public sealed class UsageRow
{
    public required string Timestamp { get; init; }

    public required string Model { get; init; }

    public required int TokensIn { get; init; }

    public required int TokensOut { get; init; }

    public required double Cost { get; init; }

    public required long DurationMs { get; init; }

    public required string SessionId { get; init; }
}

/// <summary>The usage-log schema and rows for the SQLite benchmarks.</summary>
public static class UsageRows
{
    public const string Schema = """
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
        """;

    public const string Insert = """
        INSERT INTO usage_logs (timestamp, model, tokens_in, tokens_out, cost, duration_ms, session_id)
        VALUES (@Timestamp, @Model, @TokensIn, @TokensOut, @Cost, @DurationMs, @SessionId);
        """;

    public static readonly string[] Columns = ["timestamp", "model", "tokens_in", "tokens_out", "cost", "duration_ms", "session_id"];

    private static readonly string[] Models = ["gpt-4o", "claude-sonnet", "llama-3-70b"];

    public static UsageRow[] Create(int count)
    {
        var random = new Random(42);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = new UsageRow[count];
        for (var i = 0; i < count; i++)
        {
            rows[i] = new UsageRow
            {
                Timestamp = start.AddMilliseconds(i * 250).ToString("O", CultureInfo.InvariantCulture),
                Model = Models[random.Next(Models.Length)],
                TokensIn = random.Next(200, 4_000),
                TokensOut = random.Next(50, 1_500),
                Cost = random.NextDouble(),
                DurationMs = random.Next(150, 2_500),
                SessionId = "session-" + (i % 50).ToString(CultureInfo.InvariantCulture),
            };
        }

        return rows;
    }

    /// <summary>Fills the seven column values of a row, in <see cref="Columns"/> order.</summary>
    public static void Bind(UsageRow row, object?[] values)
    {
        values[0] = row.Timestamp;
        values[1] = row.Model;
        values[2] = row.TokensIn;
        values[3] = row.TokensOut;
        values[4] = row.Cost;
        values[5] = row.DurationMs;
        values[6] = row.SessionId;
    }

    /// <summary>A connection with the given pragmas and the usage-log table, on a new file.</summary>
    public static SqliteConnection OpenNew(string path, string pragmas)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = pragmas + Schema;
        using (var reader = command.ExecuteReader())
        {
            while (reader.NextResult())
            {
            }
        }

        return connection;
    }
}
