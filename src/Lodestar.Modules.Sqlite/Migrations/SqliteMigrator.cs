using System.Globalization;
using Lodestar.Results;
using Microsoft.Data.Sqlite;

namespace Lodestar.Modules.Sqlite;

/// <summary>
/// Applies a module's migrations. Each pending migration runs in its own <c>BEGIN IMMEDIATE</c>
/// transaction that first checks, under SQLite's write lock, whether another connection or process
/// applied it meanwhile, so racing processes apply each migration exactly once.
/// </summary>
/// <remarks>
/// Migrations follow SQLite's procedure for schema changes (https://sqlite.org/lang_altertable.html#otheralter):
/// <c>foreign_keys</c> is turned off before the transactions (the pragma is a no-op inside one), so
/// rebuilding a table (create the new one, copy, <c>DROP TABLE</c> the old one, rename) neither
/// cascades deletes into child tables nor fails on their references; <c>PRAGMA foreign_key_check</c>
/// runs before each commit, and a migration that leaves a row violating a foreign key is rolled back.
/// The connection is pooled, so <c>foreign_keys</c> is always turned back on before the connection
/// is returned. The connection factory turns it on at every open as well, but the pragma does
/// nothing on a handle still inside a transaction, so a handle that cannot be restored is also
/// taken out of the pool.
/// </remarks>
internal static class SqliteMigrator
{
    private const string CreateTableSql =
        "CREATE TABLE " + SqliteDefaults.MigrationsTable + " (" +
        "module_id TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL, " +
        "PRIMARY KEY (module_id, version));";

    /// <summary>Whether the migrations table exists (first column) and has the module_id column (second).</summary>
    private const string DescribeTableSql =
        "SELECT count(*), coalesce(sum(name = 'module_id'), 0) FROM pragma_table_info('" + SqliteDefaults.MigrationsTable + "');";

    /// <summary>
    /// Moves a table of the first shape (one module a file, keyed by version alone) to the current one;
    /// its migrations are taken to be the module's that finds it, the only one that could use it.
    /// </summary>
    private const string UpgradeTableSql =
        "ALTER TABLE " + SqliteDefaults.MigrationsTable + " RENAME TO " + SqliteDefaults.MigrationsTable + "_v1; " +
        CreateTableSql + " " +
        "INSERT INTO " + SqliteDefaults.MigrationsTable + " (module_id, version, name, checksum, applied_at) " +
        "SELECT $moduleId, version, name, checksum, applied_at FROM " + SqliteDefaults.MigrationsTable + "_v1; " +
        "DROP TABLE " + SqliteDefaults.MigrationsTable + "_v1;";

    private const string SelectAppliedSql =
        "SELECT version, name, checksum FROM " + SqliteDefaults.MigrationsTable + " WHERE module_id = $moduleId ORDER BY version;";

    private const string SelectOneSql =
        "SELECT name, checksum FROM " + SqliteDefaults.MigrationsTable + " WHERE module_id = $moduleId AND version = $version;";

    private const string SelectMaxSql =
        "SELECT coalesce(max(version), 0) FROM " + SqliteDefaults.MigrationsTable + " WHERE module_id = $moduleId;";

    private const string ForeignKeysOffSql = "PRAGMA foreign_keys = OFF;";

    private const string ForeignKeysOnSql = "PRAGMA foreign_keys = ON;";

    private const string ForeignKeysSql = "PRAGMA foreign_keys;";

    /// <summary>Rows violating a foreign key: the child table, its rowid, the parent table, the key's id.</summary>
    private const string ForeignKeyCheckSql = "PRAGMA foreign_key_check;";

    private const string InsertSql =
        "INSERT INTO " + SqliteDefaults.MigrationsTable + " (module_id, version, name, checksum, applied_at) VALUES ($moduleId, $version, $name, $checksum, $appliedAt);";

