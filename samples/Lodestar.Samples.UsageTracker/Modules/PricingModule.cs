using Lodestar.Modules;
using Lodestar.Results;
using Lodestar.Samples.UsageTracker.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Samples.UsageTracker.Modules;

/// <summary>
/// Prices model usage from a configured price list. Optional for the usage tracker. While the module
/// is not running, <see cref="IPriceList"/> prices nothing.
/// </summary>
[Module("pricing", "1.1.0", Description = "Prices model usage per million tokens")]
public sealed class PricingModule : LodestarModule<PricingOptions>
{
    private readonly PriceList _prices = new();

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IPriceList>(_prices);

    /// <inheritdoc />
    protected override ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        _prices.Load(Options);
        return new(Result.Success());
    }

    /// <inheritdoc />
    /// <remarks>The price list stays registered while the module is off, so it must stop pricing: a disabled module's service answers "no price".</remarks>
    protected override ValueTask StopAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        _prices.Unload();
        return default;
    }

    /// <inheritdoc />
    protected override void ForceStop() => _prices.Unload();

    private sealed class PriceList : IPriceList
    {
        private volatile PricingOptions? _options;

        public void Load(PricingOptions options) => _options = options;

        public void Unload() => _options = null;

        public decimal? CostOf(string model, int tokensIn, int tokensOut)
        {
            var options = _options;
            if (options is null
                || !options.InputPerMillion.TryGetValue(model, out var input)
                || !options.OutputPerMillion.TryGetValue(model, out var output))
            {
                return null;
            }

            return ((tokensIn * input) + (tokensOut * output)) / 1_000_000m;
        }
    }
}
