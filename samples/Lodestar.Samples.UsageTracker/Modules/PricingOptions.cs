using System.ComponentModel.DataAnnotations;

namespace Lodestar.Samples.UsageTracker.Modules;

/// <summary>Options of the <c>pricing</c> module: US dollars per million tokens, by model.</summary>
public sealed class PricingOptions
{
    /// <summary>Price per million input tokens, by model.</summary>
    [Required]
    public Dictionary<string, decimal> InputPerMillion { get; set; } = [];

    /// <summary>Price per million output tokens, by model.</summary>
    [Required]
    public Dictionary<string, decimal> OutputPerMillion { get; set; } = [];
}
