using System.ComponentModel.DataAnnotations;

namespace Lodestar.Samples.UsageTracker.Modules;

/// <summary>
/// Options of the <c>storage</c> module. Where the database lives is not a module option: every
/// module's file is <c>{Lodestar:Sqlite:DataDirectory}/{module-id}.db</c>, here <c>data/storage.db</c>.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>How many usage records are written per transaction.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 64;

    /// <summary>How long a record waits at most before its batch is written anyway.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Usage records older than this many days are purged when the module starts.</summary>
    [Range(1, 3_650)]
    public int RetentionDays { get; set; } = 30;
}
