using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

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
    private readonly IDisposable _reloadRegistration;

    public SqliteConfigurationProvider(SqliteSettingsStore settings, string? moduleId)
    {
        _settings = settings;
        _moduleId = moduleId;
        _reloadRegistration = ChangeToken.OnChange(settings.GetReloadToken, Reload);
    }

    /// <exception cref="InvalidOperationException">The table cannot be read; the message names the file, the table and the fix.</exception>
    public override void Load()
    {
        List<SqliteSetting> rows;
        try
        {
            rows = _settings.ReadAll(_moduleId);
        }
        catch (Exception exception) when (SqliteSettingsStore.IsStorageFailure(exception))
        {
            throw new InvalidOperationException(
                $"Settings of {SqliteSettingsStore.Describe(_moduleId)} could not be loaded from table '{_settings.Table}' in '{_settings.DatabasePath}': {SqliteErrors.Describe(exception)} Check that the file is a writable SQLite database.",
                exception);
        }

        var data = new Dictionary<string, string?>(rows.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            data[ConfigurationPath.Combine(ModulesSection, row.ModuleId, row.Key)] = row.Value;
        }

        Data = data;
    }

    public void Dispose() => _reloadRegistration.Dispose();

    public override string ToString() => $"{nameof(SqliteConfigurationProvider)} for table '{_settings.Table}' in '{_settings.DatabasePath}'";

    private void Reload()
    {
        Load();
        OnReload();
    }
}
