using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lodestar.Modules.Sqlite;

/// <summary>
/// One versioned schema change, written as SQL text in code. Migrations are applied in ascending
/// <see cref="Version"/> order, each in its own transaction, and recorded in the
/// <c>__lodestar_migrations</c> table with their name, checksum and UTC time.
/// </summary>
/// <remarks>
/// <para>
/// The SQL may hold several statements. It runs inside a transaction, so it must not contain
/// <c>BEGIN</c>/<c>COMMIT</c>, <c>VACUUM</c> or pragmas that are ignored inside a transaction
/// (such as <c>PRAGMA foreign_keys</c>).
/// </para>
/// <para>
/// Migrations run with foreign keys off, as SQLite's procedure for schema changes asks, so a table
/// can be rebuilt (create the new table, copy the rows, drop the old one, rename the new one)
/// without cascading deletes into the tables that reference it. Before each migration commits,
/// <c>PRAGMA foreign_key_check</c> runs: a migration that leaves a row whose foreign key points
/// nowhere is rolled back and reported as <c>sqlite.migration.failed</c> naming the table.
/// Foreign keys are on again for everything else.
/// </para>
/// <para>
/// Never edit a migration once it shipped: its <see cref="Checksum"/> is compared with the applied
/// one and a difference is reported as drift. Add a new migration with a higher version instead.
/// Line endings and trailing white space do not count, so a checkout that converts line endings
/// causes no drift.
/// </para>
/// </remarks>
public sealed class SqliteMigration
{
    /// <summary>Creates a migration.</summary>
    /// <param name="version">The version: positive and unique within the module; migrations run in ascending order.</param>
    /// <param name="name">A short name for messages and the migrations table, e.g. <c>create-usage-logs</c>.</param>
    /// <param name="sql">The SQL to run.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is zero or negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="sql"/> is null, empty or white space.</exception>
    public SqliteMigration(int version, string name, string sql)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        Version = version;
        Name = name;
        Sql = sql;
        Checksum = ComputeChecksum(sql);
    }

    /// <summary>Gets the version.</summary>
    public int Version { get; }

    /// <summary>Gets the name.</summary>
    public string Name { get; }

    /// <summary>Gets the SQL to run.</summary>
    public string Sql { get; }

    /// <summary>
    /// Gets the checksum recorded when the migration is applied: the lower-case hex SHA-256 of the
    /// SQL as UTF-8, after line endings become <c>\n</c>, trailing white space is cut from every
    /// line and leading and trailing blank lines are dropped.
    /// </summary>
    public string Checksum { get; }

    /// <summary>Returns the version and name, e.g. <c>1 'create-usage-logs'</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Version.ToString(CultureInfo.InvariantCulture) + " '" + Name + "'";

    internal static string ComputeChecksum(string sql)
    {
        var lines = sql.ReplaceLineEndings("\n").Split('\n');
        var normalized = new StringBuilder(sql.Length);
        foreach (var line in lines)
        {
            normalized.Append(line.TrimEnd()).Append('\n');
        }

        var text = normalized.ToString().Trim('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
