using System.Diagnostics.CodeAnalysis;
using Lodestar.Results;
using Microsoft.Data.Sqlite;

namespace Lodestar.Modules.Sqlite;

/// <summary>
/// The inside of <see cref="ISqliteStore.WriteAsync(Func{ISqliteUnitOfWork, CancellationToken, ValueTask{Result}}, CancellationToken)"/>:
/// commands run in one <c>BEGIN IMMEDIATE</c> transaction that is committed when the unit of work
/// returns success and rolled back otherwise. Valid only until the delegate returns.
/// </summary>
/// <remarks>
/// SQL text is fixed (the parameter is marked <see cref="ConstantExpectedAttribute"/>, so analyzer
/// CA1857 flags SQL built at run time); values go in as parameters, e.g.
/// <c>p =&gt; p.AddWithValue("$model", model)</c>. A command that fails marks the unit of work failed:
/// it is rolled back even if the delegate then returns success.
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
