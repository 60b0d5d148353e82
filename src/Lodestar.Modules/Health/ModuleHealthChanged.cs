namespace Lodestar.Modules;

/// <summary>
/// Tells that a module's health status changed: which module, from what to what, the report that
/// made the change, and when. Published on the event bus and raised as
/// <see cref="IModuleHealthMonitor.HealthChanged"/> only when the status differs from the last one.
/// </summary>
/// <param name="ModuleId">The module's id.</param>
/// <param name="Previous">The status before.</param>
/// <param name="Current">The status now.</param>
/// <param name="Report">The report that carries the new status, its description and its last error.</param>
/// <param name="Timestamp">When the change was seen, from the runtime's <see cref="TimeProvider"/>.</param>
public sealed record ModuleHealthChanged(
    string ModuleId,
    HealthStatus Previous,
    HealthStatus Current,
    HealthReport Report,
    DateTimeOffset Timestamp);
