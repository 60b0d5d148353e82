using System.ComponentModel.DataAnnotations;

namespace Lodestar.Samples.UsageTracker.Modules;

/// <summary>Options of the <c>usage-tracker</c> module.</summary>
public sealed class UsageTrackerOptions
{
    /// <summary>The most tokens (in + out) one request may use; larger requests are rejected.</summary>
    [Range(1, 1_000_000)]
    public int MaxTokensPerRequest { get; set; } = 16_000;
}
