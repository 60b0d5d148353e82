using System.Diagnostics.CodeAnalysis;
using Lodestar.Results;
using Lodestar.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lodestar.Modules.Sqlite.Tests.Support;

/// <summary>
/// SQLite storage on real files in a fresh temporary directory, with a fake clock and captured
/// logs. Disposing it drains the writers, closes the files and deletes the directory.
/// </summary>
public sealed class SqliteTestHost : IAsyncDisposable
{
    public const string ModuleId = "test-module";

    private readonly ServiceProvider _services;

    public SqliteTestHost(Action<SqliteStorageOptions>? configure = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("lodestar-sqlite-").FullName;
        DataDirectory = Path.Combine(Directory, "data");
        _services = new ServiceCollection()
            .AddSingleton<TimeProvider>(Time)
            .AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug))
            .AddLodestarSqlite(options =>
            {
                options.DataDirectory = DataDirectory;
                configure?.Invoke(options);
            })
            .BuildServiceProvider();
    }

    /// <summary>Gets the temporary directory that holds everything of the test.</summary>
    public string Directory { get; }

    /// <summary>Gets the configured data directory (created by the first store).</summary>
    public string DataDirectory { get; }

    public FakeTimeProvider Time { get; } = new();

    public ListLoggerProvider Logs { get; } = new();

    public ISqliteStoreProvider Provider => _services.GetRequiredService<ISqliteStoreProvider>();

    public ISqliteStore GetStore(string moduleId = ModuleId)
    {
        var store = Provider.GetStore(moduleId);
        Assert.True(store.IsSuccess, store.Error?.ToString());
        return store.Value;
    }

    /// <summary>Opens a plain connection without the store's pragmas, to look at the file from outside.</summary>
    public static SqliteConnection OpenRaw(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static long Scalar(ISqliteStore store, string sql)
    {
        using var connection = OpenRaw(store.DatabasePath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Reads the first column of every row <paramref name="sql"/> returns, as text, from outside the store.</summary>
    public static string[] Strings(ISqliteStore store, string sql)
    {
        using var connection = OpenRaw(store.DatabasePath);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return [.. values];
    }

    /// <summary>Sets the <c>failure_switch</c> table's <c>fail_all</c> flag that the writer tests' triggers read.</summary>
    public static async Task SetFailAllAsync(ISqliteStore store, bool fail)
    {
        var result = await store.WriteAsync(async (unit, ct) =>
            (await unit.ExecuteAsync("UPDATE failure_switch SET fail_all = $fail;", p => p.AddWithValue("$fail", fail ? 1 : 0), ct)).ToResult());
        AssertSuccess(result);
    }

    public static async Task ExecuteAsync(ISqliteStore store, [ConstantExpected] string sql)
    {
        var result = await store.WriteAsync(async (unit, ct) => (await unit.ExecuteAsync(sql, cancellationToken: ct)).ToResult());
        Assert.True(result.IsSuccess, result.Error?.ToString());
    }

    /// <summary>
    /// Makes the store's file unable to grow, as on a full disk: inserts that need a new page fail with
    /// SQLITE_FULL. <c>max_page_count</c> is a setting of the connection, not of the file, so this sets
    /// it on the store's pooled connection, which the store's next operations get back as long as none
    /// of them needs a second connection at the same time. It cannot go below the file's current size.
    /// </summary>
    public static async Task StopGrowthAsync(ISqliteStore store)
    {
        var connection = AssertSuccess(await store.OpenConnectionAsync());
        await using (connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA max_page_count = 1;";
            command.ExecuteNonQuery();
        }
    }

    public static void AssertSuccess(Result result) => Assert.True(result.IsSuccess, result.Error?.ToString());

    public static T AssertSuccess<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
