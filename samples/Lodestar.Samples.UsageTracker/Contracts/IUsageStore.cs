using Lodestar.Results;

namespace Lodestar.Samples.UsageTracker.Contracts;

/// <summary>Where usage records are kept. Provided by the <c>storage</c> module.</summary>
public interface IUsageStore
{
    /// <summary>Accepts one record; it is written to the database in the next batch.</summary>
    ValueTask<Result> AppendAsync(UsageRecord record, CancellationToken cancellationToken = default);

    /// <summary>Writes the records accepted so far, then sums those made at or after <paramref name="since"/>, per model.</summary>
    ValueTask<Result<IReadOnlyList<ModelUsage>>> SummarizeAsync(DateTimeOffset since, CancellationToken cancellationToken = default);
}
