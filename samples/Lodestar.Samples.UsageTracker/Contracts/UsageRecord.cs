namespace Lodestar.Samples.UsageTracker.Contracts;

/// <summary>One simulated model request, as the seeds' usage log records it.</summary>
public sealed record UsageRecord(
    DateTimeOffset Timestamp,
    string Model,
    int TokensIn,
    int TokensOut,
    decimal? Cost,
    TimeSpan Duration,
    string SessionId);
