namespace Lodestar.Modules;

/// <summary>
/// The built-in alert rules of the health monitor (<see cref="ModuleRuntimeOptions.Health"/>): a
/// running module whose health check is slow, or whose event handlers keep failing, reads
/// <see cref="HealthStatus.Degraded"/> with the figure in its description.
/// </summary>
public sealed class HealthMonitorOptions
{
    /// <summary>
    /// Gets or sets how long a module's health check may take before the module reads
    /// <see cref="HealthStatus.Degraded"/> ("slow responses"). A check that runs past the module's
    /// <see cref="HealthCheckAttribute.TimeoutSeconds"/> reads <see cref="HealthStatus.Down"/> instead.
    /// </summary>
    /// <value>The default value is 1 second.</value>
    public TimeSpan SlowCheckThreshold { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Gets or sets how many failures of the module's event handlers within
    /// <see cref="HandlerFailureWindow"/> make it read <see cref="HealthStatus.Degraded"/> ("high
    /// error rate"). Handlers count for the module that subscribed them through
    /// <see cref="ModuleContext.Events"/>. 0 turns the rule off.
    /// </summary>
    /// <value>The default value is 5.</value>
    public int HandlerFailureThreshold { get; set; } = 5;

    /// <summary>Gets or sets the sliding window in which handler failures are counted.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan HandlerFailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    internal void Validate()
    {
        if (SlowCheckThreshold <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"ModuleRuntimeOptions.Health.SlowCheckThreshold is {SlowCheckThreshold}; it must be positive.");
        }

        if (HandlerFailureThreshold < 0)
        {
            throw new InvalidOperationException(
                $"ModuleRuntimeOptions.Health.HandlerFailureThreshold is {HandlerFailureThreshold}; it must be at least 0 (0 turns the rule off).");
        }

        if (HandlerFailureWindow <= TimeSpan.Zero)
        {
            throw new InvalidOperationException(
                $"ModuleRuntimeOptions.Health.HandlerFailureWindow is {HandlerFailureWindow}; it must be positive.");
        }
    }
}