    public static async ValueTask<Result<int>> MigrateAsync(SqliteStore store, IEnumerable<SqliteMigration> migrations, CancellationToken cancellationToken)
    {
        var ordered = Order(store.ModuleId, migrations);
        if (ordered.IsFailure)
        {
            return ordered.Error;
        }

        try
        {
            await store.WriteGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return SqliteErrors.Cancelled(store.ModuleId, "Migrating the database");
        }

        try
        {
            var opened = store.Open();
            if (opened.IsFailure)
            {
                return opened.Error;
            }

            using var connection = opened.Value;
            var pending = FindPending(store, connection, ordered.Value);
            if (pending.IsFailure)
            {
                return pending.Error;
            }

            if (pending.Value.Count == 0)
            {
                return 0;
            }

            return ApplyPending(store, connection, pending.Value, cancellationToken);
        }
        catch (SqliteException exception) when (SqliteErrors.IsBusy(exception))
        {
            // Another connection holds the database: transient, unlike a migrations table that cannot be read.
            return SqliteErrors.MigrationsBusy(store.ModuleId, store.DatabasePath, exception);
        }
        catch (SqliteException exception) when (SqliteErrors.IsSchemaError(exception))
        {
            // SQLITE_ERROR while reading the table ("no such column", ...): the table has a wrong shape.
            return SqliteErrors.MigrationsInvalid(store.ModuleId, $"the migrations table '{SqliteDefaults.MigrationsTable}' could not be read: {SqliteErrors.Describe(exception)}");
        }
        catch (SqliteException exception)
        {
            // The file or the environment failed (disk full, I/O error, read-only, ...): not the migrations' fault.
            return SqliteErrors.MigrationsTableFailed(store.ModuleId, store.DatabasePath, exception);
        }
        finally
        {
            store.WriteGate.Release();
        }
    }

    /// <summary>
    /// Applies the pending migrations one by one with <c>foreign_keys</c> off, as SQLite's procedure
    /// for schema changes asks, and always turns it back on before the pooled connection is returned.
    /// </summary>
    private static Result<int> ApplyPending(SqliteStore store, SqliteConnection connection, List<SqliteMigration> pending, CancellationToken cancellationToken)
    {
        // Outside any transaction: inside one the pragma does nothing.
        using (var off = Command(connection, null, ForeignKeysOffSql))
        {
            off.ExecuteNonQuery();
        }

        try
        {
            var applied = 0;
            foreach (var migration in pending)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return applied == 0
                        ? SqliteErrors.Cancelled(store.ModuleId, "Migrating the database")
                        : SqliteErrors.CancelledAfter(store.ModuleId, "Migrating the database", $"{applied.ToString(CultureInfo.InvariantCulture)} migration(s) were applied", applied);
                }

                var outcome = Apply(store, connection, migration);
                if (outcome.IsFailure)
                {
                    Log.MigrationFailed(store.Logger, store.ModuleId, outcome.Error.Code, outcome.Error.Message, outcome.Error.Exception);
                    return outcome.Error;
                }

                if (outcome.Value)
                {
                    applied++;
                    Log.MigrationApplied(store.Logger, store.ModuleId, migration.Version, migration.Name, store.DatabasePath);
                }
                else
                {
                    Log.MigrationAppliedElsewhere(store.Logger, store.ModuleId, migration.Version, migration.Name);
                }
            }

