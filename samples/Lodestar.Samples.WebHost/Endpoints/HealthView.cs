using Lodestar.Modules;

namespace Lodestar.Samples.WebHost.Endpoints;

/// <summary>A module's health in the seeds' shape: status, latency, last error and uptime, plus a description.</summary>
/// <param name="Status">healthy, degraded or down.</param>
/// <param name="Description">Why, with the figure.</param>
/// <param name="LatencyMs">How long the last check took.</param>
/// <param name="LastError">The error behind the status, if any.</param>
/// <param name="UptimeSeconds">How long the module has been running, if it is.</param>
public sealed record HealthView(string Status, string? Description, double LatencyMs, ErrorView? LastError, double? UptimeSeconds)
{
    /// <summary>Makes the view of a report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The view.</returns>
    public static HealthView Of(HealthReport report) => new(
        report.Status switch
        {
            HealthStatus.Healthy => "healthy",
            HealthStatus.Degraded => "degraded",
            _ => "down",
        },
        report.Description,
        Math.Round(report.Latency.TotalMilliseconds, 3),
        ErrorView.Of(report.LastError),
        report.Uptime is { } uptime ? Math.Round(uptime.TotalSeconds, 1) : null);
}
