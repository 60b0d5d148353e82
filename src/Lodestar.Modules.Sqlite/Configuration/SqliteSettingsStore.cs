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
    private readonly string _upsertSql;
    private readonly string _deleteSql;
    private readonly string _selectModuleSql;
    private readonly string _selectAllSql;
    private readonly Lock _createLock = new();
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
        _upsertSql =
            $"INSERT INTO {quoted} (module_id, key, value, updated_at) VALUES ($module, $key, $value, $updatedAt) ON CONFLICT (module_id, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at;";
        _deleteSql = $"DELETE FROM {quoted} WHERE module_id = $module AND key = $key;";
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

        var written = Execute(moduleId, _upsertSql, command =>
        {
            command.Parameters.AddWithValue("$module", moduleId);
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$value", (object?)value ?? DBNull.Value);
            command.Parameters.AddWithValue("$updatedAt", _time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
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

        var removed = Execute(moduleId, _deleteSql, command =>
        {
            command.Parameters.AddWithValue("$module", moduleId);
            command.Parameters.AddWithValue("$key", key);
        });
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

    private Result<int> Execute(string moduleId, string sql, Action<SqliteCommand> bind)
    {
        try
        {
            using var connection = OpenCreated();
            using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Built once from a validated, quoted table name; values are parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
            bind(command);
            return command.ExecuteNonQuery();
        }
        catch (Exception exception) when (IsStorageFailure(exception))
        {
            return SqliteErrors.SettingsFailed(moduleId, Table, DatabasePath, exception);
        }
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

    private Result RaiseChanged(string moduleId)
    {
        var previous = Interlocked.Exchange(ref _reloadToken, new ConfigurationReloadToken());
        try
        {
            previous.OnReload();
            return Result.Success();
        }
        catch (AggregateException exception)
        {
            return SqliteErrors.SettingsReloadFailed(moduleId, Table, exception.InnerExceptions.Count == 1 ? exception.InnerExceptions[0] : exception);
        }
    }
}
