using System.Diagnostics.CodeAnalysis;
using Lodestar.Results;
using Microsoft.Data.Sqlite;

namespace Lodestar.Modules.Sqlite;

/// <summary>
/// The inside of <see cref="ISqliteStore.WriteAsync(Func{ISqliteUnitOfWork, CancellationToken, ValueTask{Result}}, CancellationToken)"/>:
/// commands run in one <c>BEGIN IMMEDIATE</c> transaction that is committed when the unit of work
/// returns success and rolled back otherwise. Valid only until the delegate returns. Not
/// thread-safe: await each command before starting the next.
/// </summary>
/// <remarks>
/// SQL text is fixed (the parameter is marked <see cref="ConstantExpectedAttribute"/>, so analyzer
/// CA1857 flags SQL built at run time); values go in as parameters, e.g.
/// <c>p =&gt; p.AddWithValue("$model", model)</c>. A command that fails marks the unit of work failed:
/// it is rolled back even if the delegate then returns success.
/// <para>
/// A unit of work is not thread-safe. Its commands share one <see cref="SqliteConnection"/> and one
/// transaction, and neither is safe for concurrent use, so run them one after another: await every
/// <see cref="ExecuteAsync"/> and <see cref="QueryAsync{T}"/> call before the next starts, and never
/// start several and wait for them together (<c>Task.WhenAll</c>, <c>Parallel.ForEachAsync</c>) or
/// pass the unit of work to other threads. Concurrent calls are not detected and their behaviour is
/// undefined: the statements interleave in no set order, Microsoft.Data.Sqlite may throw from the
/// shared connection (an exception that is not a <see cref="SqliteException"/> propagates out of the
/// call instead of becoming a <c>sqlite.command.failed</c> error), and the record of the first failed
/// command that forces the rollback is not synchronised. A call still running when the delegate
/// returns runs after the transaction was committed or rolled back. To insert many rows quickly,
/// loop over them in one unit of work, or use a batch writer
/// (<see cref="ISqliteStore.CreateBatchWriterAsync{T}"/>).
/// </para>
/// </remarks>
public interface ISqliteUnitOfWork
{
    /// <summary>Gets the open connection, for libraries that take one (e.g. Dapper); pass <see cref="Transaction"/> with every command.</summary>
    SqliteConnection Connection { get; }

    /// <summary>Gets the transaction every command must run in.</summary>
    SqliteTransaction Transaction { get; }

    /// <summary>Runs one or more statements; rows they return are skipped, and an error in any statement fails the call.</summary>
    /// <param name="sql">The SQL text, with <c>$name</c> placeholders for values.</param>
    /// <param name="parameters">Adds the values, e.g. <c>p =&gt; p.AddWithValue("$id", id)</c>; <see langword="null"/> when there are none.</param>
    /// <param name="cancellationToken">Cancels before the statement starts.</param>
    /// <returns>
    /// The number of rows its INSERT, UPDATE and DELETE statements changed (rows changed by triggers do
    /// not count; 0 when it has none), or a <c>sqlite.command.failed</c> error with SQLite's message. SQL
    /// that would end the transaction (<c>COMMIT</c>, <c>END</c>, <c>ROLLBACK</c>) fails too, and the
    /// unit of work is rolled back.
    /// </returns>
    ValueTask<Result<int>> ExecuteAsync([ConstantExpected] string sql, Action<SqliteParameterCollection>? parameters = null, CancellationToken cancellationToken = default);

    /// <summary>Runs a query and maps every row.</summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="sql">The SQL text, with <c>$name</c> placeholders for values.</param>
    /// <param name="map">Maps the current row; called once per row.</param>
    /// <param name="parameters">Adds the values; <see langword="null"/> when there are none.</param>
    /// <param name="cancellationToken">Cancels between rows.</param>
    /// <returns>The rows, or a <c>sqlite.command.failed</c> error with SQLite's message.</returns>
    ValueTask<Result<IReadOnlyList<T>>> QueryAsync<T>([ConstantExpected] string sql, Func<SqliteDataReader, T> map, Action<SqliteParameterCollection>? parameters = null, CancellationToken cancellationToken = default);
}
