namespace Lodestar.Modules.Sqlite;

/// <summary>Opens settings tables (<see cref="ISqliteSettingsStore"/>) that configuration can be read from.</summary>
public static class SqliteSettings
{
    /// <summary>The default name of the settings table, as the seeds called it.</summary>
    public const string DefaultTable = "system_configurations";

    /// <summary>
    /// Opens the settings table of a database file. Nothing is touched on disk until the first read
    /// or write, which creates the directory, the file and the table as needed.
    /// </summary>
    /// <param name="databasePath">The database file; a relative path is resolved against <see cref="AppContext.BaseDirectory"/>.</param>
    /// <param name="table">The table name: letters, digits and <c>_</c>, not starting with a digit.</param>
    /// <param name="timeProvider">The clock for <c>updated_at</c>; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <returns>The settings store.</returns>
    /// <exception cref="ArgumentException"><paramref name="databasePath"/> is empty, or <paramref name="table"/> is not a valid name.</exception>
    public static ISqliteSettingsStore Open(string databasePath, string table = DefaultTable, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        if (!SqliteIdentifier.IsValid(table))
        {
            throw new ArgumentException(
                $"'{table}' is not a valid table name. Use letters, digits and '_', not starting with a digit (at most {SqliteDefaults.MaxIdentifierLength} characters).",
                nameof(table));
        }

        return new SqliteSettingsStore(Path.GetFullPath(databasePath, AppContext.BaseDirectory), table, timeProvider ?? TimeProvider.System);
    }
}
