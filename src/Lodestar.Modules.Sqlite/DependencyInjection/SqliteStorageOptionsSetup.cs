using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Lodestar.Modules.Sqlite;

/// <summary>Binds <see cref="SqliteStorageOptions"/> from <c>Lodestar:Sqlite</c> of the application's configuration, when the container has one (source-generated binding).</summary>
internal sealed class SqliteStorageOptionsSetup(IServiceProvider services) : IConfigureOptions<SqliteStorageOptions>
{
    public void Configure(SqliteStorageOptions options)
    {
        var configuration = services.GetService<IConfiguration>();
        configuration?.GetSection(SqliteDefaults.ConfigurationSection).Bind(options);
    }
}