            return applied;
        }
        finally
        {
            RestoreForeignKeys(store, connection);
        }
    }

    /// <summary>
    /// Turns <c>foreign_keys</c> back on. The pooled handle keeps its pragmas, and the factory's
    /// <c>PRAGMA foreign_keys = ON</c> at the next open is a no-op while a transaction is still open
    /// on it, so a handle that cannot be restored must not be reused: the pool is cleared, which
    /// closes it once it is returned.
    /// </summary>
    private static void RestoreForeignKeys(SqliteStore store, SqliteConnection connection)
    {
        SqliteException? failure = null;
        try
        {
            // A no-op while a transaction is still open (a rollback that failed), hence the check after it.
            using var on = Command(connection, null, ForeignKeysOnSql);
            on.ExecuteNonQuery();
            using var read = Command(connection, null, ForeignKeysSql);
            if (Convert.ToInt64(read.ExecuteScalar(), CultureInfo.InvariantCulture) == 1)
            {
                return;
            }
        }
        catch (SqliteException exception)
        {
            // The handle is in no known state: it must not be reused either.
            failure = exception;
        }

        Log.ForeignKeysNotRestored(store.Logger, store.ModuleId, failure);
        SqliteConnection.ClearPool(connection);
    }

    private static Result<List<SqliteMigration>> Order(string moduleId, IEnumerable<SqliteMigration> migrations)
    {
        var ordered = new List<SqliteMigration>();
        foreach (var migration in migrations)
        {
            if (migration is null)
            {
                return SqliteErrors.MigrationsInvalid(moduleId, "the list contains null. Remove it.");
            }

            ordered.Add(migration);
        }

        ordered.Sort(static (left, right) => left.Version.CompareTo(right.Version));
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Version == ordered[i - 1].Version)
            {
                return SqliteErrors.MigrationsInvalid(
                    moduleId,
                    $"migrations {ordered[i - 1]} and {ordered[i]} share version {ordered[i].Version.ToString(CultureInfo.InvariantCulture)}. Give every migration its own version.");
            }
        }

        return ordered;
    }

    /// <summary>Checks the applied migrations against the declared ones and returns those still to apply.</summary>
    private static Result<List<SqliteMigration>> FindPending(SqliteStore store, SqliteConnection connection, List<SqliteMigration> declared)
    {
        EnsureTable(store, connection);
        var applied = new Dictionary<int, (string Name, string Checksum)>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = SelectAppliedSql;
            select.Parameters.AddWithValue("$moduleId", store.ModuleId);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                applied[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
            }
        }

        var byVersion = declared.ToDictionary(static migration => migration.Version);
        var maxApplied = 0;
        foreach (var (version, record) in applied)
        {
            if (!byVersion.TryGetValue(version, out var migration))
            {
                return SqliteErrors.MigrationUnknown(store.ModuleId, version, record.Name);
            }

            if (IsDrift(migration, record.Name, record.Checksum))
            {
                return SqliteErrors.MigrationDrift(store.ModuleId, migration, record.Name, record.Checksum);
            }

            maxApplied = Math.Max(maxApplied, version);
        }

        var pending = new List<SqliteMigration>();
        foreach (var migration in declared)
        {
            if (applied.ContainsKey(migration.Version))
            {
                continue;
            }

            if (migration.Version < maxApplied)
            {
                return SqliteErrors.MigrationOutOfOrder(store.ModuleId, migration, maxApplied);
            }

            pending.Add(migration);
        }

        return pending;
    }

    /// <summary>
    /// Creates the migrations table, or brings one of the first shape to the current one. The shape is
    /// read without a lock first, so a run whose table is in shape takes no write lock for it; a change
    /// happens under the write lock (<c>BEGIN IMMEDIATE</c>) after reading the shape again, so racing
    /// processes make it once. Every module on a file keeps its migrations in the one table, keyed by
    /// module id and version.
    /// </summary>
    private static void EnsureTable(SqliteStore store, SqliteConnection connection)
    {
        if (ReadShape(connection, null) == TableShape.Current)
        {
            return;
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        var shape = ReadShape(connection, transaction);
        if (shape != TableShape.Current)
        {
            using var change = Command(connection, transaction, shape == TableShape.Missing ? CreateTableSql : UpgradeTableSql);
            change.Parameters.AddWithValue("$moduleId", store.ModuleId);
            SqliteCommands.ExecuteAll(change);
        }

        transaction.Commit();
    }

    private static TableShape ReadShape(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var describe = Command(connection, transaction, DescribeTableSql);
        using var reader = describe.ExecuteReader();
        reader.Read();
        return reader.GetInt64(0) == 0 ? TableShape.Missing
            : reader.GetInt64(1) == 0 ? TableShape.First
            : TableShape.Current;
    }

    /// <summary>Applies one migration in its own transaction; <see langword="false"/> when another connection applied it first.</summary>
    private static Result<bool> Apply(SqliteStore store, SqliteConnection connection, SqliteMigration migration)
    {
        SqliteTransaction transaction;
        try
        {
            transaction = connection.BeginTransaction(deferred: false);
        }
        catch (SqliteException exception)
        {
            return SqliteErrors.IsBusy(exception)
                ? SqliteErrors.MigrationsBusy(store.ModuleId, store.DatabasePath, exception)
                : SqliteErrors.MigrationFailed(store.ModuleId, store.DatabasePath, migration, exception);
        }

        using (transaction)
        {
            // A COMMIT or END in the migration's SQL would apply part of it behind the transaction's back.
            using var guard = SqliteCommitGuard.Install(connection);
            try
            {
                using (var check = Command(connection, transaction, SelectOneSql))
                {
                    check.Parameters.AddWithValue("$moduleId", store.ModuleId);
                    check.Parameters.AddWithValue("$version", migration.Version);
                    using var reader = check.ExecuteReader();
                    if (reader.Read())
                    {
                        var name = reader.GetString(0);
                        var checksum = reader.GetString(1);
                        reader.Close();
                        store.Rollback(transaction);
                        return IsDrift(migration, name, checksum)
                            ? SqliteErrors.MigrationDrift(store.ModuleId, migration, name, checksum)
                            : false;
                    }
                }

                using (var max = Command(connection, transaction, SelectMaxSql))
                {
                    max.Parameters.AddWithValue("$moduleId", store.ModuleId);
                    var latest = Convert.ToInt32(max.ExecuteScalar(), CultureInfo.InvariantCulture);
                    if (latest > migration.Version)
                    {
                        store.Rollback(transaction);
                        return SqliteErrors.MigrationOutOfOrder(store.ModuleId, migration, latest);
                    }
                }

                using (var run = connection.CreateCommand())
                {
                    run.Transaction = transaction;
#pragma warning disable CA2100 // Migration SQL is the module's own code, not data.
                    run.CommandText = migration.Sql;
#pragma warning restore CA2100
                    SqliteCommands.ExecuteAll(run);
                }

                if (guard.TransactionEnded)
                {
                    // A ROLLBACK in the SQL: nothing of it stays, and it must not be recorded as applied.
                    store.Rollback(transaction);
                    return SqliteErrors.MigrationEndedTransaction(store.ModuleId, migration);
                }

                var violation = FindForeignKeyViolation(connection, transaction);
                if (violation is { } found)
                {
                    store.Rollback(transaction);
                    return SqliteErrors.MigrationForeignKeyViolation(store.ModuleId, migration, found.Table, found.Parent, found.Count);
                }

                using (var record = Command(connection, transaction, InsertSql))
                {
                    record.Parameters.AddWithValue("$moduleId", store.ModuleId);
                    record.Parameters.AddWithValue("$version", migration.Version);
                    record.Parameters.AddWithValue("$name", migration.Name);
                    record.Parameters.AddWithValue("$checksum", migration.Checksum);
                    record.Parameters.AddWithValue("$appliedAt", store.TimeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                    record.ExecuteNonQuery();
                }

                guard.AllowCommit();
                transaction.Commit();
                return true;
            }
            catch (SqliteException exception)
            {
                // Only a refused commit is the SQL's doing: SQLite ends the transaction itself after a full disk or an I/O error.
                var ended = guard.Vetoed;
                store.Rollback(transaction);
                return ended
                    ? SqliteErrors.MigrationEndedTransaction(store.ModuleId, migration)
                    : SqliteErrors.MigrationFailed(store.ModuleId, store.DatabasePath, migration, exception);
            }
        }
    }

    /// <summary>
    /// Runs <c>PRAGMA foreign_key_check</c>; returns the first child table with rows violating a
    /// foreign key, the parent table they miss and how many rows violate one, or <see langword="null"/>.
    /// </summary>
    private static (string Table, string Parent, int Count)? FindForeignKeyViolation(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var check = Command(connection, transaction, ForeignKeyCheckSql);
        using var reader = check.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var table = reader.GetString(0);
        var parent = reader.GetString(2);
        var count = 1;
        while (reader.Read())
        {
            count++;
        }

        return (table, parent, count);
    }

    private static bool IsDrift(SqliteMigration migration, string appliedName, string appliedChecksum) =>
        !string.Equals(migration.Checksum, appliedChecksum, StringComparison.Ordinal)
        || !string.Equals(migration.Name, appliedName, StringComparison.Ordinal);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Only the constant statements of this class.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }

    /// <summary>The migrations table as found: missing, of the first shape (version alone), or current.</summary>
    private enum TableShape
    {
        Missing,
        First,
        Current,
    }
}
