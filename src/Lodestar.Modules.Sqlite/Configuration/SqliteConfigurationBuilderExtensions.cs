using Lodestar.Modules.Sqlite;

namespace Microsoft.Extensions.Configuration;

/// <summary>Adds module settings kept in a SQLite table to configuration.</summary>
public static class SqliteConfigurationBuilderExtensions
{
    /// <summary>
    /// Adds the rows of a settings table as configuration: a row <c>(module-id, key, value)</c> becomes
    /// <c>Lodestar:Modules:{module-id}:{key}</c>. Keys the table lacks fall back to the sources added
    /// before this one and then to the options' defaults; sources added after it win. The source
    /// reloads whenever the table is changed through <paramref name="settings"/>.
    /// </summary>
    /// <param name="builder">The configuration builder.</param>
    /// <param name="settings">The settings table, from <see cref="SqliteSettings.Open"/>; register the same instance in the services so modules can change settings.</param>
    /// <param name="moduleId">Reads only this module's rows; <see langword="null"/> reads every module's.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="settings"/> was not created by <see cref="SqliteSettings.Open"/>.</exception>
    public static IConfigurationBuilder AddSqliteSettings(this IConfigurationBuilder builder, ISqliteSettingsStore settings, string? moduleId = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings is not SqliteSettingsStore store)
        {
            throw new ArgumentException("Configuration can be read only from a settings store created by SqliteSettings.Open.", nameof(settings));
        }

        return builder.Add(new SqliteConfigurationSource(store, moduleId));
    }
}
