using Lodestar.Results;

namespace Lodestar.Modules.Sqlite;

/// <summary>
/// Hands each module its <see cref="ISqliteStore"/>. Registered by
/// <c>services.AddLodestarSqlite()</c>; modules usually call <c>context.GetSqliteStore()</c>.
/// </summary>
public interface ISqliteStoreProvider
{
    /// <summary>
    /// Gets the store of a module, creating the data directory the first time. The same module id
    /// always gets the same store.
    /// </summary>
    /// <param name="moduleId">The module's id, e.g. <c>usage-tracker</c>.</param>
    /// <returns>The store; or <c>sqlite.store.module-id-invalid</c>, <c>sqlite.options.invalid</c> or <c>sqlite.store.path-invalid</c>, naming the module and the path.</returns>
    Result<ISqliteStore> GetStore(string moduleId);
}
