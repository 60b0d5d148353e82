using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Lodestar.Modules.Sqlite;

/// <summary>
/// Keeps SQL run inside a transaction the store owns (a unit of work, a migration) from ending it.
/// </summary>
/// <remarks>
/// <para>
/// A <c>COMMIT</c> or <c>END</c> in such SQL would commit the work so far behind the store's back,
/// and every later statement would then run (and commit) on its own, so a unit of work reported as
/// rolled back, or a migration reported as "rolled back completely", would have written anyway.
/// While the guard is installed, SQLite's commit hook turns every commit into a rollback (SQLite
/// reports <c>SQLITE_CONSTRAINT_COMMITHOOK</c>) until <see cref="AllowCommit"/> is called just before
/// the store's own commit. A <c>ROLLBACK</c> ends the transaction without committing; the owner
/// checks <see cref="TransactionEnded"/> after the SQL and fails instead of committing nothing.
/// </para>
/// <para>
/// The hook belongs to the native handle, which goes back to the pool: dispose the guard before the
/// connection.
/// </para>
/// </remarks>
internal sealed class SqliteCommitGuard : IDisposable
{
    private readonly sqlite3 _handle;
    private bool _allowed;

    private SqliteCommitGuard(sqlite3 handle) => _handle = handle;

    /// <summary>Gets a value indicating whether a commit was refused: the SQL tried to end the transaction.</summary>
    public bool Vetoed { get; private set; }

    /// <summary>Gets a value indicating whether the connection is no longer inside a transaction (the SQL ended it).</summary>
    public bool TransactionEnded => raw.sqlite3_get_autocommit(_handle) != 0;

    /// <summary>Installs the guard on the connection's handle.</summary>
    /// <param name="connection">An open connection.</param>
    /// <returns>The guard; dispose it before the connection.</returns>
    public static SqliteCommitGuard Install(SqliteConnection connection)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("An open SqliteConnection has no native handle.");
        var guard = new SqliteCommitGuard(handle);
        raw.sqlite3_commit_hook(handle, OnCommit, guard);
        return guard;
    }

    /// <summary>Lets the owner's own commit through.</summary>
    public void AllowCommit() => _allowed = true;

    public void Dispose() => raw.sqlite3_commit_hook(_handle, null, null);

    private static int OnCommit(object state)
    {
        var guard = (SqliteCommitGuard)state;
        if (guard._allowed)
        {
            return 0;
        }

        guard.Vetoed = true;
        return 1;
    }
}
