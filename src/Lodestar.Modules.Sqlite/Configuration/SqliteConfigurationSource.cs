using Microsoft.Extensions.Configuration;

namespace Lodestar.Modules.Sqlite;

/// <summary>Reads module settings from a settings table into configuration.</summary>
internal sealed class SqliteConfigurationSource(SqliteSettingsStore settings, string? moduleId) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new SqliteConfigurationProvider(settings, moduleId);
}
