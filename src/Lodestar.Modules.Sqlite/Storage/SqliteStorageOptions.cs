using System.ComponentModel.DataAnnotations;

namespace Lodestar.Modules.Sqlite;

/// <summary>
/// Where modules keep their SQLite databases and how connections wait for each other. Bound from
/// the configuration section <c>Lodestar:Sqlite</c> and validated with DataAnnotations.
/// </summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Gets or sets the directory that holds one database file per module, <c>{DataDirectory}/{module-id}.db</c>. It is created when a module first asks for its store.</summary>
    /// <value>The default value is <c>data</c>. A relative path is resolved against the application's base directory (<see cref="AppContext.BaseDirectory"/>), not the working directory.</value>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = SqliteDefaults.DataDirectory;

    /// <summary>
    /// Gets or sets how long a connection waits for another connection (in this or another process)
    /// to release the database before it reports the database as busy. Applied once to every new
    /// physical connection with <c>PRAGMA busy_timeout</c>.
    /// </summary>
    /// <value>The default value is 5 seconds; between 0 and 10 minutes.</value>
    [TimeSpanRange("00:00:00", "00:10:00")]
    public TimeSpan BusyTimeout { get; set; } = SqliteDefaults.BusyTimeout;

    /// <summary>
    /// Gets or sets database files that differ from the default, by module id. A relative path is
    /// resolved against <see cref="DataDirectory"/>; two modules may share a file.
    /// </summary>
    /// <value>The default value is empty: every module uses <c>{DataDirectory}/{module-id}.db</c>.</value>
    [Required]
#pragma warning disable CA2227 // Settable so configuration binding and object initializers can replace it.
    public IDictionary<string, string> DatabasePaths { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);
#pragma warning restore CA2227
}
