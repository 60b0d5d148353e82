using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ModuleHealthStatus = Lodestar.Modules.HealthStatus;

namespace Lodestar.Modules.Hosting;

/// <summary>
/// One module as an ASP.NET Core health check: reads the module's current report (kept by
/// <see cref="IModuleHealthMonitor"/>, so a request never runs the module's check) and maps
/// Healthy, Degraded and Down to Healthy, Degraded and the registration's failure status (Unhealthy
/// unless the application changed it). A module that is not enabled
/// reads Healthy with <c>enabled = false</c> in its data: the application's health counts only the
/// modules it wants on; when its report carries an error (an invalid <c>Enabled</c> setting), the
/// description keeps the report's, which says why.
/// </summary>
internal sealed class ModuleHealthCheck : IHealthCheck
{
    private readonly IModuleRuntime _runtime;
    private readonly string _moduleId;

    public ModuleHealthCheck(IModuleRuntime runtime, string moduleId)
    {
        _runtime = runtime;
        _moduleId = moduleId;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var found = _runtime.GetSnapshot(_moduleId);
        if (found.IsFailure)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, found.Error.Message));
        }

        var snapshot = found.Value;
        var report = snapshot.Health;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["module"] = snapshot.Id,
            ["version"] = snapshot.Version,
            ["state"] = snapshot.State.ToString(),
            ["enabled"] = snapshot.IsEnabled,
            ["status"] = report.Status.ToString(),
            ["latency_ms"] = Math.Round(report.Latency.TotalMilliseconds, 3),
        };
        if (report.Uptime is { } uptime)
        {
            data["uptime_seconds"] = Math.Round(uptime.TotalSeconds, 3);
        }

        if (report.LastError is { } error)
        {
            data["last_error"] = error.Message;
            data["last_error_code"] = error.Code;
        }

        foreach (var (key, value) in report.Data)
        {
            if (value is not null)
            {
                data.TryAdd(key, value);
            }
        }

        // A module off for a reason (an invalid Enabled setting, a stop that was abandoned) keeps saying why:
        // /health must not show a misconfigured module as one turned off on purpose.
        var result = !snapshot.IsEnabled
            ? HealthCheckResult.Healthy(
                report.LastError is null
                    ? string.Create(CultureInfo.InvariantCulture, $"Module '{snapshot.Id}' is disabled ({snapshot.State}); it does not count towards the application's health.")
                    : string.Create(CultureInfo.InvariantCulture, $"{report.Description} It is not enabled ({snapshot.State}), so it does not count towards the application's health."),
                data)
            : report.Status switch
            {
                ModuleHealthStatus.Healthy => HealthCheckResult.Healthy(report.Description, data),
                ModuleHealthStatus.Degraded => HealthCheckResult.Degraded(report.Description, report.LastError?.Exception, data),
                _ => new HealthCheckResult(context.Registration.FailureStatus, report.Description, report.LastError?.Exception, data),
            };
        return Task.FromResult(result);
    }
}
