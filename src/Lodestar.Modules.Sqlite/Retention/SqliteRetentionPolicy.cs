namespace Lodestar.Modules.Sqlite;

/// <summary>Which rows a retention purge deletes: those of <see cref="Table"/> whose <see cref="TimestampColumn"/> is older than <see cref="MaxAge"/>.</summary>
public sealed class SqliteRetentionPolicy
{
    /// <summary>Creates a policy.</summary>
    /// <param name="table">The table: letters, digits and <c>_</c>, not starting with a digit; validated and quoted, never spliced into SQL as given. It must be a rowid table (not <c>WITHOUT ROWID</c>).</param>
    /// <param name="timestampColumn">The column holding each row's time, in <see cref="Format"/>; index it so purges stay cheap.</param>
    /// <param name="maxAge">How old a row may get; older rows are deleted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> or <paramref name="timestampColumn"/> is <see langword="null"/>.</exception>
    public SqliteRetentionPolicy(string table, string timestampColumn, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(timestampColumn);
        Table = table;
        TimestampColumn = timestampColumn;
        MaxAge = maxAge;
    }

    /// <summary>Gets the table to purge.</summary>
    public string Table { get; }

    /// <summary>Gets the column holding each row's time.</summary>
    public string TimestampColumn { get; }

    /// <summary>Gets how old a row may get.</summary>
    public TimeSpan MaxAge { get; }

    /// <summary>Gets or sets how the timestamps are stored.</summary>
    /// <value>The default value is <see cref="SqliteTimestampFormat.Iso8601Text"/>.</value>
    public SqliteTimestampFormat Format { get; set; } = SqliteTimestampFormat.Iso8601Text;

    /// <summary>Gets or sets how many rows one transaction deletes at most; writers wait for one such batch at most.</summary>
    /// <value>The default value is 1,000; between 1 and 100,000.</value>
    public int BatchSize { get; set; } = 1_000;
}
