using System.Diagnostics.CodeAnalysis;
using Lodestar.Results;
using Microsoft.Data.Sqlite;

namespace Lodestar.Modules.Sqlite;

/// <summary>One running unit of work: remembers the first failed command so the store never commits past it.</summary>
internal sealed class SqliteUnitOfWork(string moduleId, string databasePath, SqliteConnection connection, SqliteTransaction transaction, SqliteCommitGuard guard) : ISqliteUnitOfWork
{
    private bool _completed;

    public SqliteConnection Connection
    {
        get
        {
            ThrowIfCompleted();
            return connection;
        }
    }

    public SqliteTransaction Transaction
    {
        get
        {
            ThrowIfCompleted();
            return transaction;
        }
    }

    /// <summary>Gets the error of the first command that failed, if any.</summary>
    public Error? FirstFailure { get; private set; }

    public async ValueTask<Result<int>> ExecuteAsync([ConstantExpected] string sql, Action<SqliteParameterCollection>? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ThrowIfCompleted();
        int changed;
        try
        {
            var command = SqliteCommands.Create(connection, transaction, sql, parameters);
            await using (command.ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                changed = SqliteCommands.ExecuteAll(command);
            }
        }
        catch (SqliteException exception)
        {
            return Fail(CommandFailed(exception));
        }

        return guard.TransactionEnded ? Fail(SqliteErrors.UnitOfWorkEndedTransaction(moduleId)) : changed;
    }

    public async ValueTask<Result<IReadOnlyList<T>>> QueryAsync<T>([ConstantExpected] string sql, Func<SqliteDataReader, T> map, Action<SqliteParameterCollection>? parameters = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        ArgumentNullException.ThrowIfNull(map);
        ThrowIfCompleted();
        IReadOnlyList<T> rows;
        try
        {
            var command = SqliteCommands.Create(connection, transaction, sql, parameters);
            await using (command.ConfigureAwait(false))
            {
                rows = await SqliteCommands.ReadAllAsync(command, map, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (SqliteException exception)
        {
            return Fail(CommandFailed(exception));
        }

        return guard.TransactionEnded ? Fail(SqliteErrors.UnitOfWorkEndedTransaction(moduleId)) : Result.Success(rows);
    }

    /// <summary>Ends the unit of work; later calls through a captured reference throw.</summary>
    public void Complete() => _completed = true;

    /// <summary>
    /// The error of a command that threw; a commit the guard refused means the SQL tried to end the
    /// transaction. (SQLite itself ends it after a full disk or an I/O error: that is not the SQL's fault.)
    /// </summary>
    private Error CommandFailed(SqliteException exception) =>
        guard.Vetoed
            ? SqliteErrors.UnitOfWorkEndedTransaction(moduleId)
            : SqliteErrors.CommandFailed(moduleId, databasePath, exception);

    private Error Fail(Error error)
    {
        FirstFailure ??= error;
        return error;
    }

    private void ThrowIfCompleted()
    {
        if (_completed)
        {
            throw new InvalidOperationException(
                $"A unit of work of module '{moduleId}' was used after WriteAsync returned. Use the ISqliteUnitOfWork only inside the delegate.");
        }
    }
}
