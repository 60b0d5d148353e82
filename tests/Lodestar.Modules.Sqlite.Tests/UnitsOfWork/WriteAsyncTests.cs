using System.Diagnostics.CodeAnalysis;
using Lodestar.Modules.Sqlite.Tests.Support;
using Lodestar.Results;
using Microsoft.Data.Sqlite;

namespace Lodestar.Modules.Sqlite.Tests.UnitsOfWork;

[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "xunit disposes the host through IAsyncLifetime.DisposeAsync.")]
public sealed class WriteAsyncTests : IAsyncLifetime
{
    private readonly SqliteTestHost _host = new();
    private ISqliteStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = _host.GetStore();
        SqliteTestHost.AssertSuccess(await _store.MigrateAsync([new SqliteMigration(1, "items", "CREATE TABLE items (id INTEGER PRIMARY KEY, value TEXT NOT NULL);")]));
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task WriteAsync_WorkSucceeds_Commits()
    {
        var result = await _store.WriteAsync(async (unit, ct) =>
            (await unit.ExecuteAsync("INSERT INTO items (value) VALUES ($value);", p => p.AddWithValue("$value", "kept"), ct)).ToResult());

        SqliteTestHost.AssertSuccess(result);
        Assert.Equal(1, Count());
    }

    [Fact]
    public async Task WriteAsync_WorkReturnsFailure_RollsBackAndReturnsTheError()
    {
        var refused = Error.Conflict("items.refused", "Refused on purpose.");

        var result = await _store.WriteAsync(async (unit, ct) =>
        {
            await unit.ExecuteAsync("INSERT INTO items (value) VALUES ('gone');", cancellationToken: ct);
            return refused;
        });

        Assert.Same(refused, result.Error);
        Assert.Equal(0, Count());
    }

