using Lodestar.Results;
using Microsoft.Extensions.Primitives;

namespace Lodestar.Modules.Sqlite;

/// <summary>
/// Module settings kept in a key/value table (by default <c>system_configurations</c>): one row per
/// module id and key. Read into configuration with <c>configuration.AddSqliteSettings(settings)</c>,
/// which maps a row to the key <c>Lodestar:Modules:{module-id}:{key}</c>, so
/// <c>Options:MaxTokensPerRequest</c> or <c>Enabled</c> are typical keys. Create it with
/// <see cref="SqliteSettings.Open"/>.
/// </summary>
/// <remarks>
/// Table: <c>module_id TEXT, key TEXT, value TEXT NULL, updated_at TEXT</c> (UTC, ISO-8601), primary
/// key <c>(module_id, key)</c>, both compared case-insensitively like configuration keys. It is
/// created on first use. Changes made through this API fire <see cref="GetReloadToken"/>, and the
/// configuration sources built from this store reload, so <c>IOptionsMonitor</c> and modules that
/// re-bind their options on start see the new values.
/// </remarks>
public interface ISqliteSettingsStore
{
    /// <summary>Gets the full path of the database file.</summary>
    string DatabasePath { get; }

    /// <summary>Gets the name of the settings table.</summary>
    string Table { get; }

    /// <summary>
    /// Stores a setting (adding or replacing it, its key matched ignoring case as configuration
    /// keys are), reloads the configuration sources built from this store, and fires the reload
    /// token: configuration shows the new value when this returns.
    /// </summary>
    /// <param name="moduleId">The module id.</param>
    /// <param name="key">The key below <c>Lodestar:Modules:{module-id}</c>, e.g. <c>Options:MaxTokensPerRequest</c>.</param>
    /// <param name="value">The value; <see langword="null"/> stores a null value (the key exists, without a value).</param>
    /// <param name="cancellationToken">Cancels before the write starts.</param>
    /// <returns>Success once stored; <c>sqlite.settings.invalid</c>, <c>sqlite.settings.failed</c>, or <c>sqlite.settings.reload-failed</c> when the value was stored but reloading configuration failed.</returns>
    ValueTask<Result> SetAsync(string moduleId, string key, string? value, CancellationToken cancellationToken = default);

    /// <summary>Removes a setting, so configuration falls back to the other sources and then to the option's default, and fires the reload token if it existed.</summary>
    /// <param name="moduleId">The module id.</param>
    /// <param name="key">The key below <c>Lodestar:Modules:{module-id}</c>.</param>
    /// <param name="cancellationToken">Cancels before the write starts.</param>
    /// <returns>Success (also when there was no such setting); <c>sqlite.settings.invalid</c> or <c>sqlite.settings.failed</c>.</returns>
    ValueTask<Result> RemoveAsync(string moduleId, string key, CancellationToken cancellationToken = default);

    /// <summary>Reads the settings of one module.</summary>
    /// <param name="moduleId">The module id.</param>
    /// <param name="cancellationToken">Cancels before the read starts.</param>
    /// <returns>The settings by key (case-insensitive), or <c>sqlite.settings.failed</c>.</returns>
    ValueTask<Result<IReadOnlyDictionary<string, string?>>> ReadAsync(string moduleId, CancellationToken cancellationToken = default);

    /// <summary>Gets a token that fires after the next change made through this store.</summary>
    /// <returns>The token.</returns>
    IChangeToken GetReloadToken();
}
