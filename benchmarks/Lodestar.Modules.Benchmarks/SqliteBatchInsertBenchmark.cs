using BenchmarkDotNet.Attributes;
using Dapper;
using Lodestar.Modules.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Benchmarks;

/// <summary>
/// Target: inserting 10,000 usage rows through the batch writer reaches at least 0.8× the
/// throughput of the limit (a raw prepared command re-used in one transaction, with the same
/// pragmas) and at least 50× the naive way (one autocommit insert per row on a connection with
/// SQLite's default settings, i.e. what a module author gets without this package). Dapper in one
/// transaction is shown for comparison. Every iteration starts from a new, empty database file, so
/// each method inserts into a table of the same size.
/// </summary>
[MemoryDiagnoser]
public class SqliteBatchInsertBenchmark
{
    private const int RowCount = 10_000;

    // The store's per-connection pragmas, so the baseline and Dapper pay for the same durability.
    private const string StorePragmas = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL;";

    private UsageRow[] _rows = [];
    private string _directory = string.Empty;
    private int _iteration;
    private SqliteConnection? _connection;
    private ServiceProvider? _services;
    private ISqliteBatchWriter<UsageRow>? _writer;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _rows = UsageRows.Create(RowCount);
        _directory = Directory.CreateTempSubdirectory("lodestar-sqlite-bench-").FullName;
    }

    [GlobalCleanup]
    public void GlobalCleanup() => Directory.Delete(_directory, recursive: true);

    [IterationSetup(Targets = [nameof(RawPreparedCommandInOneTransaction), nameof(DapperInOneTransaction)])]
    public void OpenWithStorePragmas() => _connection = UsageRows.OpenNew(NextFile(), StorePragmas);

    [IterationSetup(Target = nameof(AutocommitInsertPerRow))]
    public void OpenWithDefaults() => _connection = UsageRows.OpenNew(NextFile(), pragmas: string.Empty);

    [IterationSetup(Target = nameof(BatchWriter))]
    public void CreateWriter()
    {
        var directory = Path.Combine(_directory, "writer-" + _iteration++);
        _services = new ServiceCollection()
            .AddLodestarSqlite(options => options.DataDirectory = directory)
            .BuildServiceProvider();
        var store = _services.GetRequiredService<ISqliteStoreProvider>().GetStore("usage-tracker").Value;
        Check(store.MigrateAsync([new SqliteMigration(1, "usage-logs", UsageRows.Schema)]).AsTask().GetAwaiter().GetResult().IsSuccess);
        _writer = store.CreateBatchWriterAsync(new SqliteBatchWriterOptions<UsageRow>("usage_logs", UsageRows.Columns, UsageRows.Bind))
            .AsTask().GetAwaiter().GetResult().Value;
    }

    [IterationCleanup]
    public void Cleanup()
    {
        _connection?.Dispose();
        _connection = null;
        _writer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _writer = null;
        _services?.Dispose();
        _services = null;
    }

    /// <summary>The limit: one transaction, one prepared command, parameters re-bound per row.</summary>
    [Benchmark(Baseline = true)]
    public void RawPreparedCommandInOneTransaction()
    {
        var connection = _connection!;
        using var transaction = connection.BeginTransaction();
        InsertEachRow(connection, transaction);
        transaction.Commit();
    }

    /// <summary>The package with its defaults: rows go into the writer's queue (capacity 10,000); its loop writes them in batches of 1,000, one transaction and one prepared command each.</summary>
    [Benchmark]
    public async Task BatchWriter()
    {
        var writer = _writer!;
        foreach (var row in _rows)
        {
            Check((await writer.WriteAsync(row)).IsSuccess);
        }

        Check((await writer.FlushAsync()).IsSuccess);
    }

    /// <summary>The naive way: SQLite's default settings (rollback journal, synchronous=FULL), one autocommit insert per row (with a re-used prepared command, the naive way at its best).</summary>
    [Benchmark]
    public void AutocommitInsertPerRow() => InsertEachRow(_connection!, transaction: null);

    /// <summary>Inserts every row through one prepared command, inside <paramref name="transaction"/> or, without one, each row in its own autocommit.</summary>
    private void InsertEachRow(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = UsageRows.Insert;
        var timestamp = command.Parameters.Add("@Timestamp", SqliteType.Text);
        var model = command.Parameters.Add("@Model", SqliteType.Text);
        var tokensIn = command.Parameters.Add("@TokensIn", SqliteType.Integer);
        var tokensOut = command.Parameters.Add("@TokensOut", SqliteType.Integer);
        var cost = command.Parameters.Add("@Cost", SqliteType.Real);
        var duration = command.Parameters.Add("@DurationMs", SqliteType.Integer);
        var session = command.Parameters.Add("@SessionId", SqliteType.Text);
        command.Prepare();
        foreach (var row in _rows)
        {
            timestamp.Value = row.Timestamp;
            model.Value = row.Model;
            tokensIn.Value = row.TokensIn;
            tokensOut.Value = row.TokensOut;
            cost.Value = row.Cost;
            duration.Value = row.DurationMs;
            session.Value = row.SessionId;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Dapper: one transaction, Execute over the row list (one command, re-bound per row).</summary>
    [Benchmark]
    public int DapperInOneTransaction()
    {
        var connection = _connection!;
        using var transaction = connection.BeginTransaction();
        var inserted = connection.Execute(UsageRows.Insert, _rows, transaction);
        transaction.Commit();
        return inserted;
    }

    private static void Check(bool ok)
    {
        if (!ok)
        {
            throw new InvalidOperationException("The batch writer refused a row or failed a batch; the benchmark is void.");
        }
    }

    private string NextFile() => Path.Combine(_directory, "bench-" + _iteration++ + ".db");
}
