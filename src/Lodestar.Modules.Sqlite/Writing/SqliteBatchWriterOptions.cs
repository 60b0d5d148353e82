using Lodestar.Results;

namespace Lodestar.Modules.Sqlite;

/// <summary>
/// What a batch writer inserts and how it batches: the table, its columns, how a row becomes
/// column values, and the queue, batch and retry settings.
/// </summary>
/// <typeparam name="T">The type of the rows.</typeparam>
/// <remarks>
/// The writer builds <c>INSERT INTO "table" ("column", …) VALUES ($p0, …)</c> itself from the
/// validated and quoted names, prepares it once and re-uses it for every row; no SQL text is taken
/// from the caller.
/// </remarks>
public sealed class SqliteBatchWriterOptions<T>
{
    /// <summary>Creates the options.</summary>
    /// <param name="table">The table to insert into: letters, digits and <c>_</c>, not starting with a digit.</param>
    /// <param name="columns">The columns to fill, in the order <paramref name="bind"/> fills the values.</param>
    /// <param name="bind">
    /// Fills the column values of one row into the array (one slot per column, in order; cleared
    /// before each row; <see langword="null"/> is stored as SQL NULL). Called on the writer's
    /// background loop, so it must not block and must not keep the array.
    /// </param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public SqliteBatchWriterOptions(string table, IReadOnlyList<string> columns, Action<T, object?[]> bind)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(bind);
        Table = table;
        Columns = [.. columns];
        Bind = bind;
    }

    /// <summary>Gets the table to insert into.</summary>
    public string Table { get; }

    /// <summary>Gets the columns to fill, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Gets the delegate that fills the column values of one row.</summary>
    public Action<T, object?[]> Bind { get; }

    /// <summary>
    /// Gets or sets how many rows make a batch: a full batch is written at once, in one transaction.
    /// Larger batches mean fewer commits (each WAL commit rewrites the pages it touched, including
    /// every index's). A batch that a row of it makes fail (a constraint, a type mismatch, a value too
    /// big, or <see cref="Bind"/> throwing) is not retried: it is split into halves, each in its own
    /// transaction, down to single rows, so every other row is committed and only the bad rows are
    /// rejected; a large batch with a bad row costs about two transactions per halving.
    /// </summary>
    /// <value>The default value is 1,000; between 1 and 100,000, and at most <see cref="Capacity"/>.</value>
    public int BatchSize { get; set; } = 1_000;

    /// <summary>
    /// Gets or sets how many accepted rows may wait to be written. When it is reached,
    /// <see cref="ISqliteBatchWriter{T}.WriteAsync"/> waits for room (backpressure) and
    /// <see cref="ISqliteBatchWriter{T}.TryWrite"/> returns <c>sqlite.writer.full</c>.
    /// </summary>
    /// <value>The default value is 10,000; between 1 and 10,000,000.</value>
    public int Capacity { get; set; } = 10_000;

    /// <summary>Gets or sets how long the first row of a batch that is not full waits before the batch is written anyway.</summary>
    /// <value>The default value is 1 second; more than zero.</value>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets how many times a failed batch is retried before it is dropped and reported. Only
    /// failures that are not a row's fault (busy, locked, I/O, disk full and any other) are retried; a
    /// row SQLite rejects is isolated at once instead (see <see cref="BatchSize"/>). The retries are
    /// the batch's: the parts of a batch split to isolate a row share them, and once they are spent
    /// the rest of the batch is dropped in one piece, so an outage costs one backoff, not one per part.
    /// </summary>
    /// <value>The default value is 3; between 0 and 10.</value>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Gets or sets the wait before the first retry; it doubles for each further retry.</summary>
    /// <value>The default value is 100 milliseconds; between zero and 1 minute.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Gets or sets a callback run on the writer's loop after a batch was committed, with the rows of
    /// the batch; for a batch split to isolate rejected rows, called once when the batch is done, with
    /// its committed rows in queue order. The list is valid only during the call: copy what you keep.
    /// Must be short; an exception is logged and ignored.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Action<IReadOnlyList<T>>? BatchCommitted { get; set; }

    /// <summary>
    /// Gets or sets a callback run on the writer's loop when rows were not written, with a copy of the
    /// rows (e.g. to keep them elsewhere) and the error: a batch (or the rest of a split batch) dropped
    /// after its retries, with <c>sqlite.writer.batch-failed</c>, or a single row rejected on its own,
    /// with <c>sqlite.writer.row-rejected</c> naming its position and the reason. Must be short; an
    /// exception is logged and ignored.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Action<IReadOnlyList<T>, Error>? BatchFailed { get; set; }
}
