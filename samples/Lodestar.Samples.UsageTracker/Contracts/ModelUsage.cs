namespace Lodestar.Samples.UsageTracker.Contracts;

/// <summary>Usage of one model summed over the log.</summary>
public sealed record ModelUsage(string Model, int Requests, long TokensIn, long TokensOut, decimal? Cost);
