using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Lodestar.Samples.UsageTracker.Modules;

/// <summary>
/// Options of the <c>pricing</c> module: US dollars per million tokens, by model. Every price is
/// between 0 and <see cref="MaxPricePerMillion"/>: a negative price would make negative costs, and a
/// price beyond any real one is a typo that would overflow the cost of a large request.
/// </summary>
public sealed class PricingOptions : IValidatableObject
{
    /// <summary>The highest price per million tokens accepted, in US dollars.</summary>
    public const decimal MaxPricePerMillion = 1_000_000m;

    /// <summary>Price per million input tokens, by model.</summary>
    [Required]
    public Dictionary<string, decimal> InputPerMillion { get; set; } = [];

    /// <summary>Price per million output tokens, by model.</summary>
    [Required]
    public Dictionary<string, decimal> OutputPerMillion { get; set; } = [];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, prices) in new[] { (nameof(InputPerMillion), InputPerMillion), (nameof(OutputPerMillion), OutputPerMillion) })
        {
            foreach (var (model, price) in prices)
            {
                if (price is < 0 or > MaxPricePerMillion)
                {
                    yield return new ValidationResult(
                        string.Create(CultureInfo.InvariantCulture, $"the price of '{model}' is {price}; use 0 to {MaxPricePerMillion} US dollars per million tokens"),
                        [name + ":" + model]);
                }
            }
        }
    }
}
