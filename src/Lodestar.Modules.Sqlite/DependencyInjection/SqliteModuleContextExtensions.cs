using Lodestar.Results;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Modules.Sqlite;

/// <summary>Gives a running module its SQLite store.</summary>
public static class SqliteModuleContextExtensions
{
    /// <summary>
    /// Gets the module's store: by default the file <c>{DataDirectory}/{module-id}.db</c>, created
    /// with its directory on first use. Call it from <c>StartAsync</c>; the same module always gets
    /// the same store.
    /// </summary>
    /// <param name="context">The module's context.</param>
    /// <returns>The store; <c>sqlite.not-registered</c> when <c>services.AddLodestarSqlite()</c> was not called; or the errors of <see cref="ISqliteStoreProvider.GetStore"/>.</returns>
    public static Result<ISqliteStore> GetSqliteStore(this ModuleContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Services.GetService<ISqliteStoreProvider>() is { } provider
            ? provider.GetStore(context.ModuleId)
            : SqliteErrors.NotRegistered(context.ModuleId);
    }
}
