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
        /// <summary>The longest model name or session id accepted: the record goes to the database as it is.</summary>
        private const int MaxNameLength = 200;

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

            if (InvalidRequest(model, duration, sessionId) is { } problem)
            {
                return Error.Validation("usage-tracker.request-invalid", problem);
            }

            var cost = state.Prices is not null && state.Context.IsCapabilityActive("cost-report")
                ? state.Prices.CostOf(model, tokensIn, tokensOut)
                : null;
            var record = new UsageRecord(state.Context.TimeProvider.GetUtcNow(), model, tokensIn, tokensOut, cost, duration, sessionId);
            return await state.Store.AppendAsync(record, cancellationToken);
        }

        private static string? InvalidRequest(string? model, TimeSpan duration, string? sessionId)
        {
            if (string.IsNullOrWhiteSpace(model) || model.Length > MaxNameLength)
            {
                return $"The model name must be 1 to {MaxNameLength} characters, not blank; it was {Describe(model)}.";
            }

            if (string.IsNullOrWhiteSpace(sessionId) || sessionId.Length > MaxNameLength)
            {
                return $"The session id must be 1 to {MaxNameLength} characters, not blank; it was {Describe(sessionId)}.";
            }

            return duration < TimeSpan.Zero ? $"The duration of a request cannot be negative; it was {duration}." : null;
        }

        // Never echoes a long value back: the length is enough to fix the call.
        private static string Describe(string? value) => value switch
        {
            null => "null",
            { Length: > MaxNameLength } => $"{value.Length} characters long",
            _ => $"'{value}'",
        };

        private sealed record State(ModuleContext Context, UsageTrackerOptions Options, IUsageStore Store, IPriceList? Prices);
    }
}
