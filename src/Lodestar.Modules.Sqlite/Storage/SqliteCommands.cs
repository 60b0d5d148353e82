using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Lodestar.Modules.Sqlite;

/// <summary>Builds parameterised commands and reads their rows; shared by the store and units of work.</summary>
internal static class SqliteCommands
{
    public static SqliteCommand Create(SqliteConnection connection, SqliteTransaction? transaction, string sql, Action<SqliteParameterCollection>? parameters)
    {
        var command = connection.CreateCommand();
        try
        {
            command.Transaction = transaction;
#pragma warning disable CA2100 // The helpers take SQL text marked [ConstantExpected] (CA1857 flags text built at run time); values travel as parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
            parameters?.Invoke(command.Parameters);
            return command;
        }
        catch
        {
            command.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs every statement of the command and returns the rows changed. Unlike
    /// <see cref="SqliteCommand.ExecuteNonQuery"/>, which runs the statements after one that returns
    /// rows while disposing its reader and drops their errors, this steps through each statement, so
    /// a failing statement always throws.
    /// </summary>
    /// <remarks>
    /// The count is the rows the INSERT, UPDATE and DELETE statements changed, not counting triggers
    /// (0 when there were none). <see cref="SqliteDataReader.RecordsAffected"/> alone is wrong here: it is
    /// -1 for statements that return rows, and it adds <c>sqlite3_changes</c> after every statement that
    /// is not read-only, DDL included, which still holds the count of the last INSERT, UPDATE or DELETE
    /// (an INSERT of 3 rows followed by a CREATE INDEX reads 6). The connection's total changes, which
    /// DDL leaves alone but triggers add to, bound it from above.
    /// </remarks>
    public static int ExecuteAll(SqliteCommand command)
    {
        var handle = command.Connection?.Handle ?? throw new InvalidOperationException("The command's connection is not open.");
        var totalBefore = raw.sqlite3_total_changes(handle);
        using var reader = command.ExecuteReader();
        while (reader.NextResult())
        {
        }

        var total = raw.sqlite3_total_changes(handle) - totalBefore;
        return Math.Max(0, Math.Min(reader.RecordsAffected, total));
    }

    public static async ValueTask<IReadOnlyList<T>> ReadAllAsync<T>(SqliteCommand command, Func<SqliteDataReader, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(map(reader));
            }
        }

        return rows;
    }
}
