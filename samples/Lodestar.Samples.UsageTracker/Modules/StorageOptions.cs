using System.ComponentModel.DataAnnotations;

namespace Lodestar.Samples.UsageTracker.Modules;

/// <summary>Options of the <c>storage</c> module.</summary>
public sealed class StorageOptions
{
    /// <summary>The SQLite file; relative paths are under the application's directory.</summary>
    [Required]
    public string DatabasePath { get; set; } = "data/usage.db";
}
