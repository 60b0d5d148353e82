using Lodestar.Results;

namespace Lodestar.Samples.UsageTracker.Contracts;

/// <summary>Records model requests. Provided by the <c>usage-tracker</c> module.</summary>
public interface IUsageRecorder
{
    /// <summary>
    /// Records one request; fails when the tracker is not running, or with a validation error when the
    /// request is out of bounds: tokens outside <c>0..MaxTokensPerRequest</c>
    /// (<c>usage-tracker.tokens-out-of-range</c>), or a blank or over-long (more than 200 characters)
    /// model name or session id, or a negative duration (<c>usage-tracker.request-invalid</c>).
    /// </summary>
    ValueTask<Result> RecordAsync(string model, int tokensIn, int tokensOut, TimeSpan duration, string sessionId, CancellationToken cancellationToken = default);
}
