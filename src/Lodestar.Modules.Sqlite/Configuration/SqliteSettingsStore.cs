using System.Globalization;
using Lodestar.Results;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;

namespace Lodestar.Modules.Sqlite;

/// <summary>A settings table in one database file; every change fires the reload token after it is committed.</summary>
internal sealed class SqliteSettingsStore : ISqliteSettingsStore
{
    private const string AllModules = "(all modules)";

    private readonly SqliteConnectionFactory _connections;
    private readonly TimeProvider _time;
    private readonly string _createSql;
    private readonly string _insertSql;
    private readonly string _deleteSql;
    private readonly string _selectModuleSql;
    private readonly string _selectAllSql;
    private readonly string _selectKeysSql;
    private readonly Lock _createLock = new();
    private readonly Lock _providersLock = new();
    private SqliteConfigurationProvider[] _providers = [];
    private ConfigurationReloadToken _reloadToken = new();
    private volatile bool _created;

    public SqliteSettingsStore(string databasePath, string table, TimeProvider timeProvider)
    {
        DatabasePath = databasePath;
        Table = table;
        _time = timeProvider;
        _connections = new SqliteConnectionFactory("settings", databasePath, SqliteDefaults.BusyTimeout, NullLogger.Instance);
        var quoted = "\"" + table + "\"";
        _createSql =
            $"CREATE TABLE IF NOT EXISTS {quoted} (module_id TEXT NOT NULL COLLATE NOCASE, key TEXT NOT NULL COLLATE NOCASE, value TEXT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (module_id, key)) WITHOUT ROWID;";
        // Plain insert: Write removes every row of the key (in any case) in the same transaction first.
        _insertSql =
            $"INSERT INTO {quoted} (module_id, key, value, updated_at) VALUES ($module, $key, $value, $updatedAt);";
        _deleteSql = $"DELETE FROM {quoted} WHERE module_id = $module AND key = $key COLLATE BINARY;";
        _selectKeysSql = $"SELECT key FROM {quoted} WHERE module_id = $module;";
        _selectModuleSql = $"SELECT module_id, key, value FROM {quoted} WHERE module_id = $module ORDER BY key;";
        _selectAllSql = $"SELECT module_id, key, value FROM {quoted} ORDER BY module_id, key;";
    }

    public string DatabasePath { get; }

    public string Table { get; }

    public ValueTask<Result> SetAsync(string moduleId, string key, string? value, CancellationToken cancellationToken = default)
    {
        var invalid = Validate(moduleId, key);
        if (invalid is not null)
        {
            return new(invalid);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return new(SqliteErrors.Cancelled(moduleId, "Storing a setting"));
        }

        var written = Write(moduleId, key, (connection, transaction) =>
        {
            using var command = Command(connection, transaction, _insertSql);
            command.Parameters.AddWithValue("$module", moduleId);
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$value", (object?)value ?? DBNull.Value);
            command.Parameters.AddWithValue("$updatedAt", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
            return command.ExecuteNonQuery();
        });
        return new(written.IsFailure ? written.Error : RaiseChanged(moduleId));
    }

    public ValueTask<Result> RemoveAsync(string moduleId, string key, CancellationToken cancellationToken = default)
    {
        var invalid = Validate(moduleId, key);
        if (invalid is not null)
        {
            return new(invalid);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return new(SqliteErrors.Cancelled(moduleId, "Removing a setting"));
        }

        var removed = Write(moduleId, key, static (_, _) => 0);
        if (removed.IsFailure)
        {
            return new(removed.Error);
        }

        return new(removed.Value > 0 ? RaiseChanged(moduleId) : Result.Success());
    }

    public ValueTask<Result<IReadOnlyDictionary<string, string?>>> ReadAsync(string moduleId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(moduleId);
        if (cancellationToken.IsCancellationRequested)
        {
            return new(SqliteErrors.Cancelled(moduleId, "Reading settings"));
        }

        try
        {
            var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var setting in ReadAll(moduleId))
            {
                settings[setting.Key] = setting.Value;
            }

            return new(Result.Success<IReadOnlyDictionary<string, string?>>(settings));
        }
        catch (Exception exception) when (IsStorageFailure(exception))
        {
            return new(SqliteErrors.SettingsFailed(moduleId, Table, DatabasePath, exception));
        }
    }

    public IChangeToken GetReloadToken() => Volatile.Read(ref _reloadToken);

