namespace Lodestar.Samples.UsageTracker.Contracts;

/// <summary>Where usage records are kept. Provided by the <c>storage</c> module.</summary>
public interface IUsageStore
{
    /// <summary>Appends one record.</summary>
    Task AppendAsync(UsageRecord record, CancellationToken cancellationToken = default);

    /// <summary>Sums the records made at or after <paramref name="since"/>, per model.</summary>
    Task<IReadOnlyList<ModelUsage>> SummarizeAsync(DateTimeOffset since, CancellationToken cancellationToken = default);
}
