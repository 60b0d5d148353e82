using Lodestar.Results;

namespace Lodestar.Samples.UsageTracker.Contracts;

/// <summary>Records model requests. Provided by the <c>usage-tracker</c> module.</summary>
public interface IUsageRecorder
{
    /// <summary>Records one request; fails when the tracker is not running or the request is out of bounds.</summary>
    ValueTask<Result> RecordAsync(string model, int tokensIn, int tokensOut, TimeSpan duration, string sessionId, CancellationToken cancellationToken = default);
}
