using Lodestar.Modules.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers SQLite storage for modules.</summary>
public static class SqliteServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISqliteStoreProvider"/>, which gives each module its database file
    /// <c>{DataDirectory}/{module-id}.db</c>. <see cref="SqliteStorageOptions"/> are bound from the
    /// configuration section <c>Lodestar:Sqlite</c> (when the container has an <c>IConfiguration</c>),
    /// then <paramref name="configure"/> runs, and the result is validated with DataAnnotations
    /// (on host start, and when a store is first requested). Disposing the container drains every
    /// batch writer and closes the files. Calling it again adds only the extra configuration.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the options after configuration was bound; <see langword="null"/> for none.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddLodestarSqlite(this IServiceCollection services, Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<SqliteStorageOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<SqliteStorageOptions>, SqliteStorageOptionsSetup>());
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStorageOptions>, SqliteStorageOptionsValidator>());
        options.ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISqliteStoreProvider>(provider => new SqliteStoreProvider(
            provider.GetRequiredService<IOptions<SqliteStorageOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance));
        return services;
    }
}