    /// <summary>Reads the rows of one module, or of all modules; throws on storage failures (configuration providers report them by throwing).</summary>
    internal List<SqliteSetting> ReadAll(string? moduleId)
    {
        using var connection = OpenCreated();
        using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Built once from a validated, quoted table name.
        command.CommandText = moduleId is null ? _selectAllSql : _selectModuleSql;
#pragma warning restore CA2100
        if (moduleId is not null)
        {
            command.Parameters.AddWithValue("$module", moduleId);
        }

        var settings = new List<SqliteSetting>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            settings.Add(new SqliteSetting(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        return settings;
    }

    internal static string Describe(string? moduleId) => moduleId ?? AllModules;

    internal static bool IsStorageFailure(Exception exception) =>
        exception is SqliteException or IOException or UnauthorizedAccessException;

    private Error? Validate(string moduleId, string key)
    {
        if (string.IsNullOrWhiteSpace(moduleId) || moduleId.Contains(':', StringComparison.Ordinal))
        {
            return SqliteErrors.SettingsInvalid(Table, $"the module id '{moduleId}' is empty or contains ':'. Use the module's id from its [Module] attribute.");
        }

        if (string.IsNullOrWhiteSpace(key) || key.StartsWith(':') || key.EndsWith(':'))
        {
            return SqliteErrors.SettingsInvalid(Table, $"the key '{key}' of module '{moduleId}' is empty or starts or ends with ':'. Use a configuration key below the module, e.g. 'Options:MaxTokensPerRequest'.");
        }

        return null;
    }

    /// <summary>
    /// In one transaction, removes the module's rows whose key equals <paramref name="key"/> ignoring
    /// case as configuration does (SQLite's <c>NOCASE</c> folds ASCII letters only), then runs
    /// <paramref name="then"/>; returns how many rows were removed or written.
    /// </summary>
    private Result<int> Write(string moduleId, string key, Func<SqliteConnection, SqliteTransaction, int> then)
    {
        try
        {
            using var connection = OpenCreated();
            using var transaction = connection.BeginTransaction(deferred: false);
            var matches = new List<string>();
            using (var select = Command(connection, transaction, _selectKeysSql))
            {
                select.Parameters.AddWithValue("$module", moduleId);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    var existing = reader.GetString(0);
                    if (string.Equals(existing, key, StringComparison.OrdinalIgnoreCase))
                    {
                        matches.Add(existing);
                    }
                }
            }

            var changed = 0;
            foreach (var match in matches)
            {
                using var delete = Command(connection, transaction, _deleteSql);
                delete.Parameters.AddWithValue("$module", moduleId);
                delete.Parameters.AddWithValue("$key", match);
                changed += delete.ExecuteNonQuery();
            }

            changed += then(connection, transaction);
            transaction.Commit();
            return changed;
        }
        catch (Exception exception) when (IsStorageFailure(exception))
        {
            return SqliteErrors.SettingsFailed(moduleId, Table, DatabasePath, exception);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Built once from a validated, quoted table name; values are parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }

    private SqliteConnection OpenCreated()
    {
        if (!_created)
        {
            lock (_createLock)
            {
                if (!_created)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
                    using var connection = _connections.Open();
                    using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Built once from a validated, quoted table name.
                    command.CommandText = _createSql;
#pragma warning restore CA2100
                    command.ExecuteNonQuery();
                    _created = true;
                }
            }
        }

        return _connections.Open();
    }

    /// <summary>Adds a configuration provider that reloads, before a change returns, from every change made through this store.</summary>
    internal void Attach(SqliteConfigurationProvider provider)
    {
        lock (_providersLock)
        {
            _providers = [.. _providers, provider];
        }
    }

    internal void Detach(SqliteConfigurationProvider provider)
    {
        lock (_providersLock)
        {
            _providers = Array.FindAll(_providers, attached => !ReferenceEquals(attached, provider));
        }
    }

    /// <summary>
    /// Reloads every attached provider on this thread, so the configuration shows the change when the
    /// call that made it returns (even while another change's listeners still run), then fires the
    /// reload token for anyone else watching the store.
    /// </summary>
    private Result RaiseChanged(string moduleId)
    {
        List<Exception>? failures = null;
        foreach (var provider in Volatile.Read(ref _providers))
        {
            try
            {
                provider.Reload();
            }
            catch (Exception exception)
            {
                (failures ??= []).Add(exception);
            }
        }

        var previous = Interlocked.Exchange(ref _reloadToken, new ConfigurationReloadToken());
        try
        {
            previous.OnReload();
        }
        catch (AggregateException exception)
        {
            (failures ??= []).AddRange(exception.InnerExceptions);
        }

        return failures is null
            ? Result.Success()
            : SqliteErrors.SettingsReloadFailed(moduleId, Table, failures.Count == 1 ? failures[0] : new AggregateException(failures));
    }
}
