using Microsoft.Data.Sqlite;

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
    public static int ExecuteAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        while (reader.NextResult())
        {
        }

        return reader.RecordsAffected;
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
