using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SQLitePCL;

namespace Lodestar.Modules.Sqlite;

/// <summary>
/// Opens connections to one database file, applying the pragmas once per physical connection and
/// turning <c>foreign_keys</c> on at every open.
/// </summary>
/// <remarks>
/// <para>
/// Microsoft.Data.Sqlite pools physical connections (native <c>sqlite3</c> handles) per connection
/// string; a pooled <see cref="SqliteConnection"/> that is opened again gets the same handle.
/// Connection-level pragmas (<c>busy_timeout</c>, <c>synchronous</c>, <c>foreign_keys</c>) survive
/// on the handle, so they are applied when a handle is seen for the first time, tracked in a
/// <see cref="ConditionalWeakTable{TKey, TValue}"/> keyed by the handle: nothing per statement, and
/// nothing kept alive after the pool closes a handle. <c>journal_mode=WAL</c> is stored in the file
/// itself and applied with them.
/// </para>
/// <para>
/// <c>foreign_keys</c> is the exception: a connection the store hands out (<c>OpenConnectionAsync</c>,
/// a unit of work's <c>Connection</c>) may have it turned off by its user and go back to the pool that
/// way, and the next user of the handle would then run without foreign-key enforcement and never
/// know. So every open of a handle seen before runs <c>PRAGMA foreign_keys = ON</c>: one statement
/// that touches no file. The pragma does nothing inside a transaction, so a handle its last user
/// left inside one (a raw <c>BEGIN</c>; closing the connection ends only a <see cref="SqliteTransaction"/>)
/// is rolled back first, as closing an unpooled connection would have done. The other pragmas stay
/// once per handle.
/// </para>
/// </remarks>
internal sealed class SqliteConnectionFactory
{
    /// <summary>Run at every open of a handle seen before; see the remarks.</summary>
    private const string ForeignKeysOnSql = "PRAGMA foreign_keys = ON;";

    /// <summary>Run instead at an open of a handle its last user left inside a transaction.</summary>
    private const string RollBackThenForeignKeysOnSql = "ROLLBACK; PRAGMA foreign_keys = ON;";

    private static readonly ConditionalWeakTable<object, object> InitializedHandles = new();
    private static readonly object Marker = new();

    private readonly string _moduleId;
    private readonly ILogger _logger;
    private readonly string _pragmas;
    private readonly long _busyTimeoutMs;
    private int _physicalConnections;

    public SqliteConnectionFactory(string moduleId, string databasePath, TimeSpan busyTimeout, ILogger logger)
    {
        _moduleId = moduleId;
        _logger = logger;
        DatabasePath = databasePath;
        _busyTimeoutMs = (long)busyTimeout.TotalMilliseconds;

        // Microsoft.Data.Sqlite retries a busy statement itself until the command timeout (whole
        // seconds, 0 = forever). SQLite's busy handler already waited BusyTimeout by then, so the
        // command timeout is BusyTimeout rounded up, at least 1 s: the total wait stays about BusyTimeout.
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        }.ToString();

        _pragmas = string.Create(
            CultureInfo.InvariantCulture,
            $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
    }

    public string DatabasePath { get; }

    public string ConnectionString { get; }

    /// <summary>Gets how many physical connections this factory has set up (for tests and diagnostics).</summary>
    public int PhysicalConnections => Volatile.Read(ref _physicalConnections);

    /// <summary>Opens a connection with the pragmas in effect, <c>foreign_keys</c> on whatever its last user left.</summary>
    /// <exception cref="SqliteException">The file cannot be opened or the pragmas cannot be applied.</exception>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
            var handle = connection.Handle
                ?? throw new InvalidOperationException("An open SqliteConnection has no native handle.");
            if (!InitializedHandles.TryGetValue(handle, out _))
            {
                ApplyPragmas(connection);
                InitializedHandles.AddOrUpdate(handle, Marker);
                Interlocked.Increment(ref _physicalConnections);
            }
            else
            {
                // A pooled handle: its last user may have turned foreign keys off (see the remarks),
                // and may have left a transaction of its own open (a raw BEGIN, which closing the
                // connection does not end), inside which the pragma does nothing. Closing an unpooled
                // connection would have rolled that transaction back; so does this, first.
                using var command = connection.CreateCommand();
                command.CommandText = raw.sqlite3_get_autocommit(handle) == 0 ? RollBackThenForeignKeysOnSql : ForeignKeysOnSql;
                command.ExecuteNonQuery();
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Closes the pooled physical connections of this file, e.g. before the files are deleted.</summary>
    public void ClearPool()
    {
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private void ApplyPragmas(SqliteConnection connection)
    {
        // busy_timeout first: switching to WAL needs a lock another connection may hold.
        using (var command = connection.CreateCommand())
        {
#pragma warning disable CA2100 // The text is built from an integer option, never from data.
            command.CommandText = _pragmas;
#pragma warning restore CA2100
            SqliteCommands.ExecuteAll(command);
        }

        string journalMode;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL;";
            journalMode = Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
        }

        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            Log.WalNotEnabled(_logger, _moduleId, DatabasePath, journalMode);
        }

        Log.PragmasApplied(_logger, _moduleId, DatabasePath, _busyTimeoutMs);
    }
}
