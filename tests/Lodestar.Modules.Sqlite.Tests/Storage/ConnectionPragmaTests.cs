using Lodestar.Modules.Sqlite.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Lodestar.Modules.Sqlite.Tests.Storage;

public sealed class ConnectionPragmaTests
{
    [Fact]
    public async Task OpenConnectionAsync_NewConnection_HasWalNormalForeignKeysAndBusyTimeout()
    {
        await using var host = new SqliteTestHost(options => options.BusyTimeout = TimeSpan.FromMilliseconds(2_500));
        var store = host.GetStore();

        await using var connection = SqliteTestHost.AssertSuccess(await store.OpenConnectionAsync());

        Assert.Equal("wal", Pragma(connection, "journal_mode"));
        Assert.Equal("1", Pragma(connection, "synchronous")); // NORMAL
        Assert.Equal("1", Pragma(connection, "foreign_keys"));
        Assert.Equal("2500", Pragma(connection, "busy_timeout"));
    }

    [Fact]
    public async Task OpenConnectionAsync_PooledConnectionOpenedAgain_AppliesPragmasOnce()
    {
        await using var host = new SqliteTestHost();
        var store = (SqliteStore)host.GetStore();

        for (var i = 0; i < 5; i++)
        {
            await using var connection = SqliteTestHost.AssertSuccess(await store.OpenConnectionAsync());
            Assert.Equal("1", Pragma(connection, "foreign_keys"));
        }

        Assert.Equal(1, store.Connections.PhysicalConnections);
    }

    [Fact]
    public async Task OpenConnectionAsync_TwoConnectionsOpenAtOnce_AppliesPragmasToEach()
    {
        await using var host = new SqliteTestHost();
        var store = (SqliteStore)host.GetStore();

        await using var first = SqliteTestHost.AssertSuccess(await store.OpenConnectionAsync());
        await using var second = SqliteTestHost.AssertSuccess(await store.OpenConnectionAsync());

        Assert.Equal(2, store.Connections.PhysicalConnections);
        Assert.Equal("1", Pragma(second, "foreign_keys"));
    }

    [Fact]
    public async Task OpenConnectionAsync_PreviousUserTurnedForeignKeysOff_HasForeignKeysOnAgain()
    {
        await using var host = new SqliteTestHost();
        var store = (SqliteStore)host.GetStore();
        await using (var careless = SqliteTestHost.AssertSuccess(await store.OpenConnectionAsync()))
        {
            Execute(careless, "PRAGMA foreign_keys = OFF;");
        }

        await using var next = SqliteTestHost.AssertSuccess(await store.OpenConnectionAsync());

        Assert.Equal(1, store.Connections.PhysicalConnections); // the same pooled connection
        Assert.Equal("1", Pragma(next, "foreign_keys"));
    }

    [Fact]
    public async Task WriteAsync_AfterAConnectionWentBackToThePoolWithForeignKeysOff_RejectsADanglingReference()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        await SqliteTestHost.ExecuteAsync(store, "CREATE TABLE parent (id INTEGER PRIMARY KEY);");
        await SqliteTestHost.ExecuteAsync(store, "CREATE TABLE child (parent_id INTEGER NOT NULL REFERENCES parent (id));");
        await using (var careless = SqliteTestHost.AssertSuccess(await store.OpenConnectionAsync()))
        {
            Execute(careless, "PRAGMA foreign_keys = OFF;");
        }

        var result = await store.WriteAsync(async (unit, ct) =>
            (await unit.ExecuteAsync("INSERT INTO child (parent_id) VALUES (42);", cancellationToken: ct)).ToResult());

        Assert.Equal("sqlite.command.failed", result.Error?.Code);
        Assert.Contains("FOREIGN KEY constraint failed", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(0, SqliteTestHost.Scalar(store, "SELECT count(*) FROM child;"));
    }

    /// <summary>
    /// The previous user also left a transaction open (a raw <c>BEGIN</c>, which closing the pooled
    /// connection does not end), inside which <c>PRAGMA foreign_keys = ON</c> does nothing.
    /// </summary>
    [Fact]
    public async Task OpenConnectionAsync_PreviousUserTurnedForeignKeysOffAndLeftATransactionOpen_HasForeignKeysOnAgain()
    {
        await using var host = new SqliteTestHost();
        var store = (SqliteStore)host.GetStore();
        await using (var careless = SqliteTestHost.AssertSuccess(await store.OpenConnectionAsync()))
        {
            Execute(careless, "PRAGMA foreign_keys = OFF;");
            Execute(careless, "BEGIN;");
        }

        await using var next = SqliteTestHost.AssertSuccess(await store.OpenConnectionAsync());

        Assert.Equal(1, store.Connections.PhysicalConnections); // the same pooled connection
        Assert.Equal("1", Pragma(next, "foreign_keys"));
    }

    [Fact]
    public async Task WriteAsync_ManyCommandsOnOneConnection_AppliesNoFurtherPragmas()
    {
        await using var host = new SqliteTestHost();
        var store = (SqliteStore)host.GetStore();
        await SqliteTestHost.ExecuteAsync(store, "CREATE TABLE t (id INTEGER PRIMARY KEY);");
        var before = store.Connections.PhysicalConnections;

        var result = await store.WriteAsync(async (unit, ct) =>
        {
            for (var i = 0; i < 20; i++)
            {
                var inserted = await unit.ExecuteAsync("INSERT INTO t DEFAULT VALUES;", cancellationToken: ct);
                if (inserted.IsFailure)
                {
                    return inserted.Error;
                }
            }

            return Lodestar.Results.Result.Success();
        });

        SqliteTestHost.AssertSuccess(result);
        Assert.Equal(before, store.Connections.PhysicalConnections);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name + ";";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
