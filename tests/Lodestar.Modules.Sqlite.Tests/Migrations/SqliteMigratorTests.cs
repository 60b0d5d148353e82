using Lodestar.Modules.Sqlite.Tests.Support;
using Lodestar.Results;

namespace Lodestar.Modules.Sqlite.Tests.Migrations;

public sealed class SqliteMigratorTests
{
    private static readonly SqliteMigration CreateItems = new(1, "create-items", "CREATE TABLE items (id INTEGER PRIMARY KEY, value TEXT NOT NULL);");
    private static readonly SqliteMigration IndexItems = new(2, "index-items", "CREATE INDEX ix_items_value ON items (value);");

    private static readonly SqliteMigration ParentAndChild = new(1, "parent-and-child", """
        CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT);
        CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent (id) ON DELETE CASCADE);
        INSERT INTO parent VALUES (1, 'a');
        INSERT INTO child VALUES (10, 1);
        """);

    [Fact]
    public async Task MigrateAsync_NewDatabase_AppliesEveryMigrationAndRecordsNameChecksumAndUtcTime()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();

        var applied = await store.MigrateAsync([IndexItems, CreateItems]);

        Assert.Equal(2, SqliteTestHost.AssertSuccess(applied));
        var records = SqliteTestHost.AssertSuccess(await store.QueryAsync(
            "SELECT version, name, checksum, applied_at FROM __lodestar_migrations ORDER BY version;",
            static reader => (reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3))));
        Assert.Equal(
            [
                (1, "create-items", CreateItems.Checksum, "2026-01-01T00:00:00.0000000+00:00"),
                (2, "index-items", IndexItems.Checksum, "2026-01-01T00:00:00.0000000+00:00"),
            ],
            records);
    }

    [Fact]
    public async Task MigrateAsync_RunAgain_AppliesNothing()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        SqliteTestHost.AssertSuccess(await store.MigrateAsync([CreateItems, IndexItems]));

        var again = await store.MigrateAsync([CreateItems, IndexItems]);

        Assert.Equal(0, SqliteTestHost.AssertSuccess(again));
        Assert.Equal(2, SqliteTestHost.Scalar(store, "SELECT count(*) FROM __lodestar_migrations;"));
    }

    [Fact]
    public async Task MigrateAsync_NewMigrationAppended_AppliesOnlyIt()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        SqliteTestHost.AssertSuccess(await store.MigrateAsync([CreateItems]));

        var applied = await store.MigrateAsync([CreateItems, IndexItems]);

        Assert.Equal(1, SqliteTestHost.AssertSuccess(applied));
    }

    [Fact]
    public async Task MigrateAsync_FailingMigration_RollsItBackCompletelyAndNamesItWithSqlitesMessage()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        var failing = new SqliteMigration(2, "half-done", "CREATE TABLE half (id INTEGER); INSERT INTO missing_table VALUES (1);");

        var result = await store.MigrateAsync([CreateItems, failing]);

        Assert.Equal("sqlite.migration.failed", result.Error?.Code);
        Assert.Contains("2 'half-done'", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("no such table: missing_table", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("'test-module'", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, SqliteTestHost.Scalar(store, "SELECT count(*) FROM sqlite_master WHERE name = 'half';"));
        Assert.Equal(1, SqliteTestHost.Scalar(store, "SELECT count(*) FROM __lodestar_migrations;"));
    }

    [Fact]
    public async Task MigrateAsync_MigrationCommitsItsTransaction_RollsItBackCompletelyAndSaysWhy()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        var committing = new SqliteMigration(2, "commits", "CREATE TABLE first_half (id INTEGER); COMMIT; CREATE TABLE second_half (id INTEGER);");

        var result = await store.MigrateAsync([CreateItems, committing]);

        Assert.Equal("sqlite.migration.failed", result.Error?.Code);
        Assert.Contains("2 'commits'", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("COMMIT, END or ROLLBACK", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, SqliteTestHost.Scalar(store, "SELECT count(*) FROM sqlite_master WHERE name IN ('first_half', 'second_half');"));
        Assert.Equal(1, SqliteTestHost.Scalar(store, "SELECT count(*) FROM __lodestar_migrations;"));
    }

    [Fact]
    public async Task MigrateAsync_MigrationRollsBackItsTransaction_FailsAndIsNotRecorded()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        var rollingBack = new SqliteMigration(2, "rolls-back", "CREATE TABLE gone (id INTEGER); ROLLBACK;");

        var result = await store.MigrateAsync([CreateItems, rollingBack]);

        Assert.Equal("sqlite.migration.failed", result.Error?.Code);
        Assert.Contains("COMMIT, END or ROLLBACK", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(1, SqliteTestHost.Scalar(store, "SELECT count(*) FROM __lodestar_migrations;"));
    }

    [Fact]
    public async Task MigrateAsync_StatementAfterOneReturningRowsFails_FailsAndRollsBack()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        var failing = new SqliteMigration(1, "rows-then-error", "CREATE TABLE a (id INTEGER); SELECT 1; INSERT INTO missing_table VALUES (1);");

        var result = await store.MigrateAsync([failing]);

        Assert.Equal("sqlite.migration.failed", result.Error?.Code);
        Assert.Equal(0, SqliteTestHost.Scalar(store, "SELECT count(*) FROM sqlite_master WHERE name = 'a';"));
    }

    [Fact]
    public async Task MigrateAsync_AfterFixingAFailedMigration_AppliesIt()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        _ = await store.MigrateAsync([CreateItems, new SqliteMigration(2, "add-column", "ALTER TABLE itemz ADD COLUMN note TEXT;")]);

        var fixedUp = await store.MigrateAsync([CreateItems, new SqliteMigration(2, "add-column", "ALTER TABLE items ADD COLUMN note TEXT;")]);

        Assert.Equal(1, SqliteTestHost.AssertSuccess(fixedUp));
    }

    [Fact]
    public async Task MigrateAsync_AppliedMigrationChanged_ReturnsDriftAndDoesNotRerunIt()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        SqliteTestHost.AssertSuccess(await store.MigrateAsync([CreateItems]));
        var edited = new SqliteMigration(1, "create-items", "CREATE TABLE items (id INTEGER PRIMARY KEY, value TEXT NOT NULL, extra TEXT);");

        var result = await store.MigrateAsync([edited]);

        Assert.Equal("sqlite.migration.drift", result.Error?.Code);
        Assert.Equal(ErrorKind.Conflict, result.Error!.Kind);
        Assert.Contains(CreateItems.Checksum, result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, SqliteTestHost.Scalar(store, "SELECT count(*) FROM pragma_table_info('items') WHERE name = 'extra';"));
    }

    [Fact]
    public async Task MigrateAsync_OnlyLineEndingsAndTrailingSpacesChanged_IsNotDrift()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        SqliteTestHost.AssertSuccess(await store.MigrateAsync([new SqliteMigration(1, "create", "CREATE TABLE a (id INTEGER);\nCREATE TABLE b (id INTEGER);")]));

        var again = await store.MigrateAsync([new SqliteMigration(1, "create", "\r\nCREATE TABLE a (id INTEGER);   \r\nCREATE TABLE b (id INTEGER);\r\n")]);

        Assert.Equal(0, SqliteTestHost.AssertSuccess(again));
    }

    [Fact]
    public async Task MigrateAsync_DatabaseHasMigrationTheCodeLacks_ReturnsUnknownError()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        SqliteTestHost.AssertSuccess(await store.MigrateAsync([CreateItems, IndexItems]));

        var result = await store.MigrateAsync([CreateItems]);

        Assert.Equal("sqlite.migration.unknown", result.Error?.Code);
        Assert.Contains("2 'index-items'", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_NewMigrationBelowAnAppliedVersion_ReturnsOutOfOrderError()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        var third = new SqliteMigration(3, "third", "CREATE TABLE third (id INTEGER);");
        SqliteTestHost.AssertSuccess(await store.MigrateAsync([CreateItems, third]));

        var result = await store.MigrateAsync([CreateItems, IndexItems, third]);

        Assert.Equal("sqlite.migration.out-of-order", result.Error?.Code);
        Assert.Equal(0, SqliteTestHost.Scalar(store, "SELECT count(*) FROM sqlite_master WHERE name = 'ix_items_value';"));
    }

    [Fact]
    public async Task MigrateAsync_TwoMigrationsWithOneVersion_ReturnsValidationErrorAndAppliesNothing()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();

        var result = await store.MigrateAsync([CreateItems, new SqliteMigration(1, "other", "CREATE TABLE other (id INTEGER);")]);

        Assert.Equal("sqlite.migration.invalid", result.Error?.Code);
        Assert.False(File.Exists(store.DatabasePath));
    }

    [Fact]
    public async Task MigrateAsync_TwoStoresRacingOnOneFile_ApplyEachMigrationExactlyOnce()
    {
        await using var first = new SqliteTestHost();
        await using var second = new SqliteTestHost(options => options.DataDirectory = first.DataDirectory);
        var stores = new[] { first.GetStore(), second.GetStore() };
        SqliteMigration[] migrations =
        [
            new(1, "runs", "CREATE TABLE runs (migration INTEGER NOT NULL); INSERT INTO runs VALUES (1);"),
            .. Enumerable.Range(2, 9).Select(version => new SqliteMigration(
                version,
                "step-" + version,
                $"CREATE TABLE t{version} (id INTEGER); INSERT INTO runs VALUES ({version});")),
        ];
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var racing = stores.Select(store => Task.Run(async () =>
        {
            await go.Task;
            return await store.MigrateAsync(migrations);
        })).ToArray();
        go.SetResult();
        var results = await Task.WhenAll(racing).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(results, result => Assert.True(result.IsSuccess, result.Error?.ToString()));
        Assert.Equal(10, results.Sum(result => result.Value));
        Assert.Equal(10, SqliteTestHost.Scalar(stores[0], "SELECT count(*) FROM runs;"));
        Assert.Equal(10, SqliteTestHost.Scalar(stores[0], "SELECT count(DISTINCT migration) FROM runs;"));
        Assert.Equal(10, SqliteTestHost.Scalar(stores[0], "SELECT count(*) FROM __lodestar_migrations;"));
    }

    [Fact]
    public async Task MigrateAsync_TwoProcessesRacingOnOneFile_ApplyEachMigrationExactlyOnce()
    {
        await using var host = new SqliteTestHost();
        Directory.CreateDirectory(host.DataDirectory);
        var children = new[] { ChildProcess.Start("migrate", host.DataDirectory), ChildProcess.Start("migrate", host.DataDirectory) };
        try
        {
            foreach (var child in children)
            {
                Assert.Equal("ready", await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)));
            }

            foreach (var child in children)
            {
                await child.StandardInput.WriteLineAsync("go");
                await child.StandardInput.FlushAsync();
            }

            var outcomes = new List<string>();
            foreach (var child in children)
            {
                outcomes.Add((await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)))!);
                await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            }

            Assert.All(outcomes, outcome => Assert.StartsWith("applied ", outcome, StringComparison.Ordinal));
            Assert.Equal(5, outcomes.Sum(outcome => int.Parse(outcome["applied ".Length..], System.Globalization.CultureInfo.InvariantCulture)));
            var store = host.GetStore("crash-writer");
            Assert.Equal(5, SqliteTestHost.Scalar(store, "SELECT count(*) FROM runs;"));
            Assert.Equal(5, SqliteTestHost.Scalar(store, "SELECT count(DISTINCT migration) FROM runs;"));
            Assert.Equal(5, SqliteTestHost.Scalar(store, "SELECT count(*) FROM __lodestar_migrations;"));
        }
        finally
        {
            foreach (var child in children)
            {
                if (!child.HasExited)
                {
                    child.Kill(entireProcessTree: true);
                }

                child.Dispose();
            }
        }
    }

    [Fact]
    public void Checksum_IsSha256OfTheNormalizedText()
    {
        var migration = new SqliteMigration(1, "x", "  SELECT 1;  \r\n\r\n");

        // SHA-256 of the UTF-8 bytes of "  SELECT 1;" (trailing white space and blank lines dropped).
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("  SELECT 1;"u8)),
            migration.Checksum);
    }

    [Fact]
    public async Task MigrateAsync_CancelledAfterAMigrationWasApplied_SaysTheAppliedMigrationsStay()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        using var cancel = new CancellationTokenSource();
        host.Logs.OnLog = entry =>
        {
            if (entry.EventId.Name == "MigrationApplied")
            {
                cancel.Cancel();
            }
        };

        var migrated = await store.MigrateAsync([CreateItems, IndexItems], cancel.Token);

        Assert.Equal(ErrorKind.Cancelled, migrated.Error?.Kind);
        Assert.Contains("after 1 migration(s) were applied: that much is committed and stays", migrated.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("1", migrated.Error.Details["completed"]);
        Assert.Equal(1, SqliteTestHost.Scalar(store, "SELECT count(*) FROM __lodestar_migrations;"));
    }

    [Fact]
    public async Task MigrateAsync_AnotherConnectionHoldsTheWriteLock_ReturnsABusyErrorTheStartCanRetry()
    {
        await using var host = new SqliteTestHost(options => options.BusyTimeout = TimeSpan.Zero);
        var store = host.GetStore();
        SqliteTestHost.AssertSuccess(await store.QueryAsync("SELECT 1;", static reader => reader.GetInt64(0)));
        using var other = SqliteTestHost.OpenRaw(store.DatabasePath);
        using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE;";
            begin.ExecuteNonQuery();
        }

        var migrated = await store.MigrateAsync([CreateItems]);

        // Not a Validation error: the runtime does not restart a module whose start failed with one.
        Assert.Equal("sqlite.migration.busy", migrated.Error?.Code);
        Assert.Equal(ErrorKind.Unavailable, migrated.Error!.Kind);
        Assert.Contains($"module '{SqliteTestHost.ModuleId}'", migrated.Error.Message, StringComparison.Ordinal);
        Assert.Contains("BusyTimeout", migrated.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MigrateAsync_DiskFullWhileCreatingTheMigrationsTable_ReturnsAFailureTheStartCanRetry()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();

        // The database cannot grow (as on a full disk): SQLITE_FULL, the environment failing.
        var connection = SqliteTestHost.AssertSuccess(await store.OpenConnectionAsync());
        await using (connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA max_page_count = 1;";
            command.ExecuteNonQuery();
        }

        var migrated = await store.MigrateAsync([CreateItems]);

        // Not a Validation error: the runtime does not restart a module whose start failed with one.
        Assert.Equal("sqlite.migration.failed", migrated.Error?.Code);
        Assert.Equal(ErrorKind.Unavailable, migrated.Error!.Kind);
        Assert.Contains("SQLite error 13", migrated.Error.Message, StringComparison.Ordinal);
        Assert.Contains("__lodestar_migrations", migrated.Error.Message, StringComparison.Ordinal);
        Assert.Equal("13", migrated.Error.Details["sqliteErrorCode"]);
    }

    [Fact]
    public async Task MigrateAsync_DiskFullWhileApplyingAMigration_ReturnsAFailureTheStartCanRetryNamingTheFile()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        SqliteTestHost.AssertSuccess(await store.MigrateAsync([CreateItems]));
        await SqliteTestHost.StopGrowthAsync(store);

        var migrated = await store.MigrateAsync(
        [
            CreateItems,
            new SqliteMigration(2, "seed-items", "INSERT INTO items (value) SELECT hex(randomblob(1000)) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) SELECT i FROM n);"),
        ]);

        // Unavailable, like a busy database: the migration's SQL is not at fault, so the start is retried.
        Assert.Equal("sqlite.migration.failed", migrated.Error?.Code);
        Assert.Equal(ErrorKind.Unavailable, migrated.Error!.Kind);
        Assert.Contains("2 'seed-items'", migrated.Error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{store.DatabasePath}'", migrated.Error.Message, StringComparison.Ordinal);
        Assert.Equal(0, SqliteTestHost.Scalar(store, "SELECT count(*) FROM items;"));
    }

    [Fact]
    public async Task MigrateAsync_TableRebuildOfAParent_KeepsTheChildRows()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        SqliteTestHost.AssertSuccess(await store.MigrateAsync([ParentAndChild]));

        var rebuilt = await store.MigrateAsync(
        [
            ParentAndChild,
            new SqliteMigration(2, "rebuild-parent", """
                CREATE TABLE parent_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');
                INSERT INTO parent_new SELECT id, coalesce(name, '') FROM parent;
                DROP TABLE parent;
                ALTER TABLE parent_new RENAME TO parent;
                """),
        ]);

        Assert.Equal(1, SqliteTestHost.AssertSuccess(rebuilt));
        Assert.Equal(1, SqliteTestHost.Scalar(store, "SELECT count(*) FROM child;"));
        Assert.Equal(0, SqliteTestHost.Scalar(store, "SELECT count(*) FROM pragma_foreign_key_check;"));
    }

    [Fact]
    public async Task MigrateAsync_MigrationLeavesRowsViolatingAForeignKey_RollsItBackNamingTheTable()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        SqliteTestHost.AssertSuccess(await store.MigrateAsync([ParentAndChild]));

        var migrated = await store.MigrateAsync([ParentAndChild, new SqliteMigration(2, "drop-parents", "DELETE FROM parent;")]);

        Assert.Equal("sqlite.migration.failed", migrated.Error?.Code);
        Assert.Contains($"module '{SqliteTestHost.ModuleId}'", migrated.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("drop-parents", migrated.Error.Message, StringComparison.Ordinal);
        Assert.Contains("table 'child'", migrated.Error.Message, StringComparison.Ordinal);
        Assert.Equal("child", migrated.Error.Details["table"]);
        Assert.Equal("parent", migrated.Error.Details["parent"]);
        Assert.Equal(1, SqliteTestHost.Scalar(store, "SELECT count(*) FROM parent;"));
        Assert.Equal(1, SqliteTestHost.Scalar(store, "SELECT count(*) FROM __lodestar_migrations;"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task MigrateAsync_AfterwardsThePooledConnectionEnforcesForeignKeysAgain(bool migrationSucceeds)
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        var second = migrationSucceeds
            ? new SqliteMigration(2, "add-parent", "INSERT INTO parent VALUES (2, 'b');")
            : new SqliteMigration(2, "broken", "INSERT INTO missing VALUES (1);");

        var migrated = await store.MigrateAsync([ParentAndChild, second]);

        Assert.Equal(migrationSucceeds, migrated.IsSuccess);
        Assert.Equal([1L], SqliteTestHost.AssertSuccess(await store.QueryAsync("PRAGMA foreign_keys;", static reader => reader.GetInt64(0))));
        var orphan = await store.WriteAsync(async (unit, ct) =>
            (await unit.ExecuteAsync("INSERT INTO child VALUES (11, 99);", cancellationToken: ct)).ToResult());
        Assert.Equal("sqlite.command.failed", orphan.Error?.Code);
    }

    [Fact]
    public async Task MigrateAsync_TwoModulesShareAFile_EachAppliesAndRecordsItsOwnMigrations()
    {
        await using var host = new SqliteTestHost(options =>
        {
            options.DatabasePaths["alpha"] = "shared.db";
            options.DatabasePaths["beta"] = "shared.db";
        });
        var alpha = host.GetStore("alpha");
        var beta = host.GetStore("beta");
        SqliteTestHost.AssertSuccess(await alpha.MigrateAsync([new SqliteMigration(1, "create-alpha", "CREATE TABLE alpha_items (id INTEGER);")]));

        var migrated = await beta.MigrateAsync([new SqliteMigration(1, "create-beta", "CREATE TABLE beta_items (id INTEGER);")]);

        Assert.Equal(1, SqliteTestHost.AssertSuccess(migrated));
        Assert.Equal(2, SqliteTestHost.Scalar(beta, "SELECT count(*) FROM sqlite_master WHERE name IN ('alpha_items', 'beta_items');"));
        Assert.Equal(0, SqliteTestHost.AssertSuccess(await alpha.MigrateAsync([new SqliteMigration(1, "create-alpha", "CREATE TABLE alpha_items (id INTEGER);")])));
    }

    [Fact]
    public async Task MigrateAsync_TableOfTheFirstShape_KeepsItsMigrationsAsTheModulesOwn()
    {
        await using var host = new SqliteTestHost();
        var store = host.GetStore();
        using (var raw = SqliteTestHost.OpenRaw(store.DatabasePath))
        using (var command = raw.CreateCommand())
        {
            command.CommandText = $"""
                CREATE TABLE __lodestar_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL);
                INSERT INTO __lodestar_migrations VALUES (1, 'create-items', '{CreateItems.Checksum}', '2025-12-31T00:00:00.0000000+00:00');
                {CreateItems.Sql}
                """;
            command.ExecuteNonQuery();
        }

        var migrated = await store.MigrateAsync([CreateItems, IndexItems]);

        Assert.Equal(1, SqliteTestHost.AssertSuccess(migrated));
        var records = SqliteTestHost.AssertSuccess(await store.QueryAsync(
            "SELECT module_id, version, applied_at FROM __lodestar_migrations ORDER BY version;",
            static reader => (reader.GetString(0), reader.GetInt32(1), reader.GetString(2))));
        Assert.Equal(
            [
                (SqliteTestHost.ModuleId, 1, "2025-12-31T00:00:00.0000000+00:00"),
                (SqliteTestHost.ModuleId, 2, "2026-01-01T00:00:00.0000000+00:00"),
            ],
            records);
    }
}
