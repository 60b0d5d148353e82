namespace Lodestar.Modules.Sqlite;

/// <summary>The package's defaults and fixed names, in one place.</summary>
internal static class SqliteDefaults
{
    /// <summary>The configuration section <see cref="SqliteStorageOptions"/> is bound from.</summary>
    public const string ConfigurationSection = "Lodestar:Sqlite";

    public const string DataDirectory = "data";

    public const string FileExtension = ".db";

    public const string MigrationsTable = "__lodestar_migrations";

    public const int MaxIdentifierLength = 128;

    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan MaxBusyTimeout = TimeSpan.FromMinutes(10);

    /// <summary>A writer whose queue is at least this full (in percent) reports itself backed up.</summary>
    public const int BackedUpPercent = 80;
}
