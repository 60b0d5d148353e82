using Lodestar.Modules;
using Lodestar.Results;
using Lodestar.Samples.UsageTracker.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Lodestar.Samples.UsageTracker.Modules;

/// <summary>
/// Records model usage in the store (a required dependency) and prices it when the optional
/// <c>pricing</c> module runs, which activates the <c>cost-report</c> capability.
/// </summary>
[Module("usage-tracker", "1.2.0", Description = "Records model usage and cost")]
[DependsOn("storage")]
[DependsOn("pricing", Optional = true)]
[Capability("cost-report", Requires = ["pricing"])]
[HealthCheck(IntervalSeconds = 30, TimeoutSeconds = 5)]
[Shutdown(GracefulSeconds = 30, ForceSeconds = 5)]
public sealed class UsageTrackerModule : LodestarModule<UsageTrackerOptions>
{
    private readonly Recorder _recorder = new();

    /// <inheritdoc />
    public override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IUsageRecorder>(_recorder);

    /// <inheritdoc />
    protected override ValueTask<Result> StartAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        _recorder.Start(context, Options);
        return new(Result.Success());
    }

    /// <inheritdoc />
    protected override ValueTask StopAsync(ModuleContext context, CancellationToken cancellationToken)
    {
        _recorder.Stop();
        return default;
    }

    /// <inheritdoc />
    protected override void ForceStop() => _recorder.Stop();

    private sealed class Recorder : IUsageRecorder
    {
        private volatile State? _state;

        public void Start(ModuleContext context, UsageTrackerOptions options) =>
            _state = new State(context, options, context.Services.GetRequiredService<IUsageStore>(), context.Services.GetService<IPriceList>());

        public void Stop() => _state = null;

        public async ValueTask<Result> RecordAsync(string model, int tokensIn, int tokensOut, TimeSpan duration, string sessionId, CancellationToken cancellationToken = default)
        {
            if (_state is not { } state)
            {
                return Error.Unavailable("usage-tracker.not-running", "The usage tracker is not running; enable the 'usage-tracker' module.");
            }

            if (tokensIn < 0 || tokensOut < 0 || (long)tokensIn + tokensOut > state.Options.MaxTokensPerRequest)
            {
                return Error.Validation(
                    "usage-tracker.tokens-out-of-range",
                    $"A request of {tokensIn} + {tokensOut} tokens is outside 0..{state.Options.MaxTokensPerRequest} (Lodestar:Modules:usage-tracker:Options:MaxTokensPerRequest).");
            }

            var cost = state.Prices is not null && state.Context.IsCapabilityActive("cost-report")
                ? state.Prices.CostOf(model, tokensIn, tokensOut)
                : null;
            var record = new UsageRecord(state.Context.TimeProvider.GetUtcNow(), model, tokensIn, tokensOut, cost, duration, sessionId);
            return await state.Store.AppendAsync(record, cancellationToken);
        }

        private sealed record State(ModuleContext Context, UsageTrackerOptions Options, IUsageStore Store, IPriceList? Prices);
    }
}
