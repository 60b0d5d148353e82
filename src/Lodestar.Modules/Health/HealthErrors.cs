using System.Globalization;
using Lodestar.Results;

namespace Lodestar.Modules;

/// <summary>The errors of health checks, with stable codes (<c>module.health.*</c>) and messages that name the module and the fix.</summary>
internal static class HealthErrors
{
    public static Error CheckTimedOut(string moduleId, TimeSpan timeout) =>
        Error.Timeout(
            "module.health.timeout",
            $"The health check of module '{moduleId}' did not finish within {Seconds(timeout)} s ([HealthCheck(TimeoutSeconds)]). Make CheckHealthAsync honour its CancellationToken and answer quickly, or raise TimeoutSeconds.",
            new Dictionary<string, string> { ["moduleId"] = moduleId, ["timeoutSeconds"] = Seconds(timeout) });

    public static Error CheckThrew(string moduleId, Exception exception) =>
        Error.Unexpected(
            "module.health.exception",
            $"The health check of module '{moduleId}' threw {exception.GetType().Name}: {exception.Message}. Return HealthReport.Down(...) for a known problem; fix the bug otherwise.",
            exception,
            new Dictionary<string, string> { ["moduleId"] = moduleId });

    public static Error NullReport(string moduleId) =>
        Error.Unexpected(
            "module.health.null-report",
            $"The health check of module '{moduleId}' returned no report. Return HealthReport.Healthy, HealthReport.Degraded(...) or HealthReport.Down(...).",
            details: new Dictionary<string, string> { ["moduleId"] = moduleId });

    public static Error HandlerFailures(string moduleId, HandlerFailureWindow handlers, TimeSpan window)
    {
        var last = handlers.LastFailure;
        return Error.Unexpected(
            "module.health.handler-failures",
            $"{handlers.Failures} of {handlers.Deliveries} deliveries to the event handlers of module '{moduleId}' failed in the last {Seconds(window)} s ({Percent(handlers.Rate)}); the most recent: {(last is null ? "unknown" : last.GetType().Name + ": " + last.Message)}. See the log (event 4000) for each failure.",
            last,
            details: new Dictionary<string, string>
            {
                ["moduleId"] = moduleId,
                ["deliveries"] = handlers.Deliveries.ToString(CultureInfo.InvariantCulture),
                ["failures"] = handlers.Failures.ToString(CultureInfo.InvariantCulture),
            });
    }

    /// <summary>Formats a share as a percentage with at most one decimal, e.g. 0.0833 as "8.3 %".</summary>
    public static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
