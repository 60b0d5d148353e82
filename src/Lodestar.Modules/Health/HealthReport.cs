using Lodestar.Results;

namespace Lodestar.Modules;

/// <summary>
/// The result of one health check: status, a human-readable description, how long the check
/// took, the last error, the module's uptime and optional data. Immutable; the fixed results
/// without data are cached.
/// </summary>
public sealed class HealthReport
{
    private static readonly IReadOnlyDictionary<string, object?> NoData = new Dictionary<string, object?>();

    /// <summary>Creates a report.</summary>
    /// <param name="status">The status.</param>
    /// <param name="description">What the status means here, e.g. the figure that made it degraded.</param>
    /// <param name="latency">How long the check took.</param>
    /// <param name="lastError">The error behind a degraded or down status, if any.</param>
    /// <param name="uptime">How long the module has been running, if it is.</param>
    /// <param name="data">Extra figures for dashboards, e.g. a queue length.</param>
    public HealthReport(
        HealthStatus status,
        string? description = null,
        TimeSpan latency = default,
        Error? lastError = null,
        TimeSpan? uptime = null,
        IReadOnlyDictionary<string, object?>? data = null)
    {
        Status = status;
        Description = description;
        Latency = latency;
        LastError = lastError;
        Uptime = uptime;
        Data = data ?? NoData;
    }

    /// <summary>Gets a cached healthy report without details.</summary>
    public static HealthReport Healthy { get; } = new(HealthStatus.Healthy);

    /// <summary>Gets the status.</summary>
    public HealthStatus Status { get; }

    /// <summary>Gets what the status means here.</summary>
    public string? Description { get; }

    /// <summary>Gets how long the check took.</summary>
    public TimeSpan Latency { get; }

    /// <summary>Gets the error behind a degraded or down status, if any.</summary>
    public Error? LastError { get; }

    /// <summary>Gets how long the module has been running, if it is.</summary>
    public TimeSpan? Uptime { get; }

    /// <summary>Gets extra figures for dashboards; empty when there are none.</summary>
    public IReadOnlyDictionary<string, object?> Data { get; }

    /// <summary>Creates a degraded report.</summary>
    /// <param name="description">Why, with the figure, e.g. "queue 9,500 of 10,000".</param>
    /// <param name="lastError">The error behind it, if any.</param>
    /// <returns>The report.</returns>
    public static HealthReport Degraded(string description, Error? lastError = null) => new(HealthStatus.Degraded, description, lastError: lastError);

    /// <summary>Creates a down report.</summary>
    /// <param name="description">Why.</param>
    /// <param name="lastError">The error behind it, if any.</param>
    /// <returns>The report.</returns>
    public static HealthReport Down(string description, Error? lastError = null) => new(HealthStatus.Down, description, lastError: lastError);

    /// <summary>Returns a copy with <see cref="Latency"/> set.</summary>
    /// <param name="latency">How long the check took.</param>
    /// <returns>The copy.</returns>
    public HealthReport WithLatency(TimeSpan latency) => new(Status, Description, latency, LastError, Uptime, Data);

    /// <summary>Returns a copy with <see cref="Uptime"/> set.</summary>
    internal HealthReport WithUptime(TimeSpan? uptime) => new(Status, Description, Latency, LastError, uptime, Data);

    /// <inheritdoc />
    public override string ToString() => Description is null ? Status.ToString() : $"{Status}: {Description}";
}
