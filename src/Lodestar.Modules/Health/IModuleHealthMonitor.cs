using Lodestar.Results;

namespace Lodestar.Modules;

/// <summary>
/// Watches the health of every module: runs each running module's check on its
/// <see cref="HealthCheckAttribute.IntervalSeconds"/>, bounded by its
/// <see cref="HealthCheckAttribute.TimeoutSeconds"/>, keeps the last report, applies the alert
/// rules of <see cref="HealthMonitorOptions"/> and tells when a module's status changes.
/// </summary>
/// <remarks>
/// A module that is not running reads from its state: <see cref="ModuleState.Blocked"/>,
/// <see cref="ModuleState.Failed"/> and <see cref="ModuleState.Disabled"/> are
/// <see cref="HealthStatus.Down"/> with the reason; a module that is starting or stopping is
/// <see cref="HealthStatus.Degraded"/>; a running module is <see cref="HealthStatus.Healthy"/> until
/// its own check (<see cref="LodestarModule.CheckHealthAsync"/>) says otherwise. The Generic Host
/// integration (<c>Lodestar.Modules.Hosting</c>) starts the monitor after the modules and stops it
/// before them; without it, call <see cref="Start"/> and <see cref="StopAsync"/>.
/// </remarks>
public interface IModuleHealthMonitor
{
    /// <summary>
    /// Raised when a module's health status changes (not for a new report with the same status),
    /// synchronously, one module's changes in order; the same change is published on the event bus
    /// as <see cref="ModuleHealthChanged"/>. An exception from a handler is logged and ignored.
    /// </summary>
    event EventHandler<ModuleHealthChanged>? HealthChanged;

    /// <summary>Gets whether the monitor runs periodic checks (between <see cref="Start"/> and <see cref="StopAsync"/>).</summary>
    bool IsRunning { get; }

    /// <summary>Gets the worst status among the modules that are enabled (wanted on); <see cref="HealthStatus.Healthy"/> when none is.</summary>
    /// <returns>The aggregate status.</returns>
    HealthStatus GetAggregateStatus();

    /// <summary>Gets a module's current report: its last check while it runs, otherwise the report of its state.</summary>
    /// <param name="moduleId">The module id.</param>
    /// <returns>The report, or <c>module.not-found</c>.</returns>
    Result<HealthReport> GetReport(string moduleId);

    /// <summary>
    /// Checks a module now, as its periodic check would, and returns the report it now reads. The
    /// monitor waits for at most one check of a module at a time: when one is under way (the periodic
    /// one, or another caller's), this call waits for it instead of starting another. (A check
    /// abandoned after its timeout may still be running in the module's code meanwhile.)
    /// </summary>
    /// <param name="moduleId">The module id.</param>
    /// <param name="cancellationToken">Cancels waiting for the check, not the check, which others may be waiting for; the check's own timeout still applies.</param>
    /// <returns>The report, or <c>module.not-found</c>.</returns>
    ValueTask<Result<HealthReport>> CheckAsync(string moduleId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Starts checking every module: once at once, then on its interval. Also re-reads a module's
    /// status on every state change, so a module that stops or becomes blocked reads down at once.
    /// Calling it while running does nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// A handler of <see cref="ModuleHealthChanged"/> registered in the container cannot be built (the
    /// event bus resolves them here, before the first change is published); the monitor does not start.
    /// </exception>
    void Start();

    /// <summary>Stops the periodic checks and waits for checks under way to end (each is bounded by its timeout).</summary>
    /// <param name="cancellationToken">Stops waiting for checks under way (they are cancelled and end by themselves); this does not make the call throw.</param>
    /// <returns>A task that completes when the monitor has stopped, or the caller gave up waiting.</returns>
    ValueTask StopAsync(CancellationToken cancellationToken = default);
}
