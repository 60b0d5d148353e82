using Microsoft.Extensions.Configuration;

namespace Lodestar.Modules.Sqlite;

/// <summary>
/// Maps each row <c>(module_id, key, value)</c> of a settings table to the configuration key
/// <c>Lodestar:Modules:{module_id}:{key}</c>, and reloads when the table is changed through
/// <see cref="ISqliteSettingsStore"/>.
/// </summary>
internal sealed class SqliteConfigurationProvider : ConfigurationProvider, IDisposable
{
    private const string ModulesSection = "Lodestar:Modules";

    private readonly SqliteSettingsStore _settings;
    private readonly string? _moduleId;
    private readonly Lock _loadLock = new();

    public SqliteConfigurationProvider(SqliteSettingsStore settings, string? moduleId)
    {
        _settings = settings;
        _moduleId = moduleId;
        settings.Attach(this);
    }

    /// <exception cref="InvalidOperationException">The table cannot be read; the message names the file, the table and the fix.</exception>
    public override void Load()
    {
        // Loads take turns, so a load that read the table earlier never replaces the data of a later one.
        lock (_loadLock)
        {
            LoadLocked();
        }
    }

    public void Dispose() => _settings.Detach(this);

    public override string ToString() => $"{nameof(SqliteConfigurationProvider)} for table '{_settings.Table}' in '{_settings.DatabasePath}'";

    /// <summary>Loads the table and notifies the configuration; called by the store for each change made through it.</summary>
    internal void Reload()
    {
        Load();
        OnReload();
    }

    private void LoadLocked()
    {
        List<SqliteSetting> rows;
        try
        {
            rows = _settings.ReadAll(_moduleId);
        }
        catch (Exception exception) when (SqliteSettingsStore.IsStorageFailure(exception))
        {
            // A full disk or an I/O error gets the same advice as the store's errors give.
            var fix = SqliteErrors.EnvironmentAdvice(exception, _settings.DatabasePath) ?? "Check that the file is a writable SQLite database.";
            throw new InvalidOperationException(
                $"Settings of {SqliteSettingsStore.Describe(_moduleId)} could not be loaded from table '{_settings.Table}' in '{_settings.DatabasePath}': {SqliteErrors.Describe(exception)} {fix}",
                exception);
        }

        var data = new Dictionary<string, string?>(rows.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            data[ConfigurationPath.Combine(ModulesSection, row.ModuleId, row.Key)] = row.Value;
        }

        Data = data;
    }
}