    [Fact]
    public async Task WriteAsync_WorkThrows_RollsBackAndReturnsErrorWithTheException()
    {
        var result = await _store.WriteAsync(async (unit, ct) =>
        {
            await unit.ExecuteAsync("INSERT INTO items (value) VALUES ('gone');", cancellationToken: ct);
            throw new InvalidOperationException("boom");
        });

        Assert.Equal("sqlite.write.exception", result.Error?.Code);
        Assert.IsType<InvalidOperationException>(result.Error!.Exception);
        Assert.Equal(0, Count());
        Assert.Contains(_host.Logs.Entries, entry => entry.EventId.Id == 5010 && entry.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task WriteAsync_WorkIgnoresAFailedCommand_RollsBackAnyway()
    {
        var result = await _store.WriteAsync(async (unit, ct) =>
        {
            await unit.ExecuteAsync("INSERT INTO items (value) VALUES ('first');", cancellationToken: ct);
            _ = await unit.ExecuteAsync("INSERT INTO items (value) VALUES (NULL);", cancellationToken: ct);
            return Result.Success();
        });

        Assert.Equal("sqlite.command.failed", result.Error?.Code);
        Assert.Contains("NOT NULL constraint failed", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(0, Count());
    }

    [Fact]
    public async Task WriteAsync_WorkReturnsDefaultResult_RollsBack()
    {
        var result = await _store.WriteAsync(async (unit, ct) =>
        {
            await unit.ExecuteAsync("INSERT INTO items (value) VALUES ('gone');", cancellationToken: ct);
            return default(Result);
        });

        Assert.Equal("result.uninitialized", result.Error?.Code);
        Assert.Equal(0, Count());
    }

    [Fact]
    public async Task WriteAsync_WhileRunning_HoldsTheWriteLockFromTheStart()
    {
        SqliteException? busy = null;

        var result = await _store.WriteAsync((unit, ct) =>
        {
            // Nothing written yet: only BEGIN IMMEDIATE (not a deferred BEGIN) already holds the write lock.
            using var other = SqliteTestHost.OpenRaw(_store.DatabasePath);
            using var noWaiting = other.CreateCommand();
            noWaiting.CommandText = "PRAGMA busy_timeout = 0;";
            noWaiting.ExecuteScalar();
            using var begin = other.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE;";
            begin.CommandTimeout = 1;
            busy = Assert.Throws<SqliteException>(() => begin.ExecuteNonQuery());
            return new ValueTask<Result>(Result.Success());
        });

        SqliteTestHost.AssertSuccess(result);
        Assert.Equal(5, busy!.SqliteErrorCode); // SQLITE_BUSY
    }

    [Fact]
    public async Task WriteAsync_WithValue_ReturnsItAfterCommit()
    {
        var id = await _store.WriteAsync<long>(async (unit, ct) =>
        {
            var inserted = await unit.QueryAsync(
                "INSERT INTO items (value) VALUES ('x') RETURNING id;",
                static reader => reader.GetInt64(0),
                cancellationToken: ct);
            return inserted.IsSuccess ? inserted.Value[0] : inserted.Error;
        });

        Assert.Equal(1L, SqliteTestHost.AssertSuccess(id));
        Assert.Equal(1, Count());
    }

    [Fact]
    public async Task WriteAsync_UnitOfWorkUsedAfterwards_Throws()
    {
        ISqliteUnitOfWork? kept = null;
        SqliteTestHost.AssertSuccess(await _store.WriteAsync((unit, _) =>
        {
            kept = unit;
            return new ValueTask<Result>(Result.Success());
        }));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await kept!.ExecuteAsync("INSERT INTO items (value) VALUES ('late');"));
    }

    [Fact]
    public async Task WriteAsync_CancelledBeforeStart_ReturnsCancelledAndRunsNothing()
    {
        var ran = false;
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var result = await _store.WriteAsync(
            (_, _) =>
            {
                ran = true;
                return new ValueTask<Result>(Result.Success());
            },
            cancelled.Token);

        Assert.Equal(ErrorKind.Cancelled, result.Error?.Kind);
        Assert.False(ran);
    }

    [Fact]
    public async Task ExecuteAsync_StatementAfterOneReturningRowsFails_ReturnsTheErrorAndRollsBack()
    {
        var result = await _store.WriteAsync(async (unit, ct) =>
            (await unit.ExecuteAsync("INSERT INTO items (value) VALUES ('gone') RETURNING id; INSERT INTO missing VALUES (1);", cancellationToken: ct)).ToResult());

        Assert.Equal("sqlite.command.failed", result.Error?.Code);
        Assert.Contains("no such table: missing", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(0, Count());
    }

    [Fact]
    public async Task ExecuteAsync_InjectionAttemptInAValue_IsStoredAsPlainText()
    {
        const string attack = "x'); DROP TABLE items; --";

        SqliteTestHost.AssertSuccess(await _store.WriteAsync(async (unit, ct) =>
            (await unit.ExecuteAsync("INSERT INTO items (value) VALUES ($value);", p => p.AddWithValue("$value", attack), ct)).ToResult()));

        var values = await _store.QueryAsync("SELECT value FROM items;", static reader => reader.GetString(0));
        Assert.Equal([attack], SqliteTestHost.AssertSuccess(values));
    }

    [Fact]
    public async Task QueryAsync_InjectionAttemptInAValue_MatchesNothing()
    {
        await SqliteTestHost.ExecuteAsync(_store, "INSERT INTO items (value) VALUES ('a'), ('b');");

        var rows = await _store.QueryAsync(
            "SELECT count(*) FROM items WHERE value = $value;",
            static reader => reader.GetInt64(0),
            p => p.AddWithValue("$value", "a' OR '1'='1"));

        Assert.Equal([0L], SqliteTestHost.AssertSuccess(rows));
    }

    [Fact]
    public async Task QueryAsync_BadStatement_ReturnsErrorNamingTheModuleAndSqlitesMessage()
    {
        var rows = await _store.QueryAsync("SELECT nope FROM items;", static reader => reader.GetString(0));

        Assert.Equal("sqlite.query.failed", rows.Error?.Code);
        Assert.Contains("'test-module'", rows.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("no such column: nope", rows.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_SqlCommitsTheTransaction_NothingIsWrittenWhenTheWorkFails()
    {
        var refused = Error.Conflict("items.refused", "Refused on purpose.");
        Result<int> command = default;

        var result = await _store.WriteAsync(async (unit, ct) =>
        {
            command = await unit.ExecuteAsync("INSERT INTO items (value) VALUES ('a'); COMMIT; INSERT INTO items (value) VALUES ('b');", cancellationToken: ct);
            return refused;
        });

        Assert.Same(refused, result.Error);
        Assert.Equal("sqlite.command.failed", command.Error?.Code);
        Assert.Contains("COMMIT, END or ROLLBACK", command.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(0, Count());
    }

    [Fact]
    public async Task ExecuteAsync_SqlRollsBackTheTransaction_WriteAsyncReturnsAnErrorInsteadOfThrowing()
    {
        var result = await _store.WriteAsync(async (unit, ct) =>
            (await unit.ExecuteAsync("INSERT INTO items (value) VALUES ('a'); ROLLBACK;", cancellationToken: ct)).ToResult());

        Assert.Equal("sqlite.command.failed", result.Error?.Code);
        Assert.Contains("'test-module'", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("COMMIT, END or ROLLBACK", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Count());
    }

    [Fact]
    public async Task WriteAsync_AfterAUnitOfWorkTriedToCommit_TheNextUnitOfWorkCommits()
    {
        _ = await _store.WriteAsync(async (unit, ct) =>
            (await unit.ExecuteAsync("INSERT INTO items (value) VALUES ('a'); COMMIT;", cancellationToken: ct)).ToResult());

        var result = await _store.WriteAsync(async (unit, ct) =>
            (await unit.ExecuteAsync("INSERT INTO items (value) VALUES ('kept');", cancellationToken: ct)).ToResult());

        SqliteTestHost.AssertSuccess(result);
        Assert.Equal(1, Count());
    }

    [Fact]
    public async Task WriteAsync_DeferredForeignKeyFailsAtCommit_SaysToFixTheRowsNotToRetry()
    {
        await SqliteTestHost.ExecuteAsync(_store, "CREATE TABLE children (id INTEGER PRIMARY KEY, item_id INTEGER REFERENCES items (id) DEFERRABLE INITIALLY DEFERRED);");

        var result = await _store.WriteAsync(async (unit, ct) =>
            (await unit.ExecuteAsync("INSERT INTO children (item_id) VALUES (42);", cancellationToken: ct)).ToResult());

        Assert.Equal("sqlite.write.failed", result.Error?.Code);
        Assert.Contains("FOREIGN KEY constraint failed", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("fix the rows", result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Retry later", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_DdlAfterAnInsert_ReturnsZeroRowsChanged()
    {
        var changed = await _store.WriteAsync<int>(async (unit, ct) =>
        {
            _ = await unit.ExecuteAsync("INSERT INTO items (value) VALUES ('a'), ('b'), ('c');", cancellationToken: ct);
            return await unit.ExecuteAsync("CREATE INDEX ix_items_value ON items (value);", cancellationToken: ct);
        });

        Assert.Equal(0, SqliteTestHost.AssertSuccess(changed));
    }

    [Fact]
    public async Task ExecuteAsync_UpdateThenDdlInOneCall_CountsOnlyTheUpdatedRows()
    {
        await SqliteTestHost.ExecuteAsync(_store, "INSERT INTO items (value) VALUES ('a'), ('b'), ('c');");

        var changed = await _store.WriteAsync<int>(async (unit, ct) =>
            await unit.ExecuteAsync("UPDATE items SET value = 'z' WHERE value = 'a'; CREATE INDEX ix_items_value ON items (value);", cancellationToken: ct));

        Assert.Equal(1, SqliteTestHost.AssertSuccess(changed));
    }

    [Fact]
    public async Task ExecuteAsync_StatementReturningRows_ReturnsZeroRowsChanged()
    {
        var changed = await _store.WriteAsync<int>(async (unit, ct) =>
            await unit.ExecuteAsync("SELECT count(*) FROM items;", cancellationToken: ct));

        Assert.Equal(0, SqliteTestHost.AssertSuccess(changed));
    }

    private long Count() => SqliteTestHost.Scalar(_store, "SELECT count(*) FROM items;");
}
